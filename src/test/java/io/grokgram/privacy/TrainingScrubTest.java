package io.grokgram.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The training scrubber ({@link Redactor#forTraining}): every generated e-mail address, phone number, card number,
 * IBAN, username, profile link and street address is replaced by its typed placeholder and counted; nothing of it
 * survives; scrubbing twice changes nothing more.
 */
class TrainingScrubTest {
    private static final Redactor SCRUB = Redactor.forTraining(Redactor.DEFAULT_PHONE_REGIONS);
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    @Property(tries = 300)
    void every_generated_email_goes(@ForAll("emails") String email) {
        assertScrubbed("write to " + email + " please", email, "[EMAIL]", "email");
    }

    @Property(tries = 300)
    void every_generated_phone_number_goes(@ForAll("phones") String phone) {
        assertScrubbed("call me at " + phone + " tonight", phone, "[PHONE]", "phone");
    }

    @Property(tries = 300)
    void every_generated_card_number_goes(@ForAll("cards") String card) {
        assertScrubbed("my card is " + card + " ok", card, "[CARD]", "card");
    }

    @Property(tries = 300)
    void every_generated_iban_goes(@ForAll("ibans") String iban) {
        assertScrubbed("send it to " + iban + " thanks", iban, "[IBAN]", "iban");
    }

    @Property(tries = 300)
    void every_generated_username_goes(@ForAll("usernames") String username) {
        assertScrubbed("ask " + username + " about it", username, "[USERNAME]", "username");
    }

    @Property(tries = 300)
    void every_generated_profile_link_goes(@ForAll("profileLinks") String link) {
        assertScrubbed("see " + link + " for more", link, "[PROFILE_LINK]", "profile_link");
    }

    @Property(tries = 300)
    void every_generated_street_address_goes(@ForAll("addresses") String address) {
        assertScrubbed("I live at " + address + " since May", address, "[ADDRESS]", "address");
    }

    @Property(tries = 300)
    void scrubbing_twice_changes_nothing_more(@ForAll String text) {
        String once = SCRUB.redact(text).text();

        assertThat(SCRUB.redact(once).text()).isEqualTo(once);
    }

    @Test
    void a_username_ending_in_a_phone_length_run_of_digits_goes_whole_as_a_username() {
        // found by the username property: libphonenumber read "@a" + eight digits as a phone number inside the name
        assertScrubbed("ask @a12345678 about it", "@a12345678", "[USERNAME]", "username");
        assertScrubbed("ask @anna_19840312 about it", "@anna_19840312", "[USERNAME]", "username");
    }

    @Test
    void ordinary_numbers_dates_and_words_stay() {
        String text = "In 2026-11-01 we sold 1500 units at 42.50 each; meeting at 10:30, room 12.";

        Redaction result = SCRUB.redact(text);

        assertThat(result.text()).isEqualTo(text);
        assertThat(result.counts()).isEmpty();
    }

    @Test
    void a_text_with_one_of_each_keeps_its_words_and_counts_each_type() {
        String text = "Mail ada@example.org, phone +49 30 901820, card 4111 1111 1111 1111, IBAN GB82 WEST 1234 5698"
                + " 7654 32, I live at 221B Baker Street, ping @ada_lovelace or t.me/ada_lovelace.";

        Redaction result = SCRUB.redact(text);

        assertThat(result.text())
                .isEqualTo("Mail [EMAIL], phone [PHONE], card [CARD], IBAN [IBAN], I live at [ADDRESS], ping [USERNAME]"
                        + " or [PROFILE_LINK].");
        assertThat(result.counts())
                .containsOnlyKeys("email", "phone", "card", "iban", "address", "username", "profile_link");
    }

    private static void assertScrubbed(String text, String planted, String placeholder, String type) {
        Redaction result = SCRUB.redact(text);

        assertThat(result.text()).contains(placeholder).doesNotContain(planted);
        assertThat(result.counts()).containsEntry(type, 1);
    }

    @Provide
    Arbitrary<String> emails() {
        Arbitrary<String> local = Arbitraries.strings()
                .withCharRange('a', 'z')
                .withChars('.', '_', '+', '-')
                .ofMinLength(1)
                .ofMaxLength(20)
                .filter(s -> Character.isLetter(s.charAt(0)) && Character.isLetter(s.charAt(s.length() - 1)));
        Arbitrary<String> domain =
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(2).ofMaxLength(12);
        Arbitrary<String> tld = Arbitraries.of("com", "org", "de", "co.uk", "io", "museum");
        return Combinators.combine(local, domain, tld).as((l, d, t) -> l + "@" + d + "." + t);
    }

    /** A region's example number with its last digits varied, kept only if still possible, in one of three formats. */
    @Provide
    Arbitrary<String> phones() {
        Arbitrary<String> region = Arbitraries.of(Redactor.DEFAULT_PHONE_REGIONS);
        Arbitrary<Integer> tail = Arbitraries.integers().between(0, 999);
        Arbitrary<PhoneNumberUtil.PhoneNumberFormat> format = Arbitraries.of(
                PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL,
                PhoneNumberUtil.PhoneNumberFormat.E164,
                PhoneNumberUtil.PhoneNumberFormat.NATIONAL);
        return Combinators.combine(region, tail, format)
                .as((r, t, f) -> {
                    Phonenumber.PhoneNumber number = PHONES.getExampleNumber(r);
                    long national = number.getNationalNumber();
                    number.setNationalNumber(national - national % 1000 + t);
                    return PHONES.isPossibleNumber(number) ? PHONES.format(number, f) : "";
                })
                .filter(s ->
                        !s.isEmpty() && s.chars().filter(Character::isDigit).count() >= 7);
    }

    @Provide
    Arbitrary<String> cards() {
        return Arbitraries.strings()
                .numeric()
                .ofMinLength(12)
                .ofMaxLength(18)
                .filter(body -> body.charAt(0) != '0')
                .map(body -> body + checkDigit(body))
                .flatMap(digits -> Arbitraries.of(
                        digits,
                        digits.replaceAll("(\\d{4})(?=\\d)", "$1 "),
                        digits.replaceAll("(\\d{4})(?=\\d)", "$1-")));
    }

    /** IBANs of real lengths with computed check digits, unbroken or in groups of four. */
    @Provide
    Arbitrary<String> ibans() {
        Arbitrary<String[]> country = Arbitraries.of(List.of(
                new String[] {"DE", "18"},
                new String[] {"GB", "18"},
                new String[] {"FR", "23"},
                new String[] {"NL", "14"},
                new String[] {"ES", "20"},
                new String[] {"CH", "17"},
                new String[] {"IT", "23"}));
        return country.flatMap(c -> Arbitraries.strings()
                        .numeric()
                        .ofLength(Integer.parseInt(c[1]))
                        .map(bban -> c[0] + checkDigits(c[0], bban) + bban))
                .flatMap(iban -> Arbitraries.of(iban, iban.replaceAll("(.{4})(?=.)", "$1 ")));
    }

    @Provide
    Arbitrary<String> usernames() {
        Arbitrary<Character> first = Arbitraries.chars().range('a', 'z').range('A', 'Z');
        Arbitrary<String> rest = Arbitraries.strings()
                .withCharRange('a', 'z')
                .withCharRange('0', '9')
                .withChars('_')
                .ofMinLength(4)
                .ofMaxLength(31);
        return Combinators.combine(first, rest).as((f, r) -> "@" + f + r);
    }

    @Provide
    Arbitrary<String> profileLinks() {
        Arbitrary<String> name = usernames().map(u -> u.substring(1)).filter(n -> !n.endsWith("_"));
        Arbitrary<String> host = Arbitraries.of("t.me", "https://t.me", "http://telegram.me", "https://telegram.dog");
        Arbitrary<String> userId =
                Arbitraries.longs().between(1, 9_999_999_999L).map(id -> "tg://user?id=" + id);
        return Arbitraries.oneOf(Combinators.combine(host, name).as((h, n) -> h + "/" + n), userId);
    }

    @Provide
    Arbitrary<String> addresses() {
        Arbitrary<Integer> number = Arbitraries.integers().between(1, 9999);
        Arbitrary<String> letter = Arbitraries.of("", "A", "b");
        Arbitrary<String> name = Arbitraries.of("Baker", "Main", "Oak Tree", "King George", "Elm", "Victoria");
        Arbitrary<String> suffix = Arbitraries.of("Street", "St.", "Avenue", "Road", "Lane", "Boulevard", "Drive");
        Arbitrary<String> english =
                Combinators.combine(number, letter, name, suffix).as((n, l, s, x) -> n + l + " " + s + " " + x);
        Arbitrary<String> stem = Arbitraries.of("Haupt", "Linden", "Goethe", "Bahnhof", "Schiller", "Berg");
        Arbitrary<String> ending = Arbitraries.of("straße", "strasse", "weg", "gasse", "platz", "allee");
        Arbitrary<String> german = Combinators.combine(stem, ending, number, letter.map(l -> l.toLowerCase()))
                .as((s, e, n, l) -> s + e + " " + n + l);
        return Arbitraries.oneOf(english, german);
    }

    private static int checkDigit(String body) {
        for (int digit = 0; digit < 10; digit++) {
            if (Redactor.luhnValid(body + digit)) {
                return digit;
            }
        }
        throw new AssertionError("no check digit for " + body);
    }

    /** ISO 13616: 98 minus (BBAN + country as numbers + "00") mod 97, two digits. */
    private static String checkDigits(String country, String bban) {
        StringBuilder numeric = new StringBuilder(bban);
        for (char c : (country + "00").toCharArray()) {
            numeric.append(Character.digit(c, 36));
        }
        int check = 98
                - new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue();
        return String.format("%02d", check);
    }
}

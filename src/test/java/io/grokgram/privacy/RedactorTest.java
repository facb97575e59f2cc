package io.grokgram.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class RedactorTest {
    private static final Redactor ALL = Redactor.of(EnumSet.allOf(Detector.class), Map.of());

    @Test
    void nothing_is_redacted_by_default() {
        String text = "card 4111 1111 1111 1111, phone +49 30 1234567, mail ada@example.org";

        Redaction none = Redactor.none().redact(text);

        assertThat(none.text()).isEqualTo(text);
        assertThat(none.counts()).isEmpty();
        assertThat(Redactor.none().enabled()).isFalse();
    }

    @Test
    void luhn_valid_card_numbers_go_with_spaces_dashes_or_none() {
        Redactor cards = Redactor.of(Set.of(Detector.CARD), Map.of());

        Redaction redaction =
                cards.redact("Visa 4111 1111 1111 1111, Amex 3782-822463-10005 and Mastercard 5555555555554444.");

        assertThat(redaction.text())
                .isEqualTo(
                        "Visa [card number removed], Amex [card number removed] and Mastercard [card number removed].");
        assertThat(redaction.counts()).containsExactly(Map.entry("card", 3));
    }

    @Test
    void digit_runs_that_fail_luhn_or_the_length_stay() {
        Redactor cards = Redactor.of(Set.of(Detector.CARD), Map.of());
        String text =
                "order 4111 1111 1111 1112, invoice 1234567890123456, id 411111111111 and" + " 41111111111111111111111";

        Redaction redaction = cards.redact(text);

        assertThat(redaction.text()).isEqualTo(text);
        assertThat(redaction.total()).isZero();
    }

    @Test
    void phone_numbers_in_international_and_national_formats_go() {
        Redactor phones = Redactor.of(Set.of(Detector.PHONE), Map.of());

        Redaction redaction =
                phones.redact("Call +49 30 1234567, 0044 20 7946 0958, (030) 1234-5678, 555-123-4567 or 0301234567.");

        assertThat(redaction.text())
                .isEqualTo("Call [phone number removed], [phone number removed], [phone number removed],"
                        + " [phone number removed] or [phone number removed].");
        assertThat(redaction.counts()).containsExactly(Map.entry("phone", 5));
    }

    @Test
    void numbers_that_are_not_phone_numbers_stay() {
        Redactor phones = Redactor.of(Set.of(Detector.PHONE), Map.of());
        String text = "On 2025-06-01 (or 01.06.2025) we sold 12345678 units at 1 234 each; call 112.";

        assertThat(phones.redact(text).text()).isEqualTo(text);
    }

    @Test
    void email_addresses_go() {
        Redactor mail = Redactor.of(Set.of(Detector.EMAIL), Map.of());

        Redaction redaction = mail.redact("Write to ada.lovelace+bot@mail.example.co.uk or bob@example.org.");

        assertThat(redaction.text()).isEqualTo("Write to [e-mail address removed] or [e-mail address removed].");
        assertThat(redaction.counts()).containsExactly(Map.entry("email", 2));
    }

    @Test
    void a_card_number_counts_as_a_card_even_with_phones_on() {
        Redaction redaction = ALL.redact("4111-1111-1111-1111");

        assertThat(redaction.counts()).containsExactly(Map.entry("card", 1));
    }

    @Test
    void custom_patterns_are_named_in_the_marker_and_the_counts() {
        Redactor custom = Redactor.of(Set.of(), Map.of("employee_id", Pattern.compile("\\bEMP-\\d{5}\\b")));

        Redaction redaction = custom.redact("EMP-12345 asked EMP-54321 about EMP-1.");

        assertThat(redaction.text()).isEqualTo("[employee_id removed] asked [employee_id removed] about EMP-1.");
        assertThat(redaction.counts()).containsExactly(Map.entry("employee_id", 2));
    }

    @Test
    void a_custom_pattern_cannot_take_a_built_in_name() {
        assertThatThrownBy(() -> Redactor.of(Set.of(), Map.of("card", Pattern.compile("x"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("card");
    }

    @Property
    void redacting_twice_changes_nothing_more(@ForAll String text) {
        String once = ALL.redact(text).text();

        assertThat(ALL.redact(once).text()).isEqualTo(once);
    }

    @Property
    void every_valid_card_number_goes_however_it_is_written(@ForAll("cardDigits") String digits) {
        String spaced = digits.replaceAll("(\\d{4})(?=\\d)", "$1 ");

        assertThat(ALL.redact("pay with " + spaced + " today").text())
                .isEqualTo("pay with [card number removed] today");
    }

    @Provide
    Arbitrary<String> cardDigits() {
        return Arbitraries.strings()
                .numeric()
                .ofMinLength(12)
                .ofMaxLength(18)
                .filter(body -> body.charAt(0) != '0')
                .map(body -> body + checkDigit(body));
    }

    /** The digit that makes {@code body} + digit pass the Luhn check. */
    private static int checkDigit(String body) {
        for (int digit = 0; digit < 10; digit++) {
            if (Redactor.luhnValid(body + digit)) {
                return digit;
            }
        }
        throw new AssertionError("no check digit for " + body);
    }
}

package io.grokgram.privacy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces personal data with a marker: for the gate, what the operator chose to keep from providers, as a sentence
 * such as {@code [card number removed]} (the built-in {@link Detector detectors} and named patterns of the operator's
 * own; nothing is on by default: redaction changes what the user said, so it is the operator's decision); for the
 * training dataset ({@link #forTraining()}), every detector, with typed placeholders such as {@code [CARD]}.
 *
 * <p>Detectors run in the order of {@link Detector} (profile link, e-mail, IBAN, card, phone, address, username), then
 * the custom patterns in configuration order, so a card number is reported as one and not as a phone number, and an
 * e-mail address is not taken for a username. Markers contain no digits and no {@code @}: redacting twice changes
 * nothing more. Detection is heuristic: a phone-like number (an order number, say) may go, an unusual phone format may
 * stay. The gate finds phone numbers by their shape; the training dataset asks libphonenumber, which knows each
 * region's numbering plan (see {@link PhoneNumbers}).
 */
public final class Redactor {
    private static final Pattern EMAIL =
            Pattern.compile("(?<![\\w.+-])[\\w.%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9-]+)*"
                    + "\\.[A-Za-z]{2,24}(?![\\w-])");
    /** 13 to 19 digits, a single space or dash allowed between any two. */
    private static final Pattern CARD = Pattern.compile("(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?![\\d-])");
    /**
     * A phone number candidate: an optional {@code +}, then digits with spaces, dots, dashes and parentheses between
     * them. One character class rather than nested groups, so a long run of digits costs linear time; the digit count
     * and the shape are checked afterwards.
     */
    private static final Pattern PHONE = Pattern.compile("(?<![\\w+])\\+?\\(?\\d[\\d ().-]{5,22}\\d(?![\\w-])");
    /** Country code, check digits, then 11 to 30 letters and digits, unbroken or in groups of four (as printed). */
    private static final Pattern IBAN =
            Pattern.compile("(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])");
    /**
     * A house number, one to three capitalised words and a street word ({@code 221B Baker Street}), or the German and
     * central European order: a street word ending and a house number ({@code Hauptstraße 5}, {@code Lindenweg 12a}).
     */
    private static final Pattern ADDRESS = Pattern.compile("(?<![\\w-])\\d{1,5}[A-Za-z]?,? (?:[A-Z][A-Za-z'-]+ ){1,3}"
            + "(?:Street|St\\.|Avenue|Ave\\.|Road|Rd\\.|Boulevard|Blvd\\.|Lane|Ln\\.|Drive|Dr\\.|Court|Ct\\.|Way"
            + "|Place|Pl\\.|Square|Sq\\.|Terrace|Close|Crescent|Highway)(?![\\w])"
            + "|(?<![\\w-])[A-ZÄÖÜ][a-zäöüß-]+(?:straße|strasse|str\\.|weg|gasse|platz|allee|ring|damm|ufer)"
            + " \\d{1,4}[a-z]?(?![\\w])");
    /** Telegram usernames: a letter, then letters, digits and _, 5 to 32 in all, after an {@code @}. */
    private static final Pattern USERNAME = Pattern.compile("(?<![\\w@.])@[A-Za-z][A-Za-z0-9_]{4,31}(?![\\w])");
    /** Links to Telegram profiles, channels and chats, with or without a scheme. */
    private static final Pattern PROFILE_LINK = Pattern.compile("(?i)(?<![\\w.-])(?:https?://)?(?:www\\.)?"
            + "(?:t\\.me|telegram\\.me|telegram\\.dog)/[A-Za-z0-9_+/-]+|tg://[a-z]+\\?[A-Za-z0-9_=&.-]+");

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DOTTED_DATE = Pattern.compile("\\d{1,2}\\.\\d{1,2}\\.\\d{2,4}");

    private final List<Rule> rules;

    /** A detector's name, how it finds candidates (start and end of each, in order, not overlapping) and its marker. */
    private record Rule(String name, Finder finder, String replacement) {}

    /** Where a detector's findings are in a text: pairs of start (inclusive) and end (exclusive), in order. */
    @FunctionalInterface
    interface Finder {
        List<int[]> find(String text);

        static Finder matching(Pattern pattern, Predicate<String> accepts) {
            return text -> {
                List<int[]> found = new ArrayList<>();
                Matcher matcher = pattern.matcher(text);
                while (matcher.find()) {
                    if (accepts.test(matcher.group())) {
                        found.add(new int[] {matcher.start(), matcher.end()});
                    }
                }
                return found;
            };
        }
    }

    private Redactor(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** A redactor that changes nothing: the default. */
    public static Redactor none() {
        return new Redactor(List.of());
    }

    /**
     * @param builtIn the built-in detectors to run
     * @param custom named patterns, each replaced by {@code [NAME removed]}; names are lower-case words and must not
     *     clash with a built-in detector's key
     */
    public static Redactor of(Set<Detector> builtIn, Map<String, Pattern> custom) {
        Set<Detector> on = builtIn.isEmpty() ? EnumSet.noneOf(Detector.class) : EnumSet.copyOf(builtIn);
        List<Rule> rules = new ArrayList<>();
        for (Detector detector : on) { // EnumSet iterates in declaration order: the order detectors run in
            rules.add(new Rule(detector.key(), gateFinder(detector), detector.replacement()));
        }
        new LinkedHashMap<>(custom).forEach((name, pattern) -> {
            if (!name.matches("[a-z][a-z0-9_]{0,31}") || Detector.byKey(name).isPresent()) {
                throw new IllegalArgumentException("a custom redaction pattern needs a lower-case name of letters,"
                        + " digits and _ that is not a built-in detector's, got '" + name + "'");
            }
            rules.add(new Rule(
                    name,
                    Finder.matching(Objects.requireNonNull(pattern, name), match -> true),
                    "[" + name + " removed]"));
        });
        return new Redactor(rules);
    }

    /**
     * Every detector, with typed placeholders ({@code [EMAIL]}, {@code [PHONE]}, …), phone numbers found by
     * libphonenumber in {@code phoneRegions} (the regions a number without a country code is read as): what the
     * training dataset is scrubbed with.
     */
    public static Redactor forTraining(List<String> phoneRegions) {
        PhoneNumbers phones = new PhoneNumbers(phoneRegions);
        List<Rule> rules = new ArrayList<>();
        for (Detector detector : Detector.values()) {
            Finder finder = detector == Detector.PHONE ? phones::find : gateFinder(detector);
            rules.add(new Rule(detector.key(), finder, detector.placeholder()));
        }
        return new Redactor(rules);
    }

    /** The regions {@link #forTraining} reads national phone numbers in when none are configured. */
    public static final List<String> DEFAULT_PHONE_REGIONS =
            List.of("US", "GB", "DE", "FR", "ES", "IT", "NL", "RU", "UA", "IN", "BR", "CH", "AT", "PL");

    private static Finder gateFinder(Detector detector) {
        return switch (detector) {
            case PROFILE_LINK -> Finder.matching(PROFILE_LINK, match -> true);
            case EMAIL -> Finder.matching(EMAIL, match -> true);
            case IBAN -> Finder.matching(IBAN, Redactor::ibanValid);
            case CARD -> Finder.matching(CARD, Redactor::luhnValid);
            case PHONE -> Finder.matching(PHONE, Redactor::phoneLike);
            case ADDRESS -> Finder.matching(ADDRESS, match -> true);
            case USERNAME -> Finder.matching(USERNAME, match -> true);
        };
    }

    /** Whether any detector is on. */
    public boolean enabled() {
        return !rules.isEmpty();
    }

    /** The names of the detectors that run, in order. */
    public List<String> detectors() {
        return rules.stream().map(Rule::name).toList();
    }

    public Redaction redact(String text) {
        Objects.requireNonNull(text, "text");
        String current = text;
        TreeMap<String, Integer> counts = new TreeMap<>();
        for (Rule rule : rules) {
            List<int[]> found = rule.finder().find(current);
            if (found.isEmpty()) {
                continue;
            }
            StringBuilder out = new StringBuilder(current.length());
            int at = 0;
            for (int[] span : found) {
                out.append(current, at, span[0]).append(rule.replacement());
                at = span[1];
            }
            out.append(current, at, current.length());
            counts.merge(rule.name(), found.size(), Integer::sum);
            current = out.toString();
        }
        return new Redaction(current, counts);
    }

    /** The Luhn checksum every payment card number satisfies; random digit runs fail it nine times in ten. */
    static boolean luhnValid(String candidate) {
        String digits = candidate.replaceAll("\\D", "");
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }

    /**
     * The IBAN check: the first four characters moved to the end, letters as numbers (A = 10 … Z = 35), the whole
     * number modulo 97 is 1. Random strings pass it about once in 97.
     */
    static boolean ibanValid(String candidate) {
        String iban = candidate.replace(" ", "");
        if (iban.length() < 15 || iban.length() > 34) {
            return false;
        }
        String moved = iban.substring(4) + iban.substring(0, 4);
        int remainder = 0;
        for (int i = 0; i < moved.length(); i++) {
            int value = Character.digit(moved.charAt(i), 36);
            if (value < 0) {
                return false;
            }
            remainder = (value < 10 ? remainder * 10 + value : remainder * 100 + value) % 97;
        }
        return remainder == 1;
    }

    /**
     * 8 to 15 digits (E.164 allows 15), and the shape of a phone number rather than of another number: international
     * ({@code +}, {@code 00}), national (a leading 0 or a parenthesised area code), or digit groups with separators —
     * but not a date.
     */
    private static boolean phoneLike(String candidate) {
        String digits = candidate.replaceAll("\\D", "");
        if (digits.length() < 8 || digits.length() > 15) {
            return false;
        }
        if (ISO_DATE.matcher(candidate).matches()
                || DOTTED_DATE.matcher(candidate).matches()) {
            return false;
        }
        boolean international = candidate.startsWith("+") || candidate.startsWith("00");
        boolean national = candidate.startsWith("0") || candidate.startsWith("(");
        boolean grouped = candidate.chars().anyMatch(c -> c == ' ' || c == '-' || c == '.');
        return international || national || grouped;
    }
}

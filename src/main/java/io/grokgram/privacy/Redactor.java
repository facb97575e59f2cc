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
 * Replaces personal data the operator chose to keep from providers with a marker such as {@code [card number
 * removed]}: the built-in {@link Detector detectors} and named patterns of the operator's own. Nothing is on by
 * default: redaction changes what the user said, so it is the operator's decision.
 *
 * <p>Detectors run in a fixed order (e-mail, card, phone, then the custom patterns in configuration order), so a card
 * number is reported as one and not as a phone number. Markers contain no digits and no {@code @}: redacting twice
 * changes nothing more. Detection is heuristic: a phone-like number (an order number, say) may go, an unusual phone
 * format may stay.
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

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DOTTED_DATE = Pattern.compile("\\d{1,2}\\.\\d{1,2}\\.\\d{2,4}");

    private final List<Rule> rules;

    private record Rule(String name, Pattern pattern, String replacement, Predicate<String> accepts) {}

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
        if (on.contains(Detector.EMAIL)) {
            rules.add(new Rule(Detector.EMAIL.key(), EMAIL, Detector.EMAIL.replacement(), match -> true));
        }
        if (on.contains(Detector.CARD)) {
            rules.add(new Rule(Detector.CARD.key(), CARD, Detector.CARD.replacement(), Redactor::luhnValid));
        }
        if (on.contains(Detector.PHONE)) {
            rules.add(new Rule(Detector.PHONE.key(), PHONE, Detector.PHONE.replacement(), Redactor::phoneLike));
        }
        new LinkedHashMap<>(custom).forEach((name, pattern) -> {
            if (!name.matches("[a-z][a-z0-9_]{0,31}") || Detector.byKey(name).isPresent()) {
                throw new IllegalArgumentException("a custom redaction pattern needs a lower-case name of letters,"
                        + " digits and _ that is not a built-in detector's, got '" + name + "'");
            }
            rules.add(new Rule(name, Objects.requireNonNull(pattern, name), "[" + name + " removed]", match -> true));
        });
        return new Redactor(rules);
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
            Matcher matcher = rule.pattern().matcher(current);
            StringBuilder out = new StringBuilder(current.length());
            int found = 0;
            while (matcher.find()) {
                if (rule.accepts().test(matcher.group())) {
                    matcher.appendReplacement(out, Matcher.quoteReplacement(rule.replacement()));
                    found++;
                }
            }
            matcher.appendTail(out);
            if (found > 0) {
                counts.merge(rule.name(), found, Integer::sum);
                current = out.toString();
            }
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

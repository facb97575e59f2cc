package io.grokgram.app;

import static io.grokgram.app.SettingValues.flag;
import static io.grokgram.app.SettingValues.whole;

import io.grokgram.privacy.Detector;
import io.grokgram.privacy.MasterKey;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the privacy settings: the policy version, what the provider keeps, redaction (built-in detectors and the
 * operator's {@code GROKGRAM_REDACT_PATTERN_<NAME>} patterns), how long content is kept, and the master key. Every
 * problem goes to the loader's list; the master key's value is never shown.
 */
final class PrivacyConfig {
    /** The variables that hold the operator's own redaction patterns; the loader accepts them beside the settings. */
    static final Pattern PATTERN_VARIABLE = Pattern.compile("GROKGRAM_REDACT_PATTERN_([A-Z][A-Z0-9_]{0,31})");

    private PrivacyConfig() {}

    /**
     * @param raw the value of a setting, its default when unset
     * @param values every variable the loader read, for the pattern variables
     */
    static Config.Privacy parse(Function<Setting, String> raw, Map<String, String> values, ConfigProblems problems) {
        int version = whole(Setting.PRIVACY_POLICY_VERSION, raw, 1, 1_000_000, problems);
        int retentionDays = whole(Setting.MESSAGE_RETENTION_DAYS, raw, 0, 36_500, problems);
        String statement = raw.apply(Setting.PROVIDER_RETENTION);
        return new Config.Privacy(
                version,
                detectors(raw.apply(Setting.REDACT), problems),
                patterns(values, problems),
                Duration.ofDays(retentionDays),
                statement.isEmpty() ? Optional.empty() : Optional.of(statement),
                flag(Setting.ZERO_DATA_RETENTION, raw, problems),
                masterKey(raw.apply(Setting.MASTER_KEY), problems));
    }

    private static Set<Detector> detectors(String value, ConfigProblems problems) {
        Set<Detector> detectors = EnumSet.noneOf(Detector.class);
        for (String word : value.split(",")) {
            if (word.isBlank()) {
                continue;
            }
            Optional<Detector> detector = Detector.byKey(word);
            if (detector.isEmpty()) {
                problems.add(
                        Setting.REDACT.key(),
                        "'" + value + "'",
                        "a comma-separated list of card, phone, email, iban, address, username and profile_link ('"
                                + word.strip() + "' is none of them)");
            }
            detector.ifPresent(detectors::add);
        }
        return detectors;
    }

    private static Map<String, Pattern> patterns(Map<String, String> values, ConfigProblems problems) {
        Map<String, Pattern> patterns = new TreeMap<>();
        values.forEach((variable, regex) -> {
            var matcher = PATTERN_VARIABLE.matcher(variable);
            if (!matcher.matches()) {
                return;
            }
            String name = matcher.group(1).toLowerCase(Locale.ROOT);
            if (Detector.byKey(name).isPresent()) {
                problems.add(variable, "'" + regex + "'", "a name of its own: " + name + " is a built-in detector");
                return;
            }
            if (regex.isBlank()) {
                problems.add(variable, "''", "a Java regular expression, e.g. \\bID-\\d{6}\\b");
                return;
            }
            try {
                patterns.put(name, Pattern.compile(regex));
            } catch (PatternSyntaxException e) {
                problems.add(
                        variable,
                        "'" + regex + "'",
                        "a Java regular expression (" + e.getDescription() + " at index " + e.getIndex() + ")");
            }
        });
        return patterns;
    }

    private static Optional<MasterKey> masterKey(String value, ConfigProblems problems) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(MasterKey.fromBase64(value));
        } catch (IllegalArgumentException e) {
            problems.add(
                    Setting.MASTER_KEY.key(),
                    Setting.MASTER_KEY.shown(value),
                    "base64 of 32 random bytes, e.g. from `openssl rand -base64 32` (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }
}

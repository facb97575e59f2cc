package io.grokgram.assistant;

import com.ibm.icu.text.MessagePattern;
import com.ibm.icu.text.PluralRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What {@code grokgram i18n check} and the bundle tests check: every bundle has exactly English's keys, each text
 * parses as ICU MessageFormat with the same placeholders as English, each plural names exactly the categories of its
 * language (Russian one/few/many/other, Arabic zero/one/two/few/many/other, Indonesian other...), and every English key
 * is used by some code. A translation falling behind shows as a list of missing keys, one line each.
 */
public final class TextsCheck {
    /** One thing wrong with the bundles; {@code language} is empty for a problem of the English reference itself. */
    public sealed interface Problem {
        String describe();

        record Missing(Language language, String key) implements Problem {
            @Override
            public String describe() {
                return language + ": missing key " + key;
            }
        }

        record Extra(Language language, String key) implements Problem {
            @Override
            public String describe() {
                return language + ": key " + key + " is not in the English bundle";
            }
        }

        record Unparsable(Language language, String key, String reason) implements Problem {
            @Override
            public String describe() {
                return language + ": " + key + " is not valid ICU MessageFormat: " + reason;
            }
        }

        record Placeholders(Language language, String key, Set<String> english, Set<String> found) implements Problem {
            @Override
            public String describe() {
                return language + ": " + key + " has placeholders " + found + ", English has " + english;
            }
        }

        record Plural(Language language, String key, String argument, String reason) implements Problem {
            @Override
            public String describe() {
                return language + ": " + key + " plural {" + argument + "}: " + reason;
            }
        }

        record Unused(String key) implements Problem {
            @Override
            public String describe() {
                return "en: key " + key + " is used by no code";
            }
        }
    }

    private TextsCheck() {}

    /**
     * Checks {@code bundles} against their English member; {@code used} says whether code refers to a key (see {@link
     * KeyUsage}).
     */
    public static List<Problem> check(Map<Language, Map<String, String>> bundles, Predicate<String> used) {
        Map<String, String> english = bundles.get(Language.ENGLISH);
        if (english == null) {
            throw new IllegalArgumentException("there is no English bundle (messages.properties) to check against");
        }
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<Language, Map<String, String>> bundle : bundles.entrySet()) {
            Language language = bundle.getKey();
            Map<String, String> texts = bundle.getValue();
            for (String key : new TreeSet<>(english.keySet())) {
                if (!texts.containsKey(key)) {
                    problems.add(new Problem.Missing(language, key));
                }
            }
            for (String key : new TreeSet<>(texts.keySet())) {
                if (!english.containsKey(key)) {
                    problems.add(new Problem.Extra(language, key));
                    continue;
                }
                problems.addAll(checkText(language, key, texts.get(key), english.get(key)));
            }
        }
        new TreeSet<>(english.keySet())
                .stream().filter(used.negate()).map(Problem.Unused::new).forEach(problems::add);
        return problems;
    }

    private static List<Problem> checkText(Language language, String key, String text, String englishText) {
        MessagePattern pattern;
        try {
            pattern = new MessagePattern(text);
        } catch (IllegalArgumentException e) {
            return List.of(new Problem.Unparsable(language, key, e.getMessage()));
        }
        List<Problem> problems = new ArrayList<>();
        Set<String> found = arguments(pattern);
        Set<String> expected = language.equals(Language.ENGLISH) ? found : arguments(new MessagePattern(englishText));
        if (!found.equals(expected)) {
            problems.add(new Problem.Placeholders(language, key, expected, found));
        }
        PluralRules rules = PluralRules.forLocale(language.uLocale());
        for (int i = 0; i < pattern.countParts(); i++) {
            MessagePattern.Part part = pattern.getPart(i);
            if (part.getType() == MessagePattern.Part.Type.ARG_START
                    && part.getArgType() == MessagePattern.ArgType.PLURAL) {
                String argument = pattern.getSubstring(pattern.getPart(i + 1));
                checkPlural(rules, selectors(pattern, i)).stream()
                        .map(reason -> new Problem.Plural(language, key, argument, reason))
                        .forEach(problems::add);
            }
        }
        return problems;
    }

    /** Problems of one plural's selectors against the language's categories: none unknown, none missing. */
    static List<String> checkPlural(PluralRules rules, Collection<String> selectors) {
        Set<String> categories = rules.getKeywords();
        List<String> reasons = new ArrayList<>();
        Set<String> named = new TreeSet<>();
        for (String selector : selectors) {
            if (selector.startsWith("=")) {
                continue; // an exact value (=0) is valid in every language
            }
            if (!categories.contains(selector)) {
                reasons.add("category '" + selector + "' does not exist in this language (it has "
                        + new TreeSet<>(categories) + ")");
            }
            named.add(selector);
        }
        Set<String> missing = new TreeSet<>(categories);
        missing.removeAll(named);
        // a category only fractions reach (Russian "other") cannot come up with counts
        missing.removeIf(category -> {
            Collection<Double> integers = rules.getSamples(category);
            return integers == null || integers.isEmpty();
        });
        if (!missing.isEmpty()) {
            reasons.add("lacks the categories " + missing + " this language needs for whole numbers");
        }
        return reasons;
    }

    /** The selectors of the complex argument starting at part {@code start}, skipping their nested messages. */
    private static List<String> selectors(MessagePattern pattern, int start) {
        List<String> selectors = new ArrayList<>();
        int limit = pattern.getLimitPartIndex(start);
        for (int j = start + 1; j < limit; j++) {
            MessagePattern.Part part = pattern.getPart(j);
            if (part.getType() == MessagePattern.Part.Type.ARG_SELECTOR) {
                selectors.add(pattern.getSubstring(part));
            } else if (part.getType() == MessagePattern.Part.Type.MSG_START) {
                j = pattern.getLimitPartIndex(j);
            }
        }
        return selectors;
    }

    /** The names or numbers of every argument, nested ones included. */
    private static Set<String> arguments(MessagePattern pattern) {
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < pattern.countParts(); i++) {
            MessagePattern.Part part = pattern.getPart(i);
            if (part.getType() == MessagePattern.Part.Type.ARG_NAME
                    || part.getType() == MessagePattern.Part.Type.ARG_NUMBER) {
                names.add("{" + pattern.getSubstring(part) + "}");
            }
        }
        return names;
    }
}

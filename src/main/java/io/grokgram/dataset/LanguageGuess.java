package io.grokgram.dataset;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The language of a text for the dataset card's language mix, by a documented heuristic rather than a model: no
 * language detector is on the build's list (Lingua's models are hundreds of megabytes). First the script: Cyrillic,
 * Greek, Arabic, Hebrew, Devanagari, Hangul, kana (Japanese), Han (Chinese), Thai each name one language or family;
 * for Latin script, the most common function words of eight languages are counted, and the most frequent wins
 * ({@code und} when none is found). Good enough for a mix; not for routing a single message.
 */
final class LanguageGuess {
    private static final Map<String, Set<String>> FUNCTION_WORDS = new TreeMap<>(Map.of(
            "en", Set.of("the", "and", "is", "are", "you", "what", "how", "of", "to", "in", "it", "for", "with", "my"),
            "de", Set.of("der", "die", "das", "und", "ist", "nicht", "ich", "wie", "was", "mit", "ein", "eine", "zu"),
            "fr", Set.of("le", "la", "les", "et", "est", "une", "un", "je", "vous", "que", "pour", "pas", "des", "du"),
            "es", Set.of("el", "los", "las", "y", "es", "una", "que", "por", "para", "cómo", "qué", "del", "con"),
            "it", Set.of("il", "lo", "gli", "e", "è", "che", "per", "non", "una", "come", "sono", "della", "di"),
            "pt", Set.of("o", "os", "as", "e", "é", "não", "que", "uma", "para", "como", "com", "do", "da", "você"),
            "nl", Set.of("de", "het", "een", "en", "is", "niet", "ik", "wat", "hoe", "voor", "met", "van", "je"),
            "pl", Set.of("i", "w", "nie", "jest", "się", "na", "że", "jak", "co", "to", "z", "do", "czy")));

    private LanguageGuess() {}

    static String of(String text) {
        int[] scripts = new int[Script.values().length];
        text.codePoints().forEach(c -> {
            Script script = Script.of(c);
            if (script != null) {
                scripts[script.ordinal()]++;
            }
        });
        Script top = null;
        for (Script script : Script.values()) {
            if (scripts[script.ordinal()] > 0 && (top == null || scripts[script.ordinal()] > scripts[top.ordinal()])) {
                top = script;
            }
        }
        if (top == null) {
            return "und";
        }
        if (top != Script.LATIN) {
            // kana beside Han is Japanese, not Chinese
            return top == Script.HAN && scripts[Script.KANA.ordinal()] > 0 ? "ja" : top.language;
        }
        return latin(text);
    }

    private static String latin(String text) {
        Map<String, Integer> hits = new TreeMap<>();
        for (String word : text.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}]+")) {
            FUNCTION_WORDS.forEach((language, words) -> {
                if (words.contains(word)) {
                    hits.merge(language, 1, Integer::sum);
                }
            });
        }
        return hits.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder())))
                .map(Map.Entry::getKey)
                .orElse("und");
    }

    private enum Script {
        LATIN("und"),
        CYRILLIC("ru"),
        GREEK("el"),
        ARABIC("ar"),
        HEBREW("he"),
        DEVANAGARI("hi"),
        HANGUL("ko"),
        KANA("ja"),
        HAN("zh"),
        THAI("th");

        private final String language;

        Script(String language) {
            this.language = language;
        }

        static Script of(int codePoint) {
            if (!Character.isLetter(codePoint)) {
                return null;
            }
            return switch (Character.UnicodeScript.of(codePoint)) {
                case LATIN -> LATIN;
                case CYRILLIC -> CYRILLIC;
                case GREEK -> GREEK;
                case ARABIC -> ARABIC;
                case HEBREW -> HEBREW;
                case DEVANAGARI -> DEVANAGARI;
                case HANGUL -> HANGUL;
                case HIRAGANA, KATAKANA -> KANA;
                case HAN -> HAN;
                case THAI -> THAI;
                default -> null;
            };
        }
    }
}

package io.grokgram.dataset;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns that teach a model nothing: commands ({@code /start}), greetings and thanks on their own ("hi", "thanks!",
 * "good morning"), and questions of fewer than {@value #MIN_LETTERS} letters. Judged on the question; the answer to a
 * greeting is a greeting too.
 */
final class TrivialTurns {
    static final int MIN_LETTERS = 4;
    private static final Pattern COMMAND = Pattern.compile("^/[A-Za-z0-9_]+(@\\w+)?(\\s.*)?$", Pattern.DOTALL);
    private static final Set<String> SMALL_TALK = Set.of(
            "hi",
            "hello",
            "hey",
            "hiya",
            "yo",
            "sup",
            "good morning",
            "good evening",
            "good night",
            "good afternoon",
            "thanks",
            "thank you",
            "thx",
            "ty",
            "ok",
            "okay",
            "cool",
            "nice",
            "great",
            "bye",
            "goodbye",
            "see you",
            "hallo",
            "guten morgen",
            "danke",
            "bonjour",
            "merci",
            "salut",
            "hola",
            "gracias",
            "ciao",
            "grazie",
            "привет",
            "спасибо",
            "пока",
            "ok thanks",
            "thanks a lot",
            "thank you very much",
            "hi there",
            "hello there");

    private TrivialTurns() {}

    static boolean trivial(String question) {
        String text = question.strip();
        if (COMMAND.matcher(text).matches()) {
            return true;
        }
        String words = Duplicates.normalise(text)
                .replaceAll("\\b(bot|grok|grokgram)\\b", "")
                .strip();
        if (SMALL_TALK.contains(words.toLowerCase(Locale.ROOT))) {
            return true;
        }
        return text.codePoints().filter(Character::isLetter).count() < MIN_LETTERS;
    }
}

package io.grokgram.assistant;

import io.grokgram.telegram.ChatId;
import io.grokgram.telegram.Keyboard;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /language}: the buttons to choose the language of a private chat (by its user) or of a group (by its admins),
 * and storing the choice. A button carries {@code l:<tag>} ({@code l:auto} goes back to Telegram's language); each
 * button shows the language's own name from its bundle, so a bundle an operator adds gets its button with no code.
 */
final class LanguageDesk {
    static final String PREFIX = "l:";
    static final String AUTOMATIC = PREFIX + "auto";
    private static final int PER_ROW = 2;

    private final Texts texts;
    private final LanguageChoices choices;

    LanguageDesk(Texts texts, LanguageChoices choices) {
        this.texts = texts;
        this.choices = choices;
    }

    /** The choice message for a private chat ({@code group} false) or a group, in the current language. */
    Reply menu(boolean group) {
        String name = texts.text(texts.current(), "language.name");
        List<List<Keyboard.Button>> rows = new ArrayList<>();
        List<Keyboard.Button> row = new ArrayList<>();
        for (Language language : texts.languages()) {
            String label = texts.text(language, "language.name");
            row.add(new Keyboard.Callback(
                    language.equals(texts.current()) ? "\u2713 " + label : label, PREFIX + language.tag()));
            if (row.size() == PER_ROW) {
                rows.add(List.copyOf(row));
                row.clear();
            }
        }
        if (!row.isEmpty()) {
            rows.add(List.copyOf(row));
        }
        rows.add(List.of(new Keyboard.Callback(texts.text("language.default.button"), AUTOMATIC)));
        return new Reply(texts.text(group ? "language.group.choose" : "language.choose", name), new Keyboard(rows));
    }

    /**
     * Stores the choice a button carried for {@code chat}; answers the chosen language, or empty for "Telegram's
     * language" or a language this bot no longer has (then the choice is cleared).
     */
    Optional<Language> choose(ChatId chat, String data) {
        Optional<Language> chosen = data.equals(AUTOMATIC)
                ? Optional.empty()
                : texts.languages().stream()
                        .filter(language -> (PREFIX + language.tag()).equals(data))
                        .findFirst();
        choices.choose(chat, chosen);
        return chosen;
    }
}

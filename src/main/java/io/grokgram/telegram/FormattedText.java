package io.grokgram.telegram;

import java.util.List;
import java.util.Objects;

/** Plain text plus the entities that format it: what {@code sendMessage} receives instead of a parse mode. */
public record FormattedText(String text, List<Entity> entities) {

    /** Telegram's limit for a message text after entity parsing, in UTF-16 code units. */
    public static final int MAX_MESSAGE_LENGTH = 4096;

    public FormattedText {
        Objects.requireNonNull(text, "text");
        entities = List.copyOf(entities);
        for (Entity entity : entities) {
            if (entity.end() > text.length()) {
                throw new IllegalArgumentException(
                        "entity " + entity + " ends past the text (length " + text.length() + ")");
            }
        }
    }

    public static FormattedText plain(String text) {
        return new FormattedText(text, List.of());
    }

    public int length() {
        return text.length();
    }
}

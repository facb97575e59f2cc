package io.grokgram.telegram;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An inline result of type article: picking it sends {@code message} with {@code keyboard} under it. Only a message
 * with a keyboard gets an {@code inline_message_id}, so a result whose text is filled in later (an LLM answer) must
 * carry one. {@code description} is the grey line under the title; empty shows none.
 */
public record InlineArticle(String id, String title, String description, FormattedText message, Keyboard keyboard) {
    public InlineArticle {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(keyboard, "keyboard");
        int idBytes = id.getBytes(StandardCharsets.UTF_8).length;
        if (idBytes < 1 || idBytes > 64) {
            throw new IllegalArgumentException("an inline result id must be 1-64 bytes, got " + idBytes);
        }
        if (title.isBlank()) {
            throw new IllegalArgumentException("an article needs a title");
        }
        if (message.text().isBlank() || message.length() > FormattedText.MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("an article's message must be 1-" + FormattedText.MAX_MESSAGE_LENGTH
                    + " UTF-16 units and not blank, got " + message.length());
        }
    }
}

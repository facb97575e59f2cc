package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened in a chat, as the emulator accepted it: what the bot did (a message sent, edited, deleted, a
 * draft, a chat action) or, for the web chat's feed, a message the user sent. {@code seq} increases across the whole
 * emulator, so "everything after seq N" is a complete cursor.
 *
 * <p>{@code messageId} is 0 for drafts and actions; {@code draftId} is 0 except for drafts; {@code text} is the
 * message or draft text after entity parsing, the action name for {@link Kind#ACTION}, empty for deletions.
 */
public record BotEvent(
        long seq,
        Instant at,
        Kind kind,
        long chatId,
        long messageId,
        long draftId,
        String text,
        List<MessageEntity> entities,
        Optional<JsonNode> replyMarkup) {

    /** What happened. Only {@link #USER_MESSAGE} comes from the user; the rest are the bot's accepted calls. */
    public enum Kind {
        SENT,
        EDITED,
        DRAFT,
        ACTION,
        DELETED,
        USER_MESSAGE
    }

    public BotEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        entities = List.copyOf(entities);
        replyMarkup = replyMarkup.map(JsonNode::deepCopy);
    }

    public boolean byBot() {
        return kind != Kind.USER_MESSAGE;
    }
}

package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A message as it currently stands in a chat (after edits), from either side. For a photo {@code text} is the
 * caption; for a sticker it is empty. {@code replyMarkup} is the inline keyboard as Telegram echoes it back;
 * {@code media} the {@code photo} array or {@code sticker} object as Telegram sends it to bots.
 */
public record ChatMessage(
        int messageId,
        long chatId,
        long fromId,
        boolean fromBot,
        Instant date,
        Optional<Instant> editDate,
        String text,
        List<MessageEntity> entities,
        Optional<JsonNode> replyMarkup,
        OptionalInt replyToMessageId,
        Content content,
        Optional<JsonNode> media) {

    /** The kind of message; Telegram has many more, these are the ones the sandbox produces. */
    public enum Content {
        TEXT,
        PHOTO,
        STICKER
    }

    public ChatMessage {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(editDate, "editDate");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(replyToMessageId, "replyToMessageId");
        Objects.requireNonNull(content, "content");
        entities = List.copyOf(entities);
        replyMarkup = replyMarkup.map(JsonNode::deepCopy);
        media = media.map(JsonNode::deepCopy);
    }

    ChatMessage edited(Instant at, String newText, List<MessageEntity> newEntities, Optional<JsonNode> newMarkup) {
        return new ChatMessage(
                messageId,
                chatId,
                fromId,
                fromBot,
                date,
                Optional.of(at),
                newText,
                newEntities,
                newMarkup,
                replyToMessageId,
                content,
                media);
    }

    /** The same message as it appears inside {@code reply_to_message}: Telegram nests replies one level only. */
    ChatMessage withoutReply() {
        return new ChatMessage(
                messageId,
                chatId,
                fromId,
                fromBot,
                date,
                editDate,
                text,
                entities,
                replyMarkup,
                OptionalInt.empty(),
                content,
                media);
    }
}

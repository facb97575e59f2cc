package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A message as it currently stands in a chat (after edits), from either side. For a photo or document {@code text}
 * is the caption; for a sticker or service message it is empty. {@code replyMarkup} is the inline keyboard as
 * Telegram echoes it back; {@code media} the {@code photo} array, {@code sticker}, {@code document} or {@code invoice}
 * object as Telegram sends it to bots, or for a service message the object whose fields ({@code new_chat_members},
 * {@code migrate_to_chat_id}, …) are merged into the message. {@code threadId} is the forum topic the message is in;
 * {@code quote} the part of the replied message the sender quoted.
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
        Optional<JsonNode> media,
        OptionalInt threadId,
        Optional<Quote> quote) {

    /** The kind of message; Telegram has many more, these are the ones the sandbox produces. */
    public enum Content {
        TEXT,
        PHOTO,
        STICKER,
        DOCUMENT,
        SERVICE,
        /** An invoice (sendInvoice): {@code media} is the message's {@code invoice} object. */
        INVOICE
    }

    /** A TextQuote: the quoted text and where it starts in the replied message, in UTF-16 units. */
    public record Quote(String text, int position) {
        public Quote {
            Objects.requireNonNull(text, "text");
            if (text.isEmpty() || position < 0) {
                throw new IllegalArgumentException(
                        "a quote needs text and a position >= 0, got '" + text + "' at " + position);
            }
        }
    }

    /** A message outside any topic and quoting nothing, as before topics and quotes existed. */
    public ChatMessage(
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
        this(
                messageId,
                chatId,
                fromId,
                fromBot,
                date,
                editDate,
                text,
                entities,
                replyMarkup,
                replyToMessageId,
                content,
                media,
                OptionalInt.empty(),
                Optional.empty());
    }

    /**
     * A service message by a user (a join, a payment, …): no text of its own, {@code fields} merged into the message as
     * Telegram does, replying to nothing and quoting nothing.
     */
    static ChatMessage service(
            int messageId, long chatId, long fromId, Instant date, JsonNode fields, OptionalInt thread) {
        return new ChatMessage(
                messageId,
                chatId,
                fromId,
                false,
                date,
                Optional.empty(),
                "",
                List.of(),
                Optional.empty(),
                OptionalInt.empty(),
                Content.SERVICE,
                Optional.of(fields),
                thread,
                Optional.empty());
    }

    public ChatMessage {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(editDate, "editDate");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(replyToMessageId, "replyToMessageId");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(quote, "quote");
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
                media,
                threadId,
                quote);
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
                media,
                threadId,
                Optional.empty());
    }
}

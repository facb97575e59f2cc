package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message the bot can edit only through its {@code inline_message_id}, as it currently stands: a chosen inline result
 * (sent by {@code userId} "via" the bot) or the bot's answer to a guest query ({@code userId} is the
 * {@code guest_bot_caller_user}). {@code chatId} and {@code messageId} say where it sits, which the bot never learns.
 */
public record InlineMessage(
        String inlineMessageId,
        Origin origin,
        long chatId,
        int messageId,
        long userId,
        String text,
        List<MessageEntity> entities,
        Optional<JsonNode> replyMarkup,
        Optional<Instant> editDate) {

    /** How the message came to be. */
    public enum Origin {
        CHOSEN_RESULT,
        GUEST_ANSWER
    }

    public InlineMessage {
        Objects.requireNonNull(inlineMessageId, "inlineMessageId");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(editDate, "editDate");
        entities = List.copyOf(entities);
        replyMarkup = replyMarkup.map(JsonNode::deepCopy);
    }
}

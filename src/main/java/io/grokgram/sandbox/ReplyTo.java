package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code reply_parameters} (or the legacy {@code reply_to_message_id} + {@code allow_sending_without_reply}) as
 * Client.cpp reads them; the target is looked up only once the chat is known. {@code quote} is the part of the
 * target to quote ("" for none), {@code quotePosition} where it starts if the bot said so (else -1).
 */
record ReplyTo(int messageId, boolean allowSendingWithoutReply, String quote, int quotePosition) {
    static final ReplyTo NONE = new ReplyTo(0, false);

    ReplyTo(int messageId, boolean allowSendingWithoutReply) {
        this(messageId, allowSendingWithoutReply, "", -1);
    }

    static ReplyTo parse(Params params) {
        if (!params.has("reply_parameters")) {
            return new ReplyTo(
                    Math.max(0, Params.toInt(params.arg("reply_to_message_id"))),
                    params.bool("allow_sending_without_reply"));
        }
        String json = params.arg("reply_parameters");
        if (json.isEmpty()) {
            return NONE;
        }
        JsonNode value = Json.parseOrNull(json);
        if (value == null) {
            throw BotApiException.badRequest("can't parse reply parameters JSON object");
        }
        if (!value.isObject()) {
            throw BotApiException.badRequest("object expected as reply parameters");
        }
        if (value.isEmpty()) {
            return NONE;
        }
        try {
            JsonFields.optionalString(value, "chat_id");
            int messageId = JsonFields.requiredInt(value, "message_id");
            boolean allow = JsonFields.optionalBool(value, "allow_sending_without_reply");
            String quote = JsonFields.optionalString(value, "quote");
            int position = value.has("quote_position") ? JsonFields.requiredInt(value, "quote_position") : -1;
            return new ReplyTo(Math.max(messageId, 0), allow, quote, position);
        } catch (JsonFields.FieldException e) {
            throw BotApiException.tdlib(e.getMessage());
        }
    }

    /** The message to reply to, nothing if there is none and that is allowed, else Telegram's error. */
    OptionalInt resolve(ChatState chat) {
        return resolve(chat, OptionalInt.empty());
    }

    /**
     * As {@link #resolve(ChatState)}, for a message sent into forum topic {@code thread}: the target must be in that
     * topic. Without a topic, a target anywhere in the chat will do (the reply then lands in the target's topic).
     */
    OptionalInt resolve(ChatState chat, OptionalInt thread) {
        if (messageId <= 0) {
            return OptionalInt.empty();
        }
        ChatMessage target = chat.messages.get(messageId);
        if (target != null && (thread.isEmpty() || target.threadId().equals(thread))) {
            return OptionalInt.of(messageId);
        }
        if (allowSendingWithoutReply) {
            return OptionalInt.empty();
        }
        throw BotApiException.badRequest("message to be replied not found");
    }

    /**
     * The quote of the reply, checked against the replied message: TDLib refuses a quote that is not an exact part
     * of it (at {@code quote_position} if given). A reply that fell away (allowed without reply) quotes nothing.
     */
    Optional<ChatMessage.Quote> quote(ChatState chat, OptionalInt target) {
        if (quote.isEmpty() || target.isEmpty()) {
            return Optional.empty();
        }
        String text = chat.messages.get(target.getAsInt()).text();
        int at =
                quotePosition >= 0 ? (text.startsWith(quote, quotePosition) ? quotePosition : -1) : text.indexOf(quote);
        if (at < 0) {
            throw BotApiException.badRequest("QUOTE_TEXT_INVALID");
        }
        return Optional.of(new ChatMessage.Quote(quote, at));
    }
}

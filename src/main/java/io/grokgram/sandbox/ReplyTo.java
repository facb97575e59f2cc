package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalInt;

/**
 * {@code reply_parameters} (or the legacy {@code reply_to_message_id} + {@code allow_sending_without_reply}) as
 * Client.cpp reads them; the target is looked up only once the chat is known.
 */
record ReplyTo(int messageId, boolean allowSendingWithoutReply) {
    static final ReplyTo NONE = new ReplyTo(0, false);

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
            return new ReplyTo(Math.max(messageId, 0), allow);
        } catch (JsonFields.FieldException e) {
            throw BotApiException.tdlib(e.getMessage());
        }
    }

    /** The message to reply to, nothing if there is none and that is allowed, else Telegram's error. */
    OptionalInt resolve(ChatState chat) {
        if (messageId <= 0) {
            return OptionalInt.empty();
        }
        if (chat.messages.containsKey(messageId)) {
            return OptionalInt.of(messageId);
        }
        if (allowSendingWithoutReply) {
            return OptionalInt.empty();
        }
        throw BotApiException.badRequest("message to be replied not found");
    }
}

package io.grokgram.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads an update's raw JSON into an {@link InboundUpdate}. Never throws on bad input: anything that is not the shape
 * the Bot API promises becomes {@link InboundUpdate.Malformed} with a reason an operator can act on.
 */
public final class UpdateParser {
    /** Message fields that carry non-text content, in the Bot API's words. */
    private static final List<String> NON_TEXT = List.of(
            "photo",
            "sticker",
            "voice",
            "video_note",
            "video",
            "animation",
            "audio",
            "document",
            "location",
            "venue",
            "contact",
            "poll",
            "dice",
            "checklist",
            "story",
            "paid_media");

    private final ObjectMapper json = new ObjectMapper();

    public InboundUpdate parse(String raw) {
        JsonNode update;
        try {
            update = json.readTree(raw);
        } catch (JsonProcessingException e) {
            return new InboundUpdate.Malformed(-1, "not JSON: " + e.getOriginalMessage());
        }
        if (update == null || !update.isObject()) {
            return new InboundUpdate.Malformed(-1, "not a JSON object");
        }
        JsonNode id = update.get("update_id");
        if (id == null || !id.canConvertToLong() || id.asLong() <= 0) {
            return new InboundUpdate.Malformed(-1, "update_id missing or not a positive integer");
        }
        long updateId = id.asLong();
        if (update.has("message")) {
            if (PaymentUpdates.isPayment(update.get("message"))) {
                return PaymentUpdates.payment(updateId, update.get("message"));
            }
            if (update.get("message").has("via_bot")) {
                // a message the user sent through an inline bot (ours, when they pick a result in our chat): the
                // answer is already in it, so it is not a question to answer again
                return new InboundUpdate.Unsupported(updateId, "message via an inline bot");
            }
            return message(updateId, update.get("message"));
        }
        if (update.has("edited_message")) {
            InboundUpdate parsed = message(updateId, update.get("edited_message"));
            return parsed instanceof InboundUpdate.Message message
                    ? new InboundUpdate.Edited(updateId, message)
                    : parsed;
        }
        if (update.has("stopped_message_generation")) {
            return stopped(updateId, update.get("stopped_message_generation"));
        }
        if (update.has("my_chat_member")) {
            return membership(updateId, update.get("my_chat_member"));
        }
        if (update.has("inline_query")) {
            return InlineUpdates.query(updateId, update.get("inline_query"));
        }
        if (update.has("chosen_inline_result")) {
            return InlineUpdates.chosen(updateId, update.get("chosen_inline_result"));
        }
        if (update.has("guest_message")) {
            return guest(updateId, update.get("guest_message"));
        }
        if (update.has("callback_query")) {
            return callback(updateId, update.get("callback_query"));
        }
        if (update.has("pre_checkout_query")) {
            return PaymentUpdates.preCheckout(updateId, update.get("pre_checkout_query"));
        }
        if (update.has("subscription")) {
            return PaymentUpdates.subscription(updateId, update.get("subscription"));
        }
        return update.properties().stream()
                .map(java.util.Map.Entry::getKey)
                .filter(key -> !key.equals("update_id"))
                .findFirst()
                .<InboundUpdate>map(kind -> new InboundUpdate.Unsupported(updateId, kind))
                .orElseGet(() -> new InboundUpdate.Malformed(updateId, "update carries no payload"));
    }

    /** A guest message is a message like any other, plus the id its answer must name. */
    private InboundUpdate guest(long updateId, JsonNode message) {
        Optional<String> guestQueryId = InlineUpdates.id(message, "guest_query_id");
        if (guestQueryId.isEmpty()) {
            return new InboundUpdate.Malformed(updateId, "guest_message without guest_query_id");
        }
        InboundUpdate parsed = message(updateId, message);
        return parsed instanceof InboundUpdate.Message guest
                ? new InboundUpdate.GuestQuery(updateId, guestQueryId.get(), guest)
                : parsed;
    }

    private static InboundUpdate stopped(long updateId, JsonNode stopped) {
        JsonNode chat = stopped.path("chat").path("id");
        if (!chat.canConvertToLong()
                || chat.asLong() == 0
                || !stopped.path("draft_id").canConvertToLong()) {
            return new InboundUpdate.Malformed(updateId, "stopped_message_generation without chat.id or draft_id");
        }
        OptionalInt thread = stopped.path("message_thread_id").canConvertToInt()
                ? OptionalInt.of(stopped.get("message_thread_id").asInt())
                : OptionalInt.empty();
        return new InboundUpdate.GenerationStopped(
                updateId,
                new ChatId(chat.asLong()),
                thread,
                stopped.get("draft_id").asLong());
    }

    private static InboundUpdate membership(long updateId, JsonNode member) {
        JsonNode chat = member.path("chat").path("id");
        String status = member.path("new_chat_member").path("status").asText("");
        if (!chat.canConvertToLong() || chat.asLong() == 0 || status.isEmpty()) {
            return new InboundUpdate.Malformed(updateId, "my_chat_member without chat.id or new_chat_member.status");
        }
        Optional<InboundUpdate.ChatType> type =
                chatType(member.path("chat").path("type").asText(""));
        if (type.isEmpty()) {
            return new InboundUpdate.Malformed(
                    updateId,
                    "my_chat_member.chat.type unknown: " + member.path("chat").path("type"));
        }
        return new InboundUpdate.MembershipChanged(updateId, new ChatId(chat.asLong()), status, type.get());
    }

    /**
     * A button press. The message may be inaccessible (Telegram sends {@code date: 0} and little else when it is too
     * old): its chat and id are still given when present, so the bot can edit it or say it cannot.
     */
    private static InboundUpdate callback(long updateId, JsonNode query) {
        String id = query.path("id").asText("");
        Optional<InboundUpdate.Sender> from = sender(query.path("from"));
        if (id.isEmpty() || from.isEmpty()) {
            return new InboundUpdate.Malformed(updateId, "callback_query without id or from");
        }
        JsonNode message = query.path("message");
        JsonNode chat = message.path("chat").path("id");
        JsonNode messageId = message.path("message_id");
        return new InboundUpdate.CallbackQuery(
                updateId,
                id,
                from.get(),
                chat.canConvertToLong() && chat.asLong() != 0
                        ? Optional.of(new ChatId(chat.asLong()))
                        : Optional.empty(),
                messageId.canConvertToInt() && messageId.asInt() > 0
                        ? Optional.of(new MessageId(messageId.asInt()))
                        : Optional.empty(),
                text(query, "inline_message_id"),
                query.path("data").asText(""));
    }

    /** A user as the Bot API describes one; empty when the id is missing. */
    static Optional<InboundUpdate.Sender> sender(JsonNode from) {
        if (!from.path("id").canConvertToLong() || from.path("id").asLong() <= 0) {
            return Optional.empty();
        }
        return Optional.of(new InboundUpdate.Sender(
                new UserId(from.get("id").asLong()),
                from.path("is_bot").asBoolean(false),
                from.path("first_name").asText(""),
                text(from, "username"),
                text(from, "language_code")));
    }

    private InboundUpdate message(long updateId, JsonNode message) {
        JsonNode chat = message.path("chat");
        JsonNode from = message.path("from");
        if (!message.path("message_id").canConvertToInt()
                || message.path("message_id").asInt() <= 0) {
            return new InboundUpdate.Malformed(updateId, "message.message_id missing");
        }
        if (!chat.path("id").canConvertToLong() || chat.path("id").asLong() == 0) {
            return new InboundUpdate.Malformed(updateId, "message.chat.id missing");
        }
        Optional<InboundUpdate.ChatType> type = chatType(chat.path("type").asText(""));
        if (type.isEmpty()) {
            return new InboundUpdate.Malformed(updateId, "message.chat.type unknown: " + chat.path("type"));
        }
        JsonNode migrateTo = message.path("migrate_to_chat_id");
        if (migrateTo.canConvertToLong() && migrateTo.asLong() != 0) {
            // the old group's last word; the new supergroup's migrate_from_chat_id message says the same again
            return new InboundUpdate.ChatMigrated(
                    updateId, new ChatId(chat.get("id").asLong()), new ChatId(migrateTo.asLong()));
        }
        Optional<InboundUpdate.Sender> sender = sender(from);
        if (sender.isEmpty()) {
            // channel posts and anonymous admins have no user; Grokgram answers people only
            return new InboundUpdate.Unsupported(updateId, "message without a user");
        }
        OptionalInt thread = message.path("is_topic_message").asBoolean(false)
                        && message.path("message_thread_id").canConvertToInt()
                ? OptionalInt.of(message.get("message_thread_id").asInt())
                : OptionalInt.empty();
        return new InboundUpdate.Message(
                updateId,
                new InboundUpdate.Chat(
                        new ChatId(chat.get("id").asLong()),
                        type.get(),
                        chat.path("is_forum").asBoolean(false)),
                thread,
                sender.get(),
                new MessageId(message.get("message_id").asInt()),
                Instant.ofEpochSecond(message.path("date").asLong(0)),
                content(message),
                replied(message),
                mentionedUsernames(message),
                mentionedUsers(message));
    }

    /**
     * The replied message, one level deep as Telegram sends it. In a forum topic every message that replies to nothing
     * still carries the topic's {@code forum_topic_created} message as {@code reply_to_message}: that is no reply.
     */
    private static Optional<InboundUpdate.Replied> replied(JsonNode message) {
        JsonNode replied = message.path("reply_to_message");
        if (!replied.path("message_id").canConvertToInt() || replied.has("forum_topic_created")) {
            return Optional.empty();
        }
        JsonNode text = replied.has("text") ? replied.get("text") : replied.path("caption");
        return Optional.of(new InboundUpdate.Replied(
                new MessageId(replied.get("message_id").asInt()),
                sender(replied.path("from")),
                text.isTextual() ? text.asText() : "",
                text(message.path("quote"), "text")));
    }

    /** {@code @username} mentions, lower case, without the '@'. Offsets are UTF-16 units, as Java's string indices. */
    private static List<String> mentionedUsernames(JsonNode message) {
        String text = textOrCaption(message);
        List<String> usernames = new ArrayList<>();
        for (JsonNode entity : entitiesOf(message)) {
            if ("mention".equals(entity.path("type").asText())) {
                int offset = entity.path("offset").asInt(-1);
                int end = offset + entity.path("length").asInt(0);
                if (offset >= 0 && end <= text.length() && end - offset > 1 && text.charAt(offset) == '@') {
                    usernames.add(text.substring(offset + 1, end).toLowerCase(Locale.ROOT));
                }
            }
        }
        return usernames;
    }

    /** People mentioned by name ({@code text_mention}), who may have no username. */
    private static List<UserId> mentionedUsers(JsonNode message) {
        List<UserId> users = new ArrayList<>();
        for (JsonNode entity : entitiesOf(message)) {
            JsonNode id = entity.path("user").path("id");
            if ("text_mention".equals(entity.path("type").asText()) && id.canConvertToLong() && id.asLong() > 0) {
                users.add(new UserId(id.asLong()));
            }
        }
        return users;
    }

    private static String textOrCaption(JsonNode message) {
        JsonNode text = message.has("text") ? message.get("text") : message.path("caption");
        return text.isTextual() ? text.asText() : "";
    }

    private static JsonNode entitiesOf(JsonNode message) {
        return message.has("text") ? message.path("entities") : message.path("caption_entities");
    }

    private static InboundUpdate.Content content(JsonNode message) {
        JsonNode text = message.get("text");
        if (text != null && text.isTextual()) {
            return command(text.asText(), message.path("entities"))
                    .orElseGet(() -> new InboundUpdate.Text(text.asText()));
        }
        return NON_TEXT.stream()
                .filter(message::has)
                .findFirst()
                .<InboundUpdate.Content>map(InboundUpdate.NonText::new)
                .orElseGet(() -> new InboundUpdate.NonText("other"));
    }

    /** A command is a {@code bot_command} entity at offset 0, exactly as Telegram marks it. */
    private static Optional<InboundUpdate.Content> command(String text, JsonNode entities) {
        for (JsonNode entity : entities) {
            if ("bot_command".equals(entity.path("type").asText())
                    && entity.path("offset").asInt(-1) == 0) {
                int length = Math.min(entity.path("length").asInt(0), text.length());
                if (length < 2) {
                    return Optional.empty();
                }
                String token = text.substring(1, length);
                int at = token.indexOf('@');
                String name = (at < 0 ? token : token.substring(0, at)).toLowerCase(java.util.Locale.ROOT);
                Optional<String> mention = at < 0 ? Optional.empty() : Optional.of(token.substring(at + 1));
                return Optional.of(new InboundUpdate.Command(
                        name, mention, text.substring(length).strip()));
            }
        }
        return Optional.empty();
    }

    private static Optional<InboundUpdate.ChatType> chatType(String type) {
        return switch (type) {
            case "private" -> Optional.of(InboundUpdate.ChatType.PRIVATE);
            case "group" -> Optional.of(InboundUpdate.ChatType.GROUP);
            case "supergroup" -> Optional.of(InboundUpdate.ChatType.SUPERGROUP);
            case "channel" -> Optional.of(InboundUpdate.ChatType.CHANNEL);
            default -> Optional.empty();
        };
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }
}

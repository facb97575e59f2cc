package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What people do in the sandbox, turned into chat messages and the updates Telegram would send the bot. Misuse (a
 * reply to a message that does not exist, pressing a button that is not there) is a broken test, not a Bot API
 * error, so it throws {@link IllegalArgumentException}.
 */
final class UserSide {
    private final SandboxContext context;
    private final AtomicLong callbackIds = new AtomicLong(4_242_000_000_000_000L);

    UserSide(SandboxContext context) {
        this.context = context;
    }

    /** Inline mode and guest mode, kept apart from the chat messages here. */
    InlineSide inline() {
        return new InlineSide(context);
    }

    /** Paying invoices and living with subscriptions, kept apart from the chat messages here. */
    PaymentSide payments() {
        return new PaymentSide(context);
    }

    int sendPrivate(
            BotState bot,
            UserProfile user,
            String text,
            OptionalInt replyTo,
            ChatMessage.Content content,
            Optional<JsonNode> media) {
        bot.lock.lock();
        try {
            ChatState chat = bot.chats.computeIfAbsent(user.id(), ChatState::privateChat);
            if (chat.blocked) {
                // writing to a blocked bot means unblocking it first, and Telegram tells the bot
                chat.blocked = false;
                memberStatus(bot, chat, user, "kicked", "member");
            }
            ChatMessage message = store(bot, chat, user, text, replyTo, content, media);
            bot.updates.add("message", context.wire.message(bot, chat, message), context.clock.millis());
            bot.changed.signalAll();
            return message.messageId();
        } finally {
            bot.lock.unlock();
        }
    }

    /** The user edits a text message of theirs in the private chat: the bot receives {@code edited_message}. */
    void editPrivate(BotState bot, UserProfile user, int messageId, String newText) {
        bot.lock.lock();
        try {
            ChatState chat = bot.chats.get(user.id());
            ChatMessage message = chat == null ? null : chat.messages.get(messageId);
            if (message == null || message.fromBot() || message.fromId() != user.id()) {
                throw new IllegalArgumentException("user " + user.id() + " has no message " + messageId + " to edit");
            }
            MessageText.Final parsed;
            try {
                parsed = MessageText.finish(new ParsedText(newText, List.of()), false, true);
            } catch (BotApiException e) {
                throw new IllegalArgumentException("Telegram would not accept this edit: " + e.description(), e);
            }
            ChatMessage edited = message.edited(context.now(), parsed.text(), parsed.entities(), Optional.empty());
            chat.messages.put(messageId, edited);
            bot.updates.add("edited_message", context.wire.message(bot, chat, edited), context.clock.millis());
            bot.changed.signalAll();
        } finally {
            bot.lock.unlock();
        }
    }

    String press(BotState bot, UserProfile user, long chatId, int messageId, String callbackData) {
        bot.lock.lock();
        try {
            ChatState chat = bot.chats.get(chatId);
            if (chat == null) {
                throw new IllegalArgumentException("the bot has no chat " + chatId);
            }
            ChatMessage message = chat.messages.get(messageId);
            if (message == null) {
                throw new IllegalArgumentException("chat " + chatId + " has no message " + messageId);
            }
            if (!hasButton(message, callbackData)) {
                throw new IllegalArgumentException("message " + messageId + " in chat " + chatId
                        + " has no button with callback_data " + callbackData);
            }
            if (chat.group ? !chat.members.contains(user.id()) : chat.id != user.id()) {
                throw new IllegalArgumentException(
                        "user " + user.id() + " is not in chat " + chatId + " and cannot see its buttons");
            }
            String id = Long.toString(callbackIds.incrementAndGet());
            bot.openCallbackQueries.add(id);
            ObjectNode query = Json.object();
            query.put("id", id);
            query.set("from", context.wire.user(user.id()));
            query.set("message", context.wire.message(bot, chat, message));
            query.put("chat_instance", Long.toString(Math.abs(chat.id * 31 + bot.id)));
            query.put("data", callbackData);
            bot.updates.add("callback_query", query, context.clock.millis());
            bot.changed.signalAll();
            return id;
        } finally {
            bot.lock.unlock();
        }
    }

    /**
     * How the bot answered callback query {@code queryId}, once it does; empty if it did not within {@code timeout}
     * (real time). Clients show a spinner on the button meanwhile, and Telegram gives the bot a few seconds.
     */
    Optional<CallbackAnswer> awaitCallbackAnswer(BotState bot, String queryId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        bot.lock.lock();
        try {
            while (true) {
                CallbackAnswer answer = bot.callbackAnswers.get(queryId);
                long remaining = deadline - System.nanoTime();
                if (answer != null || remaining <= 0) {
                    return Optional.ofNullable(answer);
                }
                bot.changed.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.ofNullable(bot.callbackAnswers.get(queryId));
        } finally {
            bot.lock.unlock();
        }
    }

    /**
     * The user presses Stop under a draft that was sent with {@code can_stop} (Bot API 10.3): the bot receives
     * {@code stopped_message_generation}; the draft disappears unless it was sent with {@code keep_on_stop}.
     */
    long pressStop(BotState bot, UserProfile user) {
        bot.lock.lock();
        try {
            ChatState chat = bot.chats.get(user.id());
            Long draftId = chat == null
                    ? null
                    : chat.stoppable.keySet().stream()
                            .filter(chat.drafts::containsKey)
                            .reduce((a, b) -> b)
                            .orElse(null);
            if (draftId == null) {
                throw new IllegalStateException("no draft with a Stop button in the chat of user " + user.id());
            }
            if (!chat.stoppable.remove(draftId)) {
                chat.drafts.remove(draftId);
            }
            ObjectNode stopped = Json.object();
            stopped.set("chat", context.wire.chat(chat));
            stopped.put("draft_id", draftId);
            long updateId = bot.updates
                    .add("stopped_message_generation", stopped, context.clock.millis())
                    .orElse(-1L);
            bot.changed.signalAll();
            return updateId;
        } finally {
            bot.lock.unlock();
        }
    }

    /** Blocking or unblocking the bot in the user's private chat; Telegram sends my_chat_member either way. */
    void setBlocked(BotState bot, UserProfile user, boolean blocked) {
        bot.lock.lock();
        try {
            ChatState chat = bot.chats.computeIfAbsent(user.id(), ChatState::privateChat);
            if (chat.blocked != blocked) {
                chat.blocked = blocked;
                memberStatus(bot, chat, user, blocked ? "member" : "kicked", blocked ? "kicked" : "member");
            }
        } finally {
            bot.lock.unlock();
        }
    }

    private ChatMessage store(
            BotState bot,
            ChatState chat,
            UserProfile user,
            String text,
            OptionalInt replyTo,
            ChatMessage.Content content,
            Optional<JsonNode> media) {
        return store(
                bot,
                chat,
                user,
                new ParsedText(text, List.of()),
                replyTo,
                OptionalInt.empty(),
                Optional.empty(),
                content,
                media);
    }

    /**
     * Stores what a person wrote, after the checks and entity detection Telegram's clients and server apply, and
     * records it in the chat's feed. {@code text} may carry entities the client added itself (a text mention).
     */
    ChatMessage store(
            BotState bot,
            ChatState chat,
            UserProfile user,
            ParsedText text,
            OptionalInt replyTo,
            OptionalInt threadId,
            Optional<ChatMessage.Quote> quote,
            ChatMessage.Content content,
            Optional<JsonNode> media) {
        if (replyTo.isPresent() && !chat.messages.containsKey(replyTo.getAsInt())) {
            throw new IllegalArgumentException(
                    "chat " + chat.id + " has no message " + replyTo.getAsInt() + " to reply to");
        }
        MessageText.Final parsed;
        try {
            parsed = MessageText.finish(text, content != ChatMessage.Content.TEXT, true);
        } catch (BotApiException e) {
            throw new IllegalArgumentException("Telegram would not send this text: " + e.description(), e);
        }
        ChatMessage message = new ChatMessage(
                chat.nextMessageId(),
                chat.id,
                user.id(),
                false,
                context.now(),
                Optional.empty(),
                parsed.text(),
                parsed.entities(),
                Optional.empty(),
                replyTo,
                content,
                media,
                threadId,
                quote);
        chat.messages.put(message.messageId(), message);
        String shown = content == ChatMessage.Content.TEXT || !parsed.text().isEmpty()
                ? parsed.text()
                : content == ChatMessage.Content.PHOTO ? "[photo]" : "[sticker]";
        context.record(
                bot,
                chat,
                BotEvent.Kind.USER_MESSAGE,
                message.messageId(),
                0,
                shown,
                parsed.entities(),
                Optional.empty());
        return message;
    }

    private static boolean hasButton(ChatMessage message, String callbackData) {
        return message.replyMarkup()
                .map(markup -> {
                    for (JsonNode row : markup.path("inline_keyboard")) {
                        for (JsonNode button : row) {
                            if (callbackData.equals(button.path("callback_data").asText(null))) {
                                return true;
                            }
                        }
                    }
                    return false;
                })
                .orElse(false);
    }

    /** Queues my_chat_member: the bot's status in {@code chat} changed, by {@code user}'s doing. */
    void memberStatus(BotState bot, ChatState chat, UserProfile user, String oldStatus, String newStatus) {
        ObjectNode update = Json.object();
        update.set("chat", context.wire.chat(chat));
        update.set("from", context.wire.user(user.id()));
        update.put("date", context.now().getEpochSecond());
        update.set("old_chat_member", member(bot, oldStatus));
        update.set("new_chat_member", member(bot, newStatus));
        bot.updates.add("my_chat_member", update, context.clock.millis());
        bot.changed.signalAll();
    }

    private static ObjectNode member(BotState bot, String status) {
        ObjectNode member = Json.object();
        member.set("user", Wire.bot(bot, false));
        member.put("status", status);
        if (status.equals("kicked")) {
            member.put("until_date", 0);
        }
        return member;
    }

    /** A photo as Telegram delivers it: four sizes of one picture, smallest first. */
    JsonNode photo() {
        ArrayNode sizes = Json.array();
        int[][] dimensions = {{90, 67}, {320, 240}, {800, 600}, {1280, 960}};
        for (int[] size : dimensions) {
            ObjectNode photo = sizes.addObject();
            photo.put("file_id", context.fileId("AgACAgIAAxkBAAI"));
            photo.put("file_unique_id", context.fileId("AQAD").substring(0, 16));
            photo.put("file_size", size[0] * size[1] / 7);
            photo.put("width", size[0]);
            photo.put("height", size[1]);
        }
        return sizes;
    }

    JsonNode sticker() {
        ObjectNode thumbnail = Json.object();
        thumbnail.put("file_id", context.fileId("AAMCAgADGQEAAI"));
        thumbnail.put("file_unique_id", context.fileId("AQAD").substring(0, 16));
        thumbnail.put("file_size", 4_562);
        thumbnail.put("width", 128);
        thumbnail.put("height", 128);
        ObjectNode sticker = Json.object();
        sticker.put("width", 512);
        sticker.put("height", 512);
        sticker.put("emoji", "\uD83D\uDC4D");
        sticker.put("set_name", "GrokgramSandbox");
        sticker.put("is_animated", false);
        sticker.put("is_video", false);
        sticker.put("type", "regular");
        sticker.set("thumbnail", thumbnail);
        sticker.set("thumb", thumbnail.deepCopy());
        sticker.put("file_id", context.fileId("CAACAgIAAxkBAAI"));
        sticker.put("file_unique_id", context.fileId("AgAD").substring(0, 16));
        sticker.put("file_size", 23_904);
        return sticker;
    }
}

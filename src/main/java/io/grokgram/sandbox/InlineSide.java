package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What people do with a bot's inline mode and guest mode: type an inline query, read the bot's answer, pick a result
 * into a chat, summon the bot in a chat it is not a member of. Like {@link UserSide}, misuse is a broken test and
 * throws {@link IllegalArgumentException} (or {@link IllegalStateException} where the situation, not the argument, is
 * wrong).
 */
final class InlineSide {
    /** Telegram clients send at most 256 characters of inline query. */
    static final int MAX_QUERY_LENGTH = 256;

    private static final Set<String> CHAT_TYPES = Set.of("", "sender", "private", "group", "supergroup", "channel");

    private final SandboxContext context;

    InlineSide(SandboxContext context) {
        this.context = context;
    }

    /** Queues {@code inline_query}; an empty {@code chatType} leaves it out, as for secret chats. */
    String inlineQuery(BotState bot, UserProfile user, String query, String chatType) {
        if (query.length() > MAX_QUERY_LENGTH) {
            throw new IllegalArgumentException(
                    "an inline query has at most " + MAX_QUERY_LENGTH + " characters, got " + query.length());
        }
        if (!CHAT_TYPES.contains(chatType)) {
            throw new IllegalArgumentException("chat_type must be one of " + CHAT_TYPES + ", got '" + chatType + "'");
        }
        bot.lock.lock();
        try {
            InlineState.Query state = new InlineState.Query(bot.inline.nextQueryId(), user, query, context.now());
            bot.inline.queries.put(state.id, state);
            ObjectNode update = Json.object();
            update.put("id", Long.toString(state.id));
            update.set("from", context.wire.user(user.id()));
            if (!chatType.isEmpty()) {
                update.put("chat_type", chatType);
            }
            update.put("query", query);
            update.put("offset", "");
            bot.updates.add("inline_query", update, context.clock.millis());
            bot.changed.signalAll();
            return Long.toString(state.id);
        } finally {
            bot.lock.unlock();
        }
    }

    /** Waits (real time) until the bot answered the query; throws if it did not within {@code timeout}. */
    InlineAnswer awaitAnswer(BotState bot, String queryId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        bot.lock.lock();
        try {
            InlineState.Query query = query(bot, queryId);
            while (query.answer.isEmpty()) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new IllegalStateException(
                            "the bot did not answer inline query " + queryId + " within " + timeout);
                }
                bot.changed.awaitNanos(remaining);
            }
            return query.answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the answer to inline query " + queryId, e);
        } finally {
            bot.lock.unlock();
        }
    }

    /**
     * The user picks a result: its message goes into {@code chatId} as theirs, "via" the bot, and the bot receives
     * {@code chosen_inline_result} (inline feedback is on). Where the bot is a member it also receives the message, as
     * privacy mode lets messages sent via the bot through.
     */
    ChosenResult choose(BotState bot, UserProfile user, String queryId, String resultId, long chatId) {
        bot.lock.lock();
        try {
            InlineState.Query query = query(bot, queryId);
            if (query.from.id() != user.id()) {
                throw new IllegalArgumentException(
                        "inline query " + queryId + " was typed by user " + query.from.id() + ", not " + user.id());
            }
            InlineAnswer.Result result = query.answer
                    .flatMap(answer -> answer.result(resultId))
                    .orElseThrow(() -> new IllegalArgumentException(
                            "the bot's answer to inline query " + queryId + " has no result " + resultId));
            ChatState known = bot.chats.get(chatId);
            boolean botInChat = chatId == user.id() || known != null && known.bot == ChatState.BotMembership.MEMBER;
            ChatState chat = chatId == user.id()
                    ? bot.chats.computeIfAbsent(chatId, ChatState::privateChat)
                    : bot.inline.chat(bot, chatId);
            if (chat == null) {
                throw new IllegalArgumentException("user " + user.id() + " has no chat " + chatId);
            }
            Posted posted = post(bot, chat, user, result.text(), result.entities(), result.replyMarkup());
            ChatMessage message = posted.message();
            Optional<String> inlineMessageId = result.replyMarkup().map(markup -> editable(bot, user, posted));
            if (botInChat) {
                ObjectNode wired = context.wire.message(bot, chat, message);
                wired.set("via_bot", Wire.bot(bot, false));
                bot.updates.add("message", wired, context.clock.millis());
            }
            ObjectNode chosen = Json.object();
            chosen.set("from", context.wire.user(user.id()));
            inlineMessageId.ifPresent(id -> chosen.put("inline_message_id", id));
            chosen.put("query", query.text);
            chosen.put("result_id", result.id());
            bot.updates.add("chosen_inline_result", chosen, context.clock.millis());
            bot.changed.signalAll();
            return new ChosenResult(chat.id, message.messageId(), inlineMessageId);
        } finally {
            bot.lock.unlock();
        }
    }

    /**
     * The user summons the bot in a chat it is not a member of (Bot API 10.0 guest mode): their message goes into the
     * chat and the bot receives it as {@code guest_message} with a {@code guest_query_id}, which is returned.
     *
     * @throws IllegalStateException if the bot is a member of the chat: there the message is an ordinary one
     */
    String summonAsGuest(BotState bot, UserProfile user, long chatId, String text) {
        bot.lock.lock();
        try {
            ChatState chat = bot.chats.get(chatId);
            if (chatId == user.id() || chat != null && chat.bot == ChatState.BotMembership.MEMBER) {
                throw new IllegalStateException("bot " + bot.username + " is a member of chat " + chatId
                        + ": a message there is an ordinary message, not a guest query");
            }
            if (chat == null || !chat.members.contains(user.id())) {
                throw new IllegalArgumentException("user " + user.id() + " is in no chat " + chatId
                        + " without the bot; create one with createGroupWithoutBot");
            }
            MessageText.Final parsed;
            try {
                parsed = MessageText.finish(new ParsedText(text, List.of()), false, true);
            } catch (BotApiException e) {
                throw new IllegalArgumentException("Telegram would not send this text: " + e.description(), e);
            }
            ChatMessage message = post(bot, chat, user, parsed.text(), parsed.entities(), Optional.empty())
                    .message();
            long guestQueryId = bot.inline.nextGuestQueryId();
            bot.inline.guestQueries.put(guestQueryId, new InlineState.Guest(chat.id, user.id()));
            ObjectNode wired = context.wire.message(bot, chat, message);
            wired.put("guest_query_id", Long.toString(guestQueryId));
            bot.updates.add("guest_message", wired, context.clock.millis());
            bot.changed.signalAll();
            return Long.toString(guestQueryId);
        } finally {
            bot.lock.unlock();
        }
    }

    /** A message a user put in a chat, and its event in the chat's feed. */
    private record Posted(ChatMessage message, BotEvent event) {}

    private Posted post(
            BotState bot,
            ChatState chat,
            UserProfile user,
            String text,
            List<MessageEntity> entities,
            Optional<JsonNode> markup) {
        ChatMessage message = new ChatMessage(
                chat.nextMessageId(),
                chat.id,
                user.id(),
                false,
                context.now(),
                Optional.empty(),
                text,
                entities,
                markup,
                OptionalInt.empty(),
                ChatMessage.Content.TEXT,
                Optional.empty());
        chat.messages.put(message.messageId(), message);
        BotEvent event =
                context.record(bot, chat, BotEvent.Kind.USER_MESSAGE, message.messageId(), 0, text, entities, markup);
        return new Posted(message, event);
    }

    private String editable(BotState bot, UserProfile user, Posted posted) {
        ChatMessage message = posted.message();
        String id = bot.inline.nextInlineMessageId(message.chatId(), message.messageId());
        bot.inline.messages.put(
                id,
                new InlineState.Editable(
                        id,
                        InlineMessage.Origin.CHOSEN_RESULT,
                        message.chatId(),
                        message.messageId(),
                        user.id(),
                        List.of(posted.event())));
        return id;
    }

    private static InlineState.Query query(BotState bot, String queryId) {
        InlineState.Query query = bot.inline.queries.get(Params.toLong(queryId));
        if (query == null) {
            throw new IllegalArgumentException("no inline query " + queryId);
        }
        return query;
    }
}

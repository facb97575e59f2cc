package io.grokgram.sandbox;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One bot's inline mode and guest mode: open inline queries and their answers, the messages it can edit by {@code
 * inline_message_id}, open guest queries, and the chats it is not a member of where people used it anyway. Guarded by
 * the owning {@link BotState}'s lock, like the rest of the bot.
 */
final class InlineState {
    /**
     * How long an inline query can be answered. Telegram does not document it; bots see "query is too old" after about
     * ten seconds (some report up to fifteen), so the emulator holds the strict end.
     */
    static final Duration ANSWER_WINDOW = Duration.ofSeconds(10);

    final Map<Long, Query> queries = new HashMap<>();
    final Map<String, Editable> messages = new HashMap<>();
    final Map<Long, Guest> guestQueries = new HashMap<>();
    /** Chats the bot is not in: the bot cannot send to them, yet inline results and guest answers land there. */
    private long lastQueryId = 4_714_230_000_000_000_000L;

    private long lastGuestQueryId = 5_200_100_000_000_000_000L;
    private long lastInlineMessage;

    /** An inline query a user typed; {@code answer} is set once the bot answered in time. */
    static final class Query {
        final long id;
        final UserProfile from;
        final String text;
        final Instant at;
        Optional<InlineAnswer> answer = Optional.empty();

        Query(long id, UserProfile from, String text, Instant at) {
            this.id = id;
            this.from = from;
            this.text = text;
            this.at = at;
        }
    }

    /** A message editable by inline_message_id; {@code events} is its history (creation, then every edit). */
    record Editable(
            String id, InlineMessage.Origin origin, long chatId, int messageId, long userId, List<BotEvent> events) {
        Editable {
            events = new ArrayList<>(events);
        }
    }

    /** A guest query: the user's message that summoned the bot, answered at most once. */
    static final class Guest {
        final long chatId;
        final long callerId;
        boolean answered;

        Guest(long chatId, long callerId) {
            this.chatId = chatId;
            this.callerId = callerId;
        }
    }

    long nextQueryId() {
        return ++lastQueryId;
    }

    long nextGuestQueryId() {
        return ++lastGuestQueryId;
    }

    /**
     * An id shaped like Telegram's: the base64url of a serialized InputBotInlineMessageID (data centre, owner, message,
     * access hash), 27 characters without padding. Bots must treat it as opaque, and so do tests.
     */
    String nextInlineMessageId(long chatId, int messageId) {
        long hash = ++lastInlineMessage * 0x9E3779B97F4A7C15L ^ chatId;
        ByteBuffer bytes = ByteBuffer.allocate(20)
                .putInt(2)
                .putLong(chatId)
                .putInt(messageId)
                .putInt((int) hash);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** The chat where an inline message sits: one of the bot's, or one without it. */
    ChatState chat(BotState bot, long chatId) {
        ChatState chat = bot.chats.get(chatId);
        return chat;
    }

    InlineMessage snapshot(BotState bot, Editable editable) {
        ChatMessage message = chat(bot, editable.chatId()).messages.get(editable.messageId());
        return new InlineMessage(
                editable.id(),
                editable.origin(),
                editable.chatId(),
                editable.messageId(),
                editable.userId(),
                message.text(),
                message.entities(),
                message.replyMarkup(),
                message.editDate());
    }
}

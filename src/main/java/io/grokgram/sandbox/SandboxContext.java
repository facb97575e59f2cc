package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the emulator's parts share: the clock, the people, the global event sequence, the flood limits in force and
 * the 429 counter. Methods that take a {@link BotState} expect its lock to be held.
 */
final class SandboxContext {
    final Clock clock;
    final Map<Long, UserProfile> users = new ConcurrentHashMap<>();
    final Wire wire = new Wire(id -> Optional.ofNullable(users.get(id)));
    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong files = new AtomicLong();
    private final AtomicInteger tooManyRequests = new AtomicInteger();
    private volatile RateLimits rateLimits = RateLimits.off();

    SandboxContext(Clock clock) {
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    void rateLimits(RateLimits limits) {
        this.rateLimits = limits;
    }

    int tooManyRequestsServed() {
        return tooManyRequests.get();
    }

    /** Counts a message call (send, edit, draft) against its chat and the bot, or throws Telegram's 429 for it. */
    void acquireRate(BotState bot, ChatState chat) {
        refuseIfOver(bot.rateLimiter.acquireMessage(rateLimits, chat.id, chat.group, nanos()));
    }

    /** Counts a chat action against the bot's limit only (see {@link RateLimits}), or throws Telegram's 429. */
    void acquireChatActionRate(BotState bot) {
        refuseIfOver(bot.rateLimiter.acquireChatAction(rateLimits, nanos()));
    }

    private void refuseIfOver(OptionalInt wait) {
        if (wait.isPresent()) {
            tooManyRequests.incrementAndGet();
            throw BotApiException.tooManyRequests(wait.getAsInt());
        }
    }

    /** The clock in nanoseconds since the epoch, for the flood limits' buckets. */
    private long nanos() {
        Instant now = clock.instant();
        return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
    }

    /**
     * Client.cpp {@code check_chat}: an empty chat_id, then an unknown chat. A private chat exists once its user has
     * written to the bot; a username ({@code @name}) never resolves, as bots cannot address users by username. A group
     * upgraded to a supergroup answers every call with the new id in {@code parameters.migrate_to_chat_id}; a group
     * the bot was removed from answers 403.
     */
    ChatState chat(BotState bot, String chatId) {
        if (chatId.isEmpty()) {
            throw BotApiException.badRequest("chat_id is empty");
        }
        ChatState chat = chatId.startsWith("@") ? null : bot.chats.get(Params.toLong(chatId));
        if (chat == null || chat.bot == ChatState.BotMembership.NEVER) {
            throw BotApiException.badRequest("chat not found");
        }
        if (chat.migratedTo != 0) {
            throw BotApiException.migrated(chat.migratedTo);
        }
        if (chat.bot == ChatState.BotMembership.REMOVED) {
            throw BotApiException.of(403, "Forbidden: bot was kicked from the " + chat.wording());
        }
        return chat;
    }

    /** Appends an event to the chat's feed and wakes waiters. */
    BotEvent record(
            BotState bot,
            ChatState chat,
            BotEvent.Kind kind,
            long messageId,
            long draftId,
            String text,
            List<MessageEntity> entities,
            Optional<JsonNode> markup) {
        BotEvent event =
                new BotEvent(seq.incrementAndGet(), now(), kind, chat.id, messageId, draftId, text, entities, markup);
        chat.feed.add(event);
        bot.changed.signalAll();
        return event;
    }

    /** A Telegram-looking file id: unique per emulator, stable for the run. */
    String fileId(String prefix) {
        long n = files.incrementAndGet();
        return prefix + "AAxkBAAI" + Long.toString(1_000_000 + n, 36).toUpperCase(java.util.Locale.ROOT) + "Z"
                + Long.toHexString(n * 2_654_435_761L);
    }
}

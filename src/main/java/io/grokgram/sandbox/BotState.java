package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Everything the emulator knows about one bot. One lock guards it all; {@link #changed} is signalled whenever
 * something a waiter may be waiting for happens (an update queued, a chat event, a long poll terminated), and waiters
 * re-check their own condition. Waiting always goes through {@code changed.await…}, which releases the lock.
 */
final class BotState {
    final ReentrantLock lock = new ReentrantLock();
    final Condition changed = lock.newCondition();

    final String token;
    final long id;
    final String username;
    final String firstName;
    final UpdateQueue updates;
    final Map<Long, ChatState> chats = new HashMap<>();
    final RateLimiter rateLimiter = new RateLimiter();
    final Map<String, List<JsonNode>> commands = new HashMap<>();
    final Map<String, String> descriptions = new HashMap<>();
    /** Menu buttons by chat id; 0 holds the bot's default (setChatMenuButton without chat_id). */
    final Map<Long, JsonNode> menuButtons = new HashMap<>();

    final Map<String, String> shortDescriptions = new HashMap<>();
    /** Callback queries not answered yet, in the order they were asked. */
    final Set<String> openCallbackQueries = new LinkedHashSet<>();
    /** What answerCallbackQuery said, by query id. */
    final Map<String, CallbackAnswer> callbackAnswers = new HashMap<>();
    /** Files the bot uploaded, by chat id, oldest first. */
    final Map<Long, List<SentDocument>> documents = new HashMap<>();

    /**
     * Privacy mode (BotFather's /setprivacy, on by default): in groups the bot then only hears commands, mentions of
     * it, replies to it and service messages. Volatile: a test may flip it while the bot polls.
     */
    volatile boolean groupPrivacy = true;

    final InlineState inline = new InlineState();
    final PaymentState payments = new PaymentState();

    Optional<Webhook> webhook = Optional.empty();
    LongPoll activePoll;
    /** The thread POSTing this bot's updates to its webhook; null while none runs. */
    Thread webhookWorker;
    /** The latest failed delivery, as getWebhookInfo reports it; empty after a new URL or deleteWebhook. */
    Optional<WebhookError> webhookError = Optional.empty();

    /** The webhook settings: where {@link WebhookDelivery} posts updates, and what getWebhookInfo reports. */
    record Webhook(String url, String secretToken, int maxConnections, String ipAddress) {}

    /** A failed delivery: when (Unix seconds) and Telegram's wording of what went wrong. */
    record WebhookError(long unixTime, String message) {}

    /** A waiting getUpdates; another one or setWebhook may terminate it with a 409. */
    static final class LongPoll {
        String terminatedBy;
    }

    BotState(String token, long id, String username, String firstName, long firstUpdateId) {
        this.token = token;
        this.id = id;
        this.username = username;
        this.firstName = firstName;
        this.updates = new UpdateQueue(firstUpdateId);
    }

    /** Ends a waiting getUpdates with a 409 carrying {@code description}. Call with the lock held. */
    void terminatePoll(String description) {
        if (activePoll != null) {
            activePoll.terminatedBy = description;
            activePoll = null;
            changed.signalAll();
        }
    }
}

package io.grokgram.telegram;

import io.grokgram.store.Database;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Long polling, owned by Grokgram rather than a library, because the offset may advance only after the sink has
 * stored the update (ready-made loops confirm first and lose updates on a crash). The offset itself is persisted too,
 * so a restart neither re-reads a long backlog nor skips anything; a re-delivered update is a no-op in the inbox.
 */
public final class Intake implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Intake.class);

    /** What Grokgram asks Telegram for, polling or by webhook. */
    static final List<String> ALLOWED_UPDATES = List.of(
            "message",
            "edited_message",
            "callback_query",
            "my_chat_member",
            "stopped_message_generation",
            "inline_query",
            "chosen_inline_result",
            "guest_message",
            "pre_checkout_query",
            "subscription");

    private final BotApi api;
    private final UpdateParser parser;
    private final UpdateSink sink;
    private final Database database;
    private final long botId;
    private final Duration pollTimeout;
    private final Clock clock;
    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
    private volatile boolean running;
    private volatile Thread poller;

    Intake(BotApi api, UpdateSink sink, Database database, long botId, Duration pollTimeout, Clock clock) {
        this.api = Objects.requireNonNull(api, "api");
        this.parser = new UpdateParser();
        this.sink = Objects.requireNonNull(sink, "sink");
        this.database = Objects.requireNonNull(database, "database");
        this.botId = botId;
        this.pollTimeout = pollTimeout;
        this.clock = clock;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        poller = Thread.ofVirtual().name("telegram-intake").start(this::pollLoop);
    }

    private void pollLoop() {
        long offset = loadOffset();
        log.info("intake polling from offset {}", offset);
        boolean webhookCleared = false;
        while (running && !Thread.currentThread().isInterrupted()) {
            List<String> batch;
            try {
                if (!webhookCleared) {
                    webhookCleared = clearWebhook();
                }
                batch = api.getUpdates(offset, 100, pollTimeout, ALLOWED_UPDATES);
                backoff.reset();
            } catch (TelegramException e) {
                if (!running || Thread.currentThread().isInterrupted()) {
                    break;
                }
                Duration delay = backoff.nextDelay();
                switch (e) {
                    case TelegramException.Conflict c ->
                        log.error(
                                "another poller or a webhook holds this bot's updates; retrying in {} ms: {}",
                                delay.toMillis(),
                                c.getMessage());
                    case TelegramException.Unauthorized u ->
                        log.error("Telegram refused the bot token (revoked?); retrying in {} ms", delay.toMillis());
                    default ->
                        log.warn("cannot reach the Bot API, retrying in {} ms: {}", delay.toMillis(), e.getMessage());
                }
                if (!pause(delay)) {
                    break;
                }
                continue;
            }
            offset = handle(batch, offset);
        }
        log.info("intake stopped");
    }

    /**
     * getUpdates answers 409 for as long as a webhook is set (say, by an earlier run in webhook mode), so polling mode
     * removes it first — keeping its pending updates, which this loop then fetches. Only the origin is logged: some
     * webhook URLs carry a secret in their path. Returns whether it is done; a transient failure is thrown to the
     * loop's back-off, any other is logged and polling goes ahead (getUpdates then reports what is wrong).
     */
    private boolean clearWebhook() {
        try {
            String url = api.webhookUrl();
            if (!url.isEmpty()) {
                api.deleteWebhook(false);
                log.info(
                        "deleted the webhook to {} (pending updates kept) to receive updates by long polling",
                        origin(url));
            }
        } catch (TelegramException e) {
            if (e.retriable()) {
                throw e;
            }
            log.warn("could not check for a webhook ({}); polling anyway", e.getMessage());
        }
        return true;
    }

    private static String origin(String url) {
        try {
            URI uri = new URI(url);
            return uri.getScheme() + "://" + uri.getHost();
        } catch (URISyntaxException e) {
            return "an unparsable URL";
        }
    }

    /** Hands every update to the sink in order; returns the offset that confirms exactly the ones it took. */
    private long handle(List<String> batch, long offset) {
        long next = offset;
        for (String raw : batch) {
            InboundUpdate update = parser.parse(raw);
            try {
                sink.accept(update, raw);
            } catch (RuntimeException e) {
                // not stored: do not confirm it or anything after it; Telegram delivers them again
                log.error("could not store update {}; it will be fetched again", update.updateId(), e);
                saveOffset(next);
                pause(backoff.nextDelay());
                return next;
            }
            if (update.updateId() > 0) {
                next = Math.max(next, update.updateId() + 1);
            }
        }
        if (next != offset) {
            saveOffset(next);
        }
        return next;
    }

    private long loadOffset() {
        return database.inTransaction(tx -> tx.queryOne(
                        "SELECT next_offset FROM intake_offset WHERE bot_id = ?",
                        row -> row.getLong("next_offset"),
                        botId)
                .orElse(0L));
    }

    private void saveOffset(long offset) {
        database.useTransaction(tx -> tx.update(
                "INSERT INTO intake_offset (bot_id, next_offset, updated_at) VALUES (?, ?, ?) "
                        + "ON CONFLICT (bot_id) DO UPDATE SET next_offset = excluded.next_offset, "
                        + "updated_at = excluded.updated_at",
                botId,
                offset,
                clock.millis()));
    }

    private boolean pause(Duration delay) {
        try {
            Thread.sleep(delay);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        running = false;
        Thread thread = poller;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

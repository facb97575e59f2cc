package io.grokgram.telegram;

import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only way out to Telegram. Every call waits for a token of its chat's bucket (per chat, or per group) and of the
 * bot's bucket, so Grokgram stays inside Telegram's limits however many turns run.
 *
 * <p>Final answers block until their turn; previews (drafts and preview edits) never wait: if no token is free now
 * they are skipped, since the next preview carries newer text anyway. That gives finals precedence and means a stale
 * preview is never queued behind a fresh one. A 429 pauses the chat it hit for {@code retry_after}; finals then retry,
 * previews are dropped.
 */
public final class Outbound implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Outbound.class);

    private final BotApi api;
    private final OutboundLimits limits;
    private final Bucket botBucket;
    private final Map<Long, ChatGate> chats = new ConcurrentHashMap<>();
    private final MeterRegistry metrics;
    /** Cleared for good the first time the server answers 404 to a draft: an older or self-hosted Bot API server. */
    private volatile boolean draftsSupported = true;

    Outbound(BotApi api, OutboundLimits limits, MeterRegistry metrics) {
        this.api = api;
        this.limits = limits;
        this.metrics = metrics;
        this.botBucket = Bucket.builder()
                .addLimit(limit -> limit.capacity(limits.perBotPerSecond())
                        .refillGreedy(limits.perBotPerSecond(), Duration.ofSeconds(1)))
                .build();
    }

    /** Sends a final message part; waits for its turn and retries transient failures. */
    public MessageId send(ChatId chat, OptionalInt threadId, FormattedText text, Optional<MessageId> replyTo) {
        return finalCall(chat, "sendMessage", () -> api.sendMessage(chat, threadId, text, replyTo));
    }

    /** Edits a message to its final text. "Not modified" counts as done: the wanted state already holds. */
    public void edit(ChatId chat, MessageId message, FormattedText text) {
        finalCall(chat, "editMessageText", () -> {
            try {
                api.editMessageText(chat, message, text);
            } catch (TelegramException.BadRequest e) {
                if (!e.notModified()) {
                    throw e;
                }
            }
            return Boolean.TRUE;
        });
    }

    /**
     * Shows a streaming draft if a token is free right now. Returns {@link PreviewResult#UNSUPPORTED} when the server
     * does not know drafts (404), so the caller can switch to edits.
     */
    public PreviewResult draft(ChatId chat, OptionalInt threadId, int draftId, FormattedText text) {
        return previewCall(chat, "sendMessageDraft", () -> api.sendMessageDraft(chat, threadId, draftId, text, true));
    }

    /**
     * Sends the first preview message where drafts are not available (groups, older Bot API servers); empty if no
     * token was free or the call failed — the next preview tries again.
     */
    public Optional<MessageId> sendPreview(ChatId chat, OptionalInt threadId, FormattedText text) {
        MessageId[] sent = new MessageId[1];
        PreviewResult result = previewCall(
                chat, "sendMessage", () -> sent[0] = api.sendMessage(chat, threadId, text, Optional.empty()));
        return result == PreviewResult.SHOWN ? Optional.of(sent[0]) : Optional.empty();
    }

    /** Updates a preview message if a token is free right now; "not modified" is fine. */
    public PreviewResult editPreview(ChatId chat, MessageId message, FormattedText text) {
        return previewCall(chat, "editMessageText", () -> {
            try {
                api.editMessageText(chat, message, text);
            } catch (TelegramException.BadRequest e) {
                if (!e.notModified()) {
                    throw e;
                }
            }
        });
    }

    /** Whether drafts can be used: true until the server showed it does not have them. */
    public boolean draftsSupported() {
        return draftsSupported;
    }

    /** Shows "typing…" (lasts up to 5 s on the user's screen). Best effort; counts only against the bot's bucket. */
    public void typing(ChatId chat, OptionalInt threadId) {
        if (!botBucket.tryConsume(1) || gate(chat).paused()) {
            return;
        }
        try {
            api.sendChatAction(chat, threadId, "typing");
            count("sendChatAction", "ok");
        } catch (TelegramException e) {
            count("sendChatAction", outcome(e));
            log.debug("typing indicator for chat {} failed: {}", chat, e.getMessage());
        }
    }

    public void setMyCommands(List<BotCommandSpec> commands) {
        acquireBot();
        api.setMyCommands(commands);
        count("setMyCommands", "ok");
    }

    /** What became of a preview. */
    public enum PreviewResult {
        SHOWN,
        SKIPPED,
        UNSUPPORTED
    }

    private PreviewResult previewCall(ChatId chat, String method, Runnable call) {
        ChatGate gate = gate(chat);
        if (gate.paused() || !gate.bucket.tryConsume(1)) {
            return PreviewResult.SKIPPED;
        }
        if (!botBucket.tryConsume(1)) {
            gate.bucket.addTokens(1);
            return PreviewResult.SKIPPED;
        }
        try {
            call.run();
            count(method, "ok");
            return PreviewResult.SHOWN;
        } catch (TelegramException.NotFound e) {
            count(method, "not_found");
            if (method.equals("sendMessageDraft") && draftsSupported) {
                draftsSupported = false;
                log.warn("the Bot API server does not know sendMessageDraft; answers stream by editing a message");
            }
            return PreviewResult.UNSUPPORTED;
        } catch (TelegramException.RateLimited e) {
            gate.pauseFor(e.retryAfter());
            count(method, "rate_limited");
            log.warn(
                    "Telegram asked to slow down chat {} for {} s ({})",
                    chat,
                    e.retryAfter().toSeconds(),
                    method);
            return PreviewResult.SKIPPED;
        } catch (TelegramException e) {
            count(method, outcome(e));
            if (e instanceof TelegramException.Forbidden) {
                throw e;
            }
            log.debug("preview {} for chat {} failed: {}", method, chat, e.getMessage());
            return PreviewResult.SKIPPED;
        }
    }

    private <T> T finalCall(ChatId chat, String method, Supplier<T> call) {
        ChatGate gate = gate(chat);
        Duration backoff = Duration.ofMillis(500);
        for (int attempt = 1; ; attempt++) {
            gate.awaitUnpaused();
            acquire(gate.bucket);
            acquireBot();
            try {
                T result = call.get();
                count(method, "ok");
                return result;
            } catch (TelegramException.RateLimited e) {
                count(method, "rate_limited");
                gate.pauseFor(e.retryAfter());
                log.warn(
                        "Telegram asked to slow down chat {} for {} s ({}, attempt {})",
                        chat,
                        e.retryAfter().toSeconds(),
                        method,
                        attempt);
                if (attempt >= limits.maxAttempts()) {
                    throw e;
                }
            } catch (TelegramException e) {
                count(method, outcome(e));
                if (!e.retriable()
                        || attempt >= limits.maxAttempts()
                        || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                log.warn(
                        "{} to chat {} failed, retrying in {} ms: {}",
                        method,
                        chat,
                        backoff.toMillis(),
                        e.getMessage());
                sleep(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    private ChatGate gate(ChatId chat) {
        return chats.computeIfAbsent(chat.value(), id -> new ChatGate(newChatBucket(chat)));
    }

    private Bucket newChatBucket(ChatId chat) {
        if (chat.isPrivate()) {
            return Bucket.builder()
                    .addLimit(limit -> limit.capacity(1).refillGreedy(1, limits.chatInterval()))
                    .build();
        }
        // groups: the per-minute budget, and never more than the per-chat pace either
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(limits.perGroupPerMinute())
                        .refillGreedy(limits.perGroupPerMinute(), Duration.ofMinutes(1)))
                .addLimit(limit -> limit.capacity(1).refillGreedy(1, limits.chatInterval()))
                .build();
    }

    private void acquireBot() {
        acquire(botBucket);
    }

    private static void acquire(Bucket bucket) {
        try {
            bucket.asBlocking().consume(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TelegramException.Unavailable("outbound", "interrupted while waiting for a send slot", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TelegramException.Unavailable("outbound", "interrupted during back-off", e);
        }
    }

    private void count(String method, String outcome) {
        metrics.counter("grokgram_telegram_calls", "method", method, "outcome", outcome)
                .increment();
    }

    private static String outcome(TelegramException e) {
        return switch (e) {
            case TelegramException.RateLimited r -> "rate_limited";
            case TelegramException.Forbidden f -> "forbidden";
            case TelegramException.BadRequest b -> "bad_request";
            case TelegramException.NotFound n -> "not_found";
            case TelegramException.Unauthorized u -> "unauthorized";
            case TelegramException.Conflict c -> "conflict";
            case TelegramException.Unavailable u -> "unavailable";
        };
    }

    @Override
    public void close() {
        chats.clear();
    }

    /** A chat's bucket plus the pause a 429 put on it. */
    private static final class ChatGate {
        private final Bucket bucket;
        // nanoTime has an arbitrary origin, so "not paused" must start from a real reading, not from 0
        private volatile long pausedUntilNanos = System.nanoTime();

        ChatGate(Bucket bucket) {
            this.bucket = bucket;
        }

        boolean paused() {
            return System.nanoTime() - pausedUntilNanos < 0;
        }

        void pauseFor(Duration duration) {
            pausedUntilNanos = System.nanoTime() + duration.toNanos();
        }

        void awaitUnpaused() {
            long remaining = pausedUntilNanos - System.nanoTime();
            if (remaining > 0) {
                sleep(Duration.ofNanos(remaining));
            }
        }
    }
}

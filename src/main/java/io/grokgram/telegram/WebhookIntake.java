package io.grokgram.telegram;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Intake by webhook: Telegram POSTs each update to the HTTP server, whose endpoint hands the body to {@link #accept}.
 * The endpoint's 2xx is what confirms an update to Telegram, so {@code accept} returns only after the sink has stored
 * it, and throws when the sink could not: the endpoint then answers an error and Telegram delivers the update again (a
 * repeat is a no-op in the inbox). A malformed update reaches the sink as {@link InboundUpdate.Malformed}, is dropped
 * there and confirmed, exactly as long polling does: delivering it again would not mend it.
 *
 * <p>{@link #start()} registers the webhook with the secret Telegram must send back and the same allowed updates as
 * {@link Intake}. Closing does not delete the webhook: while the bot is down Telegram keeps the updates (up to 24
 * hours) and retries them, which is what a restart wants.
 */
public final class WebhookIntake implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookIntake.class);
    private static final int START_ATTEMPTS = 5;

    private final BotApi api;
    private final UpdateSink sink;
    private final URI url;
    private final WebhookSecret secret;
    private final UpdateParser parser = new UpdateParser();
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(15));
    private volatile boolean closed;

    WebhookIntake(BotApi api, UpdateSink sink, URI url, WebhookSecret secret) {
        this.api = Objects.requireNonNull(api, "api");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.url = Objects.requireNonNull(url, "url");
        this.secret = Objects.requireNonNull(secret, "secret");
    }

    /**
     * Calls setWebhook, retrying a few times while the Bot API is unreachable; a refusal (a URL Telegram will not post
     * to, say) stops the start with Telegram's reason.
     */
    public void start() {
        for (int attempt = 1; ; attempt++) {
            try {
                // max_connections stays Telegram's default: the Bot API server posts one chat's updates one after
                // the other whatever the number, so per-chat order holds and other chats need not wait
                api.setWebhook(url, secret, Intake.ALLOWED_UPDATES, OptionalInt.empty());
                log.info("webhook set: Telegram posts updates to {}", url);
                return;
            } catch (TelegramException e) {
                if (!e.retriable() || attempt == START_ATTEMPTS) {
                    throw new IllegalStateException("could not set the webhook to " + url + ": " + e.getMessage(), e);
                }
                Duration delay =
                        e instanceof TelegramException.RateLimited limited ? limited.retryAfter() : backoff.nextDelay();
                log.warn("could not set the webhook ({}); retrying in {} ms", e.getMessage(), delay.toMillis());
                pause(delay);
            }
        }
    }

    /**
     * Takes one update exactly as Telegram posted it. Returns once the sink has stored it (or deliberately dropped
     * it); throws if the sink failed or intake is closed, and then nothing of it was confirmed.
     */
    public void accept(String rawUpdateJson) {
        Objects.requireNonNull(rawUpdateJson, "rawUpdateJson");
        if (closed) {
            throw new IllegalStateException("webhook intake is closed; Telegram will deliver the update again");
        }
        InboundUpdate update = parser.parse(rawUpdateJson);
        try {
            sink.accept(update, rawUpdateJson);
        } catch (RuntimeException e) {
            log.error(
                    "could not store update {}; answering an error so Telegram delivers it again",
                    update.updateId(),
                    e);
            throw e;
        }
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting the webhook", e);
        }
    }

    /** From now on every delivery is refused, so none is confirmed while the rooms behind the sink shut down. */
    @Override
    public void close() {
        closed = true;
    }
}

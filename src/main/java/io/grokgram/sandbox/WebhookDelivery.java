package io.grokgram.sandbox;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts a bot's updates to its webhook the way Telegram does: one JSON update per request, the secret in {@code
 * X-Telegram-Bot-Api-Secret-Token}, a 2xx confirms it; any other answer, a timeout or no connection counts as a failure
 * that getWebhookInfo reports, and the update is tried again after a doubling pause. Updates go one at a time, in
 * order, so later ones wait behind a failing one. The Bot API server (WebhookActor) is subtler: it posts different
 * chats' updates in parallel, up to max_connections, but one chat's strictly one after the other; and it drops an
 * update when its next try would fall after the update expires, where the emulator counts attempts, so tests stay
 * short.
 *
 * <p>One virtual thread per bot runs while a webhook is set: {@link #ensureRunning} starts it from setWebhook, and it
 * ends when deleteWebhook takes the webhook away — leaving undelivered updates for getUpdates.
 */
final class WebhookDelivery implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookDelivery.class);
    private static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    private static final Duration LONGEST_PAUSE = Duration.ofMinutes(1);

    /** How often and how patiently to post: pauses double from {@code firstPause}; a post may take {@code timeout}. */
    record Policy(Duration firstPause, int attempts, Duration timeout) {
        Policy {
            Objects.requireNonNull(firstPause, "firstPause");
            Objects.requireNonNull(timeout, "timeout");
            if (firstPause.isNegative() || attempts < 1 || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("a webhook retry policy needs a pause >= 0, attempts >= 1 and a"
                        + " positive timeout, got " + firstPause + ", " + attempts + ", " + timeout);
            }
        }

        Duration pauseAfter(int attempt) {
            Duration pause = firstPause.multipliedBy(1L << Math.min(attempt - 1, 20));
            return pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause;
        }
    }

    private final SandboxContext context;
    private final Set<Thread> workers = ConcurrentHashMap.newKeySet();
    private volatile Policy policy = new Policy(Duration.ofSeconds(1), 8, Duration.ofSeconds(30));
    private volatile boolean closed;
    private HttpClient http;

    WebhookDelivery(SandboxContext context) {
        this.context = context;
    }

    synchronized void retry(Duration firstPause, int attempts) {
        policy = new Policy(firstPause, attempts, policy.timeout());
    }

    synchronized void timeout(Duration timeout) {
        policy = new Policy(policy.firstPause(), policy.attempts(), timeout);
    }

    /** Starts the bot's delivery thread unless one runs. Call with the bot's lock held, after setting the webhook. */
    void ensureRunning(BotState bot) {
        if (bot.webhookWorker == null && !closed) {
            bot.webhookWorker =
                    Thread.ofVirtual().name("sandbox-webhook-" + bot.username).unstarted(() -> run(bot));
            workers.add(bot.webhookWorker);
            bot.webhookWorker.start();
        }
    }

    private void run(BotState bot) {
        try {
            for (Optional<UpdateQueue.Pending> next = awaitNext(bot); next.isPresent(); next = awaitNext(bot)) {
                deliver(bot, next.get());
            }
        } catch (InterruptedException e) {
            // the emulator is closing; the thread ends here
            bot.lock.lock();
            try {
                resign(bot);
            } finally {
                bot.lock.unlock();
            }
        } finally {
            workers.remove(Thread.currentThread());
        }
    }

    /**
     * The next update to post, waiting for one; empty once the webhook is gone. The thread resigns in the same lock
     * scope in which it saw the webhook gone, so a setWebhook right after always finds no worker and starts one.
     */
    private Optional<UpdateQueue.Pending> awaitNext(BotState bot) throws InterruptedException {
        bot.lock.lock();
        try {
            while (bot.webhook.isPresent() && !closed) {
                Optional<UpdateQueue.Pending> head = bot.updates.head(context.clock.millis());
                if (head.isPresent()) {
                    return head;
                }
                bot.changed.await();
            }
            resign(bot);
            return Optional.empty();
        } finally {
            bot.lock.unlock();
        }
    }

    private static void resign(BotState bot) {
        if (bot.webhookWorker == Thread.currentThread()) {
            bot.webhookWorker = null;
        }
    }

    /** Posts one update until it is confirmed, dropped after the last attempt, or the webhook is deleted. */
    private void deliver(BotState bot, UpdateQueue.Pending update) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            Optional<BotState.Webhook> webhook = webhook(bot);
            if (webhook.isEmpty()) {
                return;
            }
            Optional<String> failure = post(webhook.get(), update.json());
            bot.lock.lock();
            try {
                if (failure.isEmpty()) {
                    bot.updates.remove(update);
                    bot.changed.signalAll();
                    return;
                }
                bot.webhookError =
                        Optional.of(new BotState.WebhookError(context.now().getEpochSecond(), failure.get()));
                if (attempt >= policy.attempts()) {
                    if (bot.updates.remove(update)) {
                        log.info(
                                "update {} dropped after {} failed deliveries: {}",
                                update.id(),
                                attempt,
                                failure.get());
                    }
                    bot.changed.signalAll();
                    return;
                }
                if (!pause(bot, update, policy.pauseAfter(attempt))) {
                    return;
                }
            } finally {
                bot.lock.unlock();
            }
        }
    }

    private static Optional<BotState.Webhook> webhook(BotState bot) {
        bot.lock.lock();
        try {
            return bot.webhook;
        } finally {
            bot.lock.unlock();
        }
    }

    /**
     * Waits before the next attempt, with the lock held (await releases it); false when there is nothing left to do:
     * the webhook was deleted or the update dropped meanwhile.
     */
    private boolean pause(BotState bot, UpdateQueue.Pending update, Duration pause) throws InterruptedException {
        long deadline = System.nanoTime() + pause.toNanos();
        for (long left = pause.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            bot.changed.awaitNanos(left);
            if (bot.webhook.isEmpty() || closed) {
                return false;
            }
        }
        return bot.updates.contains(update);
    }

    /** Empty on a 2xx; otherwise the failure in Telegram's words, as getWebhookInfo's last_error_message shows it. */
    private Optional<String> post(BotState.Webhook webhook, String json) throws InterruptedException {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(webhook.url()))
                    .timeout(policy.timeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json));
            if (!webhook.secretToken().isEmpty()) {
                request.header(SECRET_HEADER, webhook.secretToken());
            }
            int status = http().send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            return status / 100 == 2
                    ? Optional.empty()
                    : Optional.of("Wrong response from the webhook: " + status + reason(status));
        } catch (HttpConnectTimeoutException e) {
            return Optional.of("Connection timed out");
        } catch (HttpTimeoutException e) {
            return Optional.of("Read timeout expired");
        } catch (ConnectException e) {
            return Optional.of(
                    unresolved(e) ? "Failed to resolve host: Name or service not known" : "Connection refused");
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of(
                    unresolved(e) ? "Failed to resolve host: Name or service not known" : "Connection failed");
        }
    }

    private static boolean unresolved(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    /** The status line's reason, which Telegram quotes; the JDK client does not keep it, so the usual ones. */
    private static String reason(int status) {
        return switch (status) {
            case 301 -> " Moved Permanently";
            case 302 -> " Found";
            case 400 -> " Bad Request";
            case 401 -> " Unauthorized";
            case 403 -> " Forbidden";
            case 404 -> " Not Found";
            case 405 -> " Method Not Allowed";
            case 429 -> " Too Many Requests";
            case 500 -> " Internal Server Error";
            case 502 -> " Bad Gateway";
            case 503 -> " Service Unavailable";
            case 504 -> " Gateway Timeout";
            default -> "";
        };
    }

    /** Made on the first delivery, so an emulator that never sees a webhook starts no client threads. */
    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }
        return http;
    }

    @Override
    public void close() {
        closed = true;
        workers.forEach(Thread::interrupt);
        synchronized (this) {
            if (http != null) {
                http.shutdownNow();
            }
        }
    }
}

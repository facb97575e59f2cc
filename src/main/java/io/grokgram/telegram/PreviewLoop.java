package io.grokgram.telegram;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The handover and pacing that {@link ReplyStream} and {@link InlineReply} share: the provider thread hands over the
 * newest text ({@link #update}) without ever waiting on Telegram, and a virtual thread of the reply's own picks it up
 * ({@link #next}) and makes the calls, no more often than {@link PreviewSettings} allow ({@link #due}).
 *
 * <p>The owner's {@code body} runs on that thread and must return as soon as {@link #next} is empty: {@link #close}
 * waits for it, which is what keeps a preview in flight from arriving after the final text.
 */
final class PreviewLoop implements AutoCloseable {
    /** The longest a round waits for new text, so time-driven work (typing, draft refresh) still happens. */
    private static final long ROUND_MILLIS = 50;

    private final PreviewSettings settings;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final long startedNanos = System.nanoTime();
    private final Thread thread;
    private String latest = "";
    private boolean closed;

    PreviewLoop(String threadName, PreviewSettings settings, Runnable body) {
        this.settings = settings;
        this.thread = Thread.ofVirtual().name(threadName).unstarted(body);
    }

    void start() {
        thread.start();
    }

    /** Hands over the whole answer so far (not a delta). Never blocks on Telegram. */
    void update(String accumulatedMarkdown) {
        lock.lock();
        try {
            latest = accumulatedMarkdown;
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The newest text, once it changed or a round passed; empty once the loop is closed (or its thread interrupted),
     * which ends the body.
     */
    Optional<String> next() {
        lock.lock();
        try {
            if (closed) {
                return Optional.empty();
            }
            changed.await(ROUND_MILLIS, TimeUnit.MILLISECONDS);
            return closed ? Optional.empty() : Optional.of(latest);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /** Whether a preview may go at {@code nowNanos}: past the preview delay and a draft interval after the last one. */
    boolean due(long nowNanos, long lastPreviewNanos) {
        return nowNanos - startedNanos >= settings.previewDelay().toNanos()
                && nowNanos - lastPreviewNanos >= settings.draftInterval().toNanos();
    }

    /** Stops the loop and waits for a call in flight, so nothing of the preview arrives after the answer. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signal();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

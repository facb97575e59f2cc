package io.grokgram.telegram;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One chat in the {@link FloodControl}: its turn (one call of the chat on the wire at a time, finals first come first
 * served), its bucket (the chat pace, plus the group limit in groups), the pause a 429 put on it, and when a call last
 * left for it.
 */
final class ChatLane {
    private static final long NEVER = Long.MIN_VALUE;

    final Semaphore turn = new Semaphore(1, true);
    final Pause pause;
    final TokenBucket bucket;
    private final long busyWindowNanos;
    private final AtomicLong lastLeftNanos = new AtomicLong(NEVER);

    /**
     * A lane at a private chat's pace, or a group's too; inline messages, whose chat the bot never learns, use a private
     * chat's. {@code bucket} and {@code pause} come from {@link Buckets}, local or shared.
     */
    ChatLane(boolean group, OutboundLimits limits, TokenBucket bucket, Pause pause) {
        this.bucket = bucket;
        this.pause = pause;
        Duration interval = limits.chatInterval();
        if (group && limits.groupInterval().compareTo(interval) > 0) {
            interval = limits.groupInterval();
        }
        // a chat with a call less than two intervals ago may be over its own limit; one quiet for longer cannot be
        this.busyWindowNanos = interval.multipliedBy(2).toNanos();
    }

    /** The turn if nobody holds it or waits for it; honours the queue, unlike {@link Semaphore#tryAcquire()}. */
    boolean tryTurn() {
        return FloodControl.tryNow(turn);
    }

    long nanosToToken() {
        return bucket.nanosToToken();
    }

    /** Whether nothing holds or waits for the turn and no call left for {@code nanos}: safe to forget. */
    boolean idleFor(long nanos) {
        long last = lastLeftNanos.get();
        return turn.availablePermits() == 1
                && !turn.hasQueuedThreads()
                && (last == NEVER || System.nanoTime() - last > nanos);
    }

    /** Notes that a call leaves now; returns whether the chat was busy (another call shortly before). */
    boolean left() {
        long now = System.nanoTime();
        long previous = lastLeftNanos.getAndSet(now);
        return previous != NEVER && now - previous < busyWindowNanos;
    }
}

package io.grokgram.telegram;

import io.grokgram.shared.SharedState;
import io.grokgram.shared.SharedStateUnavailable;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Until when a 429 stopped a chat or the bot. Only ever extended, so a short retry_after never cuts a longer one.
 *
 * <p>In scale-out the pause is also a Redis key living for retry_after ({@link SharedState#extend}), read before every
 * call on its bucket, so a 429 one worker got stops every worker. The local reading stays too: the worker that got
 * the 429 honours it even if Redis is lost right then.
 */
final class Pause {
    // nanoTime has an arbitrary origin, so "not paused" must start from a real reading, not from 0
    private final AtomicLong untilNanos = new AtomicLong(System.nanoTime());
    private final Optional<SharedState> shared;
    private final String key;

    /** A pause this process alone keeps. */
    Pause() {
        this.shared = Optional.empty();
        this.key = "";
    }

    /** A pause every worker sharing {@code shared} honours, at {@code key}. */
    Pause(SharedState shared, String key) {
        this.shared = Optional.of(shared);
        this.key = key;
    }

    boolean active() {
        return remainingNanos() > 0;
    }

    long remainingNanos() {
        long local = Math.max(0, untilNanos.get() - System.nanoTime());
        if (shared.isEmpty() || !shared.get().available()) {
            return local;
        }
        try {
            return Math.max(local, shared.get().remaining(key).toNanos());
        } catch (SharedStateUnavailable e) {
            return local;
        }
    }

    void extend(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        untilNanos.accumulateAndGet(until, (current, proposed) -> proposed - current > 0 ? proposed : current);
        shared.filter(SharedState::available).ifPresent(state -> {
            try {
                state.extend(key, duration);
            } catch (SharedStateUnavailable e) {
                // this worker still pauses; the others learn of it by their own 429 while Redis is lost
            }
        });
    }
}

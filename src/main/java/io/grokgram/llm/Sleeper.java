package io.grokgram.llm;

import java.time.Duration;

/**
 * Pauses the calling thread between two attempts. A dependency, not a call to {@link Thread#sleep}, so tests pass one
 * that records the pause and returns at once.
 */
@FunctionalInterface
public interface Sleeper {
    /** Pauses for {@code pause}; throws when the thread is interrupted meanwhile, as {@link Thread#sleep} does. */
    void sleep(Duration pause) throws InterruptedException;
}

package io.grokgram.assistant;

import io.grokgram.shared.SharedState;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Inline answers kept for a while, so an identical request of the same user (clients resend as people edit and resend)
 * costs no second provider call. In one process a map; in scale-out Redis, so the worker that gets the repeat knows
 * the answer another gave. A miss only costs a provider call, so no implementation ever fails a turn.
 */
public interface AnswerCache {
    /** The answer kept for {@code key}, unless it expired. */
    Optional<String> get(String key);

    /** Keeps {@code answer} for {@code key} during {@code ttl}. */
    void put(String key, String answer, Duration ttl);

    /** The cache of a single process. */
    static AnswerCache inMemory(Clock clock) {
        return new MemoryAnswerCache(clock);
    }

    /**
     * The cache every worker of bot {@code botId} shares through {@code shared}; while Redis is lost, this worker's
     * own memory stands in.
     */
    static AnswerCache shared(SharedState shared, long botId, Clock clock) {
        return new SharedAnswerCache(shared, "grokgram:assistant:" + botId + ":inline:", inMemory(clock));
    }
}

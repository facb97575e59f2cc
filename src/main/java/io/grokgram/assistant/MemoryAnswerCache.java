package io.grokgram.assistant;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link AnswerCache} in this process; expired answers are dropped whenever one is put. */
final class MemoryAnswerCache implements AnswerCache {
    private final Clock clock;
    private final Map<String, Cached> answers = new ConcurrentHashMap<>();

    private record Cached(String answer, long until) {}

    MemoryAnswerCache(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<String> get(String key) {
        Cached cached = answers.get(key);
        return cached != null && cached.until() > clock.millis() ? Optional.of(cached.answer()) : Optional.empty();
    }

    @Override
    public void put(String key, String answer, Duration ttl) {
        long now = clock.millis();
        answers.put(key, new Cached(answer, now + ttl.toMillis()));
        answers.values().removeIf(old -> old.until() <= now);
    }
}

package io.grokgram.assistant;

import io.grokgram.shared.SharedState;
import io.grokgram.shared.SharedStateUnavailable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * {@link AnswerCache} in Redis, for every worker of the bot. The key is a hash of the user and the request: the
 * question stays out of Redis's key space, where tools list keys freely; the answer is the value, kept no longer than
 * the in-memory cache keeps it. While Redis is lost, {@code standIn} (this worker's memory) answers.
 */
final class SharedAnswerCache implements AnswerCache {
    private final SharedState shared;
    private final String prefix;
    private final AnswerCache standIn;

    SharedAnswerCache(SharedState shared, String prefix, AnswerCache standIn) {
        this.shared = shared;
        this.prefix = prefix;
        this.standIn = standIn;
    }

    @Override
    public Optional<String> get(String key) {
        if (shared.available()) {
            try {
                return shared.get(redisKey(key));
            } catch (SharedStateUnavailable e) {
                // lost: said once by SharedState
            }
        }
        return standIn.get(key);
    }

    @Override
    public void put(String key, String answer, Duration ttl) {
        if (shared.available()) {
            try {
                shared.put(redisKey(key), answer, ttl);
                return;
            } catch (SharedStateUnavailable e) {
                // lost: said once by SharedState
            }
        }
        standIn.put(key, answer, ttl);
    }

    private String redisKey(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return prefix + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

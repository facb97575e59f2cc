package io.grokgram.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How fast the test provider streams: a wait before the first content chunk, a wait between chunks, and how many
 * characters (code points) each content chunk carries.
 */
public record Pace(Duration firstTokenDelay, Duration chunkDelay, int charsPerChunk) {
    /** Close to a fast hosted model: no first-token wait, ~800 characters a second. */
    public static final Pace DEFAULT = new Pace(Duration.ZERO, Duration.ofMillis(15), 12);

    /** No waits at all, for tests that only care about content. */
    public static final Pace INSTANT = new Pace(Duration.ZERO, Duration.ZERO, 12);

    public Pace {
        Objects.requireNonNull(firstTokenDelay, "firstTokenDelay");
        Objects.requireNonNull(chunkDelay, "chunkDelay");
        if (firstTokenDelay.isNegative() || chunkDelay.isNegative()) {
            throw new IllegalArgumentException(
                    "pace delays must not be negative, got " + firstTokenDelay + " and " + chunkDelay);
        }
        if (charsPerChunk < 1) {
            throw new IllegalArgumentException("charsPerChunk must be at least 1, got " + charsPerChunk);
        }
    }
}

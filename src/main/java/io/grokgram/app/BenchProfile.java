package io.grokgram.app;

import io.grokgram.sandbox.Pace;
import java.time.Duration;

/**
 * The test provider's latency profile for {@code grokgram bench}: time to first token, streaming speed and answer
 * length. The numbers are ours, picked to resemble a hosted model, not measured from one; {@code realistic} keeps the
 * first token at half a second (hosted models often take about a second) so a run of 1,000 chats stays short.
 */
enum BenchProfile {
    /** No waits: what the gateway alone can do. 600-character answers in 64-character chunks. */
    ZERO(Duration.ZERO, Duration.ZERO, 64, 600),
    /** 0.5 s to the first token, then 16 characters every 40 ms (≈ 400 characters, ≈ 100 tokens a second), 1,200. */
    REALISTIC(Duration.ofMillis(500), Duration.ofMillis(40), 16, 1200),
    /** 1 s to the first token (a hosted model's usual), then as {@link #REALISTIC}: the scale-out bench's default. */
    HOSTED(Duration.ofSeconds(1), Duration.ofMillis(40), 16, 1200),
    /** 3 s to the first token, then 8 characters every 40 ms (≈ 50 tokens a second), 2,500-character answers. */
    SLOW(Duration.ofSeconds(3), Duration.ofMillis(40), 8, 2500);

    private final Pace pace;
    private final int answerChars;

    BenchProfile(Duration firstToken, Duration chunkDelay, int charsPerChunk, int answerChars) {
        this.pace = new Pace(firstToken, chunkDelay, charsPerChunk);
        this.answerChars = answerChars;
    }

    Pace pace() {
        return pace;
    }

    /** The answer's length in Markdown characters; the test provider's {@code #long N} writes it. */
    int answerChars() {
        return answerChars;
    }

    String describe() {
        return String.format(
                java.util.Locale.ROOT,
                "%s: first token after %d ms, %d characters every %d ms, %d-character answers",
                name().toLowerCase(java.util.Locale.ROOT),
                pace.firstTokenDelay().toMillis(),
                pace.charsPerChunk(),
                pace.chunkDelay().toMillis(),
                answerChars);
    }
}

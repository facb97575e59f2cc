package io.grokgram.privacy;

import java.util.Map;
import java.util.Objects;

/**
 * A text after redaction, and how many findings each detector replaced (detectors that found nothing are absent).
 */
public record Redaction(String text, Map<String, Integer> counts) {
    public Redaction {
        Objects.requireNonNull(text, "text");
        counts = Map.copyOf(counts);
    }

    /** How many findings were replaced in all. */
    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}

package io.grokgram.privacy;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an erasure deleted: rows per table, per holder (in the order the holders erased).
 *
 * @param deleted holder name to table name to rows deleted
 */
public record ErasureReport(DataSubject subject, Instant erasedAt, Map<String, Map<String, Integer>> deleted) {
    public ErasureReport {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(erasedAt, "erasedAt");
        Map<String, Map<String, Integer>> copy = new LinkedHashMap<>();
        deleted.forEach((holder, tables) -> copy.put(holder, Map.copyOf(tables)));
        deleted = Collections.unmodifiableMap(copy);
    }

    /** Rows deleted in all. */
    public int total() {
        return deleted.values().stream()
                .flatMap(tables -> tables.values().stream())
                .mapToInt(Integer::intValue)
                .sum();
    }
}

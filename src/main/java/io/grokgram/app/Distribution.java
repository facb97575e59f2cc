package io.grokgram.app;

import java.util.Arrays;
import java.util.List;

/** Measured values (e.g. milliseconds) and their percentiles by nearest rank. */
final class Distribution {
    private final long[] sorted;

    private Distribution(long[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a distribution needs at least one value");
        }
        this.sorted = values.clone();
        Arrays.sort(sorted);
    }

    static Distribution of(List<Long> values) {
        return new Distribution(values.stream().mapToLong(Long::longValue).toArray());
    }

    /** The smallest value with at least {@code percent} percent of all values at or below it (nearest rank). */
    long percentile(double percent) {
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("a percentile lies in (0, 100], got " + percent);
        }
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    long max() {
        return sorted[sorted.length - 1];
    }

    int count() {
        return sorted.length;
    }
}

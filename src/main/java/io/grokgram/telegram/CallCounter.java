package io.grokgram.telegram;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The {@code grokgram_telegram_calls} counter, tagged by Bot API method and outcome. {@link Outbound} and {@link
 * InlineCalls} both count through it, so chat and inline calls land on one meter with the same tags.
 */
final class CallCounter {
    private final MeterRegistry metrics;

    CallCounter(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    void count(String method, String outcome) {
        metrics.counter("grokgram_telegram_calls", "method", method, "outcome", outcome)
                .increment();
    }
}

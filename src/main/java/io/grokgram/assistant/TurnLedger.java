package io.grokgram.assistant;

import io.grokgram.llm.Completion;
import io.grokgram.llm.LlmException;
import io.grokgram.store.Tx;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;

/**
 * What each turn used, cost and took: a row in {@code turn_usage} (for the operator and, later, billing) and the
 * Prometheus metrics. Cost is NULL where the model has no configured price; the operator was warned at start.
 */
final class TurnLedger {
    private final MeterRegistry metrics;

    TurnLedger(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    void recordUsage(
            Tx tx,
            InboxEntry entry,
            String purpose,
            Completion completion,
            Optional<Long> cost,
            long turnMillis,
            long now) {
        tx.update(
                "INSERT INTO turn_usage (bot_id, update_id, provider, model, prompt_tokens, cached_tokens,"
                        + " completion_tokens, reasoning_tokens, cost_nano_usd, first_token_ms, provider_ms, turn_ms,"
                        + " created_at, user_id, purpose) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING",
                entry.chat().botId(),
                entry.updateId(),
                "default",
                completion.model().value(),
                completion.usage().promptTokens(),
                completion.usage().cachedTokens(),
                completion.usage().completionTokens(),
                completion.usage().reasoningTokens(),
                cost.orElse(null),
                completion.firstTokenAfter().toMillis(),
                completion.took().toMillis(),
                turnMillis,
                now,
                entry.userId() == 0 ? null : entry.userId(),
                purpose);
    }

    void answered(Completion completion, Optional<Long> cost, long turnMillis) {
        String model = completion.model().value();
        metrics.counter("grokgram_turns", "outcome", "answered").increment();
        metrics.timer("grokgram_turn_latency").record(Duration.ofMillis(turnMillis));
        metrics.timer("grokgram_provider_first_token", "model", model).record(completion.firstTokenAfter());
        metrics.counter("grokgram_provider_tokens", "model", model, "kind", "prompt")
                .increment(completion.usage().promptTokens());
        metrics.counter("grokgram_provider_tokens", "model", model, "kind", "cached")
                .increment(completion.usage().cachedTokens());
        metrics.counter("grokgram_provider_tokens", "model", model, "kind", "completion")
                .increment(completion.usage().completionTokens());
        metrics.counter("grokgram_provider_tokens", "model", model, "kind", "reasoning")
                .increment(completion.usage().reasoningTokens());
        cost.ifPresent(nano ->
                metrics.counter("grokgram_provider_cost_usd", "model", model).increment(nano / 1e9));
    }

    void failed(LlmException e) {
        metrics.counter(
                        "grokgram_turns",
                        "outcome",
                        "provider_failed",
                        "error",
                        e.getClass().getSimpleName())
                .increment();
    }
}

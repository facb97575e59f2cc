package io.grokgram.assistant;

import io.grokgram.llm.Completion;
import io.grokgram.llm.LlmException;
import io.grokgram.store.Tx;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What each turn used, cost and took: a row in {@code turn_usage} (for the operator and, later, billing) and the
 * Prometheus metrics. "Took" has three marks from the turn's start: the provider's first token, the first text the user
 * saw (a draft or preview message, else the answer itself), and the answer written. Cost is NULL where the model has no configured price; the operator was warned at start.
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
            OptionalLong firstVisibleMillis,
            long now) {
        tx.update(
                "INSERT INTO turn_usage (bot_id, update_id, provider, model, prompt_tokens, cached_tokens,"
                        + " completion_tokens, reasoning_tokens, cost_nano_usd, first_token_ms, provider_ms, turn_ms,"
                        + " created_at, user_id, purpose, first_visible_ms)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
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
                purpose,
                firstVisibleMillis.isPresent() ? firstVisibleMillis.getAsLong() : null);
    }

    void answered(Completion completion, Optional<Long> cost, long turnMillis, OptionalLong firstVisibleMillis) {
        String model = completion.model().value();
        metrics.counter("grokgram_turns", "outcome", "answered").increment();
        metrics.timer("grokgram_turn_latency").record(Duration.ofMillis(turnMillis));
        firstVisibleMillis.ifPresent(
                millis -> metrics.timer("grokgram_first_visible_text").record(Duration.ofMillis(millis)));
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

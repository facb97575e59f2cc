package io.grokgram.sandbox;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the {@link TestProvider} behaves.
 *
 * @param apiKey when present, every request must carry {@code Authorization: Bearer <apiKey>} (else 401)
 * @param models the model slugs it knows; any other gets a 404 like the real service
 * @param reasoningTokens reported as {@code completion_tokens_details.reasoning_tokens} on every answer
 * @param pace the initial streaming pace ({@link TestProvider#setPace} changes it later)
 * @param clock stamps {@code created} and the recorded requests
 * @param zeroDataRetention the value of the {@code x-zero-data-retention} header on every response, as xAI sends it
 *     (true only for a team with zero data retention arranged)
 */
public record TestProviderSettings(
        Optional<String> apiKey,
        List<String> models,
        int reasoningTokens,
        Pace pace,
        Clock clock,
        boolean zeroDataRetention) {

    /** A few current xAI slugs, and {@code grok-test} for tests that want a slug no real service has. */
    public static final List<String> DEFAULT_MODELS = List.of(
            "grok-4.3",
            "grok-4.3-mini",
            "grok-4.20-reasoning",
            "grok-4.20-non-reasoning",
            "grok-4.20-multi-agent",
            "grok-test");

    public TestProviderSettings {
        Objects.requireNonNull(apiKey, "apiKey");
        apiKey.ifPresent(key -> {
            if (key.isBlank()) {
                throw new IllegalArgumentException("the test provider's API key must not be blank");
            }
        });
        models = List.copyOf(models);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("the test provider needs at least one model");
        }
        if (reasoningTokens < 0) {
            throw new IllegalArgumentException("reasoningTokens must not be negative, got " + reasoningTokens);
        }
        Objects.requireNonNull(pace, "pace");
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * No key, the default models, no reasoning tokens, {@link Pace#DEFAULT}, the system clock, no zero data retention.
     */
    public static TestProviderSettings defaults() {
        return new TestProviderSettings(Optional.empty(), DEFAULT_MODELS, 0, Pace.DEFAULT, Clock.systemUTC(), false);
    }

    public TestProviderSettings withApiKey(String key) {
        return new TestProviderSettings(Optional.of(key), models, reasoningTokens, pace, clock, zeroDataRetention);
    }

    public TestProviderSettings withModels(List<String> knownModels) {
        return new TestProviderSettings(apiKey, knownModels, reasoningTokens, pace, clock, zeroDataRetention);
    }

    public TestProviderSettings withReasoningTokens(int tokens) {
        return new TestProviderSettings(apiKey, models, tokens, pace, clock, zeroDataRetention);
    }

    public TestProviderSettings withPace(Pace initialPace) {
        return new TestProviderSettings(apiKey, models, reasoningTokens, initialPace, clock, zeroDataRetention);
    }

    public TestProviderSettings withClock(Clock fixedClock) {
        return new TestProviderSettings(apiKey, models, reasoningTokens, pace, fixedClock, zeroDataRetention);
    }

    public TestProviderSettings withZeroDataRetention(boolean arranged) {
        return new TestProviderSettings(apiKey, models, reasoningTokens, pace, clock, arranged);
    }

    /** Masks the key: even a test key stays out of logs. */
    @Override
    public String toString() {
        return "TestProviderSettings[apiKey=" + apiKey.map(key -> "****").orElse("none") + ", models=" + models
                + ", reasoningTokens=" + reasoningTokens + ", pace=" + pace + ", clock=" + clock
                + ", zeroDataRetention="
                + zeroDataRetention + "]";
    }
}

package io.grokgram.llm;

import io.grokgram.sandbox.Pace;
import io.grokgram.sandbox.TestProviderSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;

/**
 * With one route and one attempt, the resilient provider keeps every promise of the provider it wraps: it is a
 * decorator, not a different provider.
 */
class ResilientProviderContractTest extends TestProviderContract {
    private ResilientProvider provider;

    @Override
    protected TestProviderSettings fakeSettings() {
        return TestProviderSettings.defaults().withPace(new Pace(Duration.ZERO, Duration.ZERO, 12));
    }

    @BeforeEach
    void start() {
        OpenAiCompatibleProvider client = new OpenAiCompatibleProvider(
                ProviderSettings.of("xai", URI.create(server.baseUrl() + "/v1"), Optional.empty())
                        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)));
        provider = new ResilientProvider(
                List.of(Route.asRequested(client)),
                new RetryPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(20)),
                pause -> {
                    throw new AssertionError("one attempt never pauses");
                },
                () -> 0L,
                Clock.systemUTC());
    }

    @Override
    protected ChatProvider provider() {
        return provider;
    }
}

package io.grokgram.llm;

import io.grokgram.sandbox.Failure;
import io.grokgram.sandbox.Pace;
import io.grokgram.sandbox.TestProvider;
import io.grokgram.sandbox.TestProviderSettings;
import io.grokgram.web.HttpServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * With one route and one attempt, the resilient provider keeps every promise of the provider it wraps: it is a
 * decorator, not a different provider.
 */
class ResilientProviderContractTest extends ChatProviderContract {
    private TestProvider fake;
    private HttpServer server;
    private ResilientProvider provider;

    @BeforeEach
    void start() {
        fake = new TestProvider(TestProviderSettings.defaults().withPace(new Pace(Duration.ZERO, Duration.ZERO, 12)));
        server = HttpServer.start("127.0.0.1", 0, List.of(fake));
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

    @AfterEach
    void stop() {
        fake.close();
        server.close();
    }

    @Override
    protected ChatProvider provider() {
        return provider;
    }

    @Override
    protected ModelId model() {
        return new ModelId("grok-4.3");
    }

    @Override
    protected Optional<String> lastConversationKeyReceived() {
        return fake.requests().getLast().header("x-grok-conv-id");
    }

    @Override
    protected void failNextWith(int status, Optional<Duration> retryAfter) {
        fake.failNext(new Failure.HttpError(status, retryAfter));
    }

    @Override
    protected void streamSlowly(Duration gap) {
        fake.setPace(Duration.ZERO, gap, 4);
    }
}

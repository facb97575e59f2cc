package io.grokgram.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.grokgram.sandbox.Failure;
import io.grokgram.sandbox.Pace;
import io.grokgram.sandbox.TestProvider;
import io.grokgram.sandbox.TestProviderSettings;
import io.grokgram.web.HttpServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a call can fail, over real HTTP, and what the caller gets: the class and whether to retry. */
class OpenAiCompatibleProviderErrorsTest {
    private TestProvider fake;
    private HttpServer server;

    @BeforeEach
    void start() {
        fake = new TestProvider(TestProviderSettings.defaults().withPace(Pace.INSTANT));
        server = HttpServer.start("127.0.0.1", 0, List.of(fake));
    }

    @AfterEach
    void stop() {
        fake.close();
        server.close();
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                arguments("400", Failure.status(400), LlmException.InvalidRequest.class, false, Optional.empty()),
                arguments("401", Failure.status(401), LlmException.Unauthorized.class, false, Optional.empty()),
                arguments("403", Failure.status(403), LlmException.Unauthorized.class, false, Optional.empty()),
                arguments("402", Failure.status(402), LlmException.OutOfCredits.class, false, Optional.empty()),
                arguments("404", Failure.status(404), LlmException.InvalidRequest.class, false, Optional.empty()),
                arguments("422", Failure.status(422), LlmException.InvalidRequest.class, false, Optional.empty()),
                arguments("429", Failure.status(429), LlmException.RateLimited.class, true, Optional.empty()),
                arguments(
                        "429 with Retry-After",
                        Failure.rateLimited(Duration.ofSeconds(7)),
                        LlmException.RateLimited.class,
                        true,
                        Optional.of(Duration.ofSeconds(7))),
                arguments("500", Failure.status(500), LlmException.Unavailable.class, true, Optional.empty()),
                arguments("502", Failure.status(502), LlmException.Unavailable.class, true, Optional.empty()),
                arguments("503", Failure.status(503), LlmException.Unavailable.class, true, Optional.empty()),
                arguments(
                        "no answer in time",
                        Failure.stall(Duration.ofSeconds(5)),
                        LlmException.TimedOut.class,
                        true,
                        Optional.empty()));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("failures")
    void a_failure_maps_to_one_llm_exception(
            String what,
            Failure failure,
            Class<? extends LlmException> expected,
            boolean retriable,
            Optional<Duration> retryAfter) {
        fake.failNext(failure);

        LlmException error = catchThrowableOfType(LlmException.class, () -> call(server.baseUrl()));

        assertThat(error).isExactlyInstanceOf(expected);
        assertThat(error.retriable()).isEqualTo(retriable);
        assertThat(error.retryAfter()).isEqualTo(retryAfter);
        assertThat(error.getMessage()).startsWith("xai ");
    }

    @ParameterizedTest(name = "connection refused")
    @MethodSource("refused")
    void a_refused_connection_is_unavailable(String baseUrl) {
        LlmException error = catchThrowableOfType(LlmException.class, () -> call(baseUrl));

        assertThat(error).isExactlyInstanceOf(LlmException.Unavailable.class);
        assertThat(error.retriable()).isTrue();
        assertThat(error.partialText()).isEmpty();
        assertThat(error.getMessage()).contains("unreachable");
    }

    static Stream<String> refused() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return Stream.of("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    private static void call(String baseUrl) {
        OpenAiCompatibleProvider provider =
                new OpenAiCompatibleProvider(ProviderSettings.of("xai", URI.create(baseUrl + "/v1"), Optional.empty())
                        .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(1500)));
        provider.stream(
                new ProviderRequest(
                        new ModelId("grok-4.3"), List.of(PromptMessage.user("Hi")), "conv", OptionalInt.empty()),
                StreamObserver.IGNORE);
    }
}

package io.grokgram.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chain through the real OpenAI-compatible client, over HTTP, against two test providers: a primary that needs a
 * key and fails as scripted, and a keyless fallback serving another model. Pauses are recorded, not slept.
 */
class ResilientProviderOverHttpTest {
    private static final String KEY = "xai-test-5d1e";
    private static final ModelId FALLBACK_MODEL = new ModelId("grok-4.20-non-reasoning");

    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private final List<String> deltas = new CopyOnWriteArrayList<>();
    private TestProvider primary;
    private TestProvider fallback;
    private HttpServer primaryServer;
    private HttpServer fallbackServer;

    @BeforeEach
    void start() {
        primary =
                new TestProvider(TestProviderSettings.defaults().withApiKey(KEY).withPace(Pace.INSTANT));
        fallback = new TestProvider(TestProviderSettings.defaults().withPace(Pace.INSTANT));
        primaryServer = HttpServer.start("127.0.0.1", 0, List.of(primary));
        fallbackServer = HttpServer.start("127.0.0.1", 0, List.of(fallback));
    }

    @AfterEach
    void stop() {
        primary.close();
        fallback.close();
        primaryServer.close();
        fallbackServer.close();
    }

    @Test
    void a_primary_failing_with_500_on_every_attempt_is_answered_by_the_fallback() {
        for (int i = 0; i < 3; i++) {
            primary.failNext(Failure.status(500));
        }

        Completion completion = chain(KEY).stream(request("What is the capital of France?"), deltas::add);

        assertThat(completion.text()).startsWith("You said:").isEqualTo(String.join("", deltas));
        assertThat(completion.model()).isEqualTo(FALLBACK_MODEL);
        assertThat(primary.requests()).hasSize(3);
        assertThat(fallback.requests())
                .singleElement()
                .satisfies(r -> assertThat(r.model()).contains(FALLBACK_MODEL.value()));
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void two_server_errors_then_success_is_answered_by_the_primary() {
        primary.failNext(Failure.status(500));
        primary.failNext(Failure.status(503));

        Completion completion = chain(KEY).stream(request("What is the capital of France?"), deltas::add);

        assertThat(completion.model()).isEqualTo(new ModelId("grok-4.3"));
        assertThat(primary.requests()).hasSize(3);
        assertThat(fallback.requests()).isEmpty();
    }

    @Test
    void a_429_is_retried_after_its_retry_after() {
        primary.failNext(Failure.rateLimited(Duration.ofSeconds(2)));

        Completion completion = chain(KEY).stream(request("What is the capital of France?"), deltas::add);

        assertThat(completion.text()).startsWith("You said:");
        assertThat(pauses).containsExactly(Duration.ofMillis(2100));
        assertThat(fallback.requests()).isEmpty();
    }

    @Test
    void a_fail_directive_fails_every_route_and_the_last_failure_is_thrown() {
        LlmException failure = catchThrowableOfType(
                LlmException.Unavailable.class,
                () -> chain(KEY).stream(request("#fail 500 What is the capital of France?"), deltas::add));

        assertThat(failure.getMessage()).contains("HTTP 500");
        assertThat(failure.getSuppressed()).singleElement().isInstanceOf(LlmException.Unavailable.class);
        assertThat(primary.requests()).hasSize(3);
        assertThat(fallback.requests()).hasSize(3);
        assertThat(deltas).isEmpty();
    }

    @Test
    void a_retry_after_above_the_maximum_wait_is_not_waited_for() {
        LlmException failure = catchThrowableOfType(
                LlmException.RateLimited.class,
                () -> chain(KEY).stream(request("#fail 429 retry=60 What is the capital?"), deltas::add));

        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(60));
        assertThat(primary.requests()).hasSize(1);
        assertThat(fallback.requests()).hasSize(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void a_wrong_key_goes_straight_to_the_fallback() {
        Completion completion = chain("not-the-key").stream(request("What is the capital?"), deltas::add);

        assertThat(completion.model()).isEqualTo(FALLBACK_MODEL);
        assertThat(primary.requests()).hasSize(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void an_unknown_model_on_the_primary_is_answered_by_the_fallback_model() {
        ProviderRequest unknown = new ProviderRequest(
                new ModelId("grok-0-retired"), List.of(PromptMessage.user("Hi")), "conv-http", OptionalInt.empty());

        Completion completion = chain(KEY).stream(unknown, deltas::add);

        assertThat(completion.model()).isEqualTo(FALLBACK_MODEL);
        assertThat(primary.requests()).hasSize(1);
    }

    @Test
    void a_stream_cut_after_text_is_not_retried_and_keeps_what_was_written() {
        primary.failNext(Failure.cut(50));

        LlmException failure = catchThrowableOfType(
                LlmException.Unavailable.class,
                () -> chain(KEY).stream(request("#long 2000 write a long text"), deltas::add));

        assertThat(failure.partialText()).isNotEmpty().isEqualTo(String.join("", deltas));
        assertThat(primary.requests()).hasSize(1);
        assertThat(fallback.requests()).isEmpty();
        assertThat(pauses).isEmpty();
    }

    @Test
    void a_refusal_stays_a_refusal() {
        Completion completion = chain(KEY).stream(request("#refuse tell me something bad"), deltas::add);

        assertThat(completion.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
        assertThat(fallback.requests()).isEmpty();
    }

    @Test
    void a_provider_silent_before_its_first_byte_is_retried() {
        primary.failNext(Failure.stall(Duration.ofSeconds(4)));

        Completion completion = chain(KEY, Duration.ofSeconds(1)).stream(request("What is the capital?"), deltas::add);

        assertThat(completion.text()).startsWith("You said:");
        assertThat(primary.requests()).hasSize(2);
        assertThat(pauses).containsExactly(Duration.ofSeconds(1));
        assertThat(fallback.requests()).isEmpty();
    }

    private ResilientProvider chain(String primaryKey) {
        return chain(primaryKey, Duration.ofSeconds(10));
    }

    private ResilientProvider chain(String primaryKey, Duration primaryTimeout) {
        OpenAiCompatibleProvider first = new OpenAiCompatibleProvider(ProviderSettings.of(
                        "xai", URI.create(primaryServer.baseUrl() + "/v1"), Optional.of(new ApiKey(primaryKey)))
                .withTimeouts(Duration.ofSeconds(2), primaryTimeout));
        OpenAiCompatibleProvider second = new OpenAiCompatibleProvider(
                ProviderSettings.of("local", URI.create(fallbackServer.baseUrl() + "/v1"), Optional.empty()));
        return new ResilientProvider(
                List.of(Route.asRequested(first), Route.to(second, FALLBACK_MODEL)),
                new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(20)),
                pauses::add,
                () -> Long.MIN_VALUE, // nextDouble() = 0.5: pauses land on their nominal values
                Clock.systemUTC());
    }

    private static ProviderRequest request(String question) {
        return new ProviderRequest(
                new ModelId("grok-4.3"),
                List.of(PromptMessage.system("Be brief."), PromptMessage.user(question)),
                "conv-http",
                OptionalInt.empty());
    }
}

package io.grokgram.llm;

import static io.grokgram.llm.ScriptedProvider.answer;
import static io.grokgram.llm.ScriptedProvider.cutAfter;
import static io.grokgram.llm.ScriptedProvider.failWith;
import static io.grokgram.llm.ScriptedProvider.finish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each provider failure ends in a retried answer, a fallback answer or the failure itself; never in silence. */
class ResilientProviderTest {
    private static final ModelId PRIMARY_MODEL = new ModelId("grok-4.3");
    private static final ModelId FALLBACK_MODEL = new ModelId("llama3.2");
    /** nextDouble() of this is exactly 0.5: back-off pauses land on their nominal value (1 s, 2 s, 4 s). */
    private static final RandomGenerator MIDDLE = () -> Long.MIN_VALUE;

    private final ScriptedProvider primary = new ScriptedProvider("xai");
    private final ScriptedProvider fallback = new ScriptedProvider("local");
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private final List<String> deltas = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private Sleeper sleeper = pauses::add;

    @AfterEach
    void clear_interrupt() {
        Thread.interrupted(); // a test that interrupts itself must not leak the flag into the next one
    }

    @Test
    void a_429_with_retry_after_is_retried_after_the_advertised_wait() {
        primary.then(failWith(rateLimited(Optional.of(Duration.ofSeconds(3))))).then(answer("Paris."));

        Completion completion = ask(chain());

        assertThat(completion.text()).isEqualTo("Paris.");
        assertThat(pauses)
                .singleElement()
                .satisfies(pause -> assertThat(pause)
                        .isGreaterThanOrEqualTo(Duration.ofSeconds(3))
                        .isLessThanOrEqualTo(Duration.ofMillis(3300)));
        assertThat(fallback.requests()).isEmpty();
        assertThat(counted("grokgram_provider_retries", "xai", "grok-4.3", "rate_limited"))
                .isEqualTo(1);
    }

    @Test
    void a_429_asking_for_more_than_the_maximum_wait_goes_to_the_fallback_at_once() {
        primary.then(failWith(rateLimited(Optional.of(Duration.ofSeconds(60)))));
        fallback.then(answer("Paris, from the fallback."));

        Completion completion = ask(chain());

        assertThat(completion.text()).isEqualTo("Paris, from the fallback.");
        assertThat(completion.model()).isEqualTo(FALLBACK_MODEL);
        assertThat(pauses).isEmpty();
        assertThat(primary.requests()).hasSize(1);
        assertThat(counted("grokgram_provider_fallbacks", "xai", "grok-4.3", "rate_limited"))
                .isEqualTo(1);
    }

    @Test
    void two_server_errors_then_success_is_a_retried_answer_after_growing_pauses() {
        primary.thenFail(ResilientProviderTest::unavailable, 2).then(answer("Paris."));

        Completion completion = ask(chain());

        assertThat(completion.text()).isEqualTo("Paris.");
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(deltas).containsExactly("Paris.");
        assertThat(counted("grokgram_provider_retries", "xai", "grok-4.3", "unavailable"))
                .isEqualTo(2);
    }

    static Stream<Arguments> retriable() {
        return Stream.of(
                arguments("429 without Retry-After", (Supplier<LlmException>) () -> rateLimited(Optional.empty())),
                arguments("timeout before the first token", (Supplier<LlmException>)
                        () -> new LlmException.TimedOut("xai sent nothing for 60000 ms", null)),
                arguments("503", (Supplier<LlmException>) ResilientProviderTest::unavailable));
    }

    @ParameterizedTest(name = "{0} is retried on the same route")
    @MethodSource("retriable")
    void a_retriable_failure_before_any_text_is_retried(String what, Supplier<LlmException> failure) {
        primary.thenFail(failure, 1).then(answer("Paris."));

        Completion completion = ask(chain());

        assertThat(completion.text()).isEqualTo("Paris.");
        assertThat(completion.model()).isEqualTo(PRIMARY_MODEL);
        assertThat(primary.requests()).hasSize(2);
        assertThat(pauses).containsExactly(Duration.ofSeconds(1));
        assertThat(fallback.requests()).isEmpty();
    }

    static Stream<Arguments> notRetriable() {
        return Stream.of(
                arguments("401", (Supplier<LlmException>) () -> new LlmException.Unauthorized("xai HTTP 401", null)),
                arguments("403", (Supplier<LlmException>) () -> new LlmException.Unauthorized("xai HTTP 403", null)),
                arguments("404 model", (Supplier<LlmException>) () -> new LlmException.InvalidRequest("xai 404", null)),
                arguments("400", (Supplier<LlmException>) () -> new LlmException.InvalidRequest("xai HTTP 400", null)));
    }

    @ParameterizedTest(name = "{0} goes straight to the fallback")
    @MethodSource("notRetriable")
    void a_failure_that_is_not_retriable_goes_straight_to_the_fallback(String what, Supplier<LlmException> failure) {
        primary.thenFail(failure, 1);
        fallback.then(answer("Paris, from the fallback."));

        Completion completion = ask(chain());

        assertThat(completion.text()).isEqualTo("Paris, from the fallback.");
        assertThat(primary.requests()).hasSize(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void a_stream_cut_after_text_is_not_retried_and_keeps_its_partial_text() {
        primary.then(cutAfter("The capital of France is"));

        LlmException failure = catchThrowableOfType(LlmException.Unavailable.class, () -> ask(chain()));

        assertThat(failure.partialText()).isEqualTo("The capital of France is");
        assertThat(deltas).containsExactly("The capital of France is");
        assertThat(primary.requests()).hasSize(1);
        assertThat(fallback.requests()).isEmpty();
        assertThat(pauses).isEmpty();
    }

    @Test
    void text_the_observer_saw_blocks_a_retry_even_when_the_failure_does_not_carry_it() {
        primary.then((request, observer) -> {
            observer.onText("The capital");
            throw new LlmException.TimedOut("xai sent nothing for 60000 ms", null);
        });

        assertThatThrownBy(() -> ask(chain())).isInstanceOf(LlmException.TimedOut.class);
        assertThat(primary.requests()).hasSize(1);
        assertThat(fallback.requests()).isEmpty();
    }

    @Test
    void retries_stop_after_the_configured_attempts_then_the_fallback_answers() {
        primary.thenFail(ResilientProviderTest::unavailable, 3);
        fallback.then(answer("Paris, from the fallback."));

        Completion completion = ask(chain());

        assertThat(completion.text()).isEqualTo("Paris, from the fallback.");
        assertThat(primary.requests()).hasSize(3);
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(counted("grokgram_provider_retries", "xai", "grok-4.3", "unavailable"))
                .isEqualTo(2);
        assertThat(counted("grokgram_provider_fallbacks", "xai", "grok-4.3", "unavailable"))
                .isEqualTo(1);
    }

    @Test
    void when_every_route_fails_the_last_failure_is_thrown_with_the_earlier_ones_suppressed() {
        primary.thenFail(ResilientProviderTest::unavailable, 3);
        fallback.thenFail(() -> new LlmException.Unauthorized("local HTTP 401", null), 1);

        LlmException failure = catchThrowableOfType(LlmException.Unauthorized.class, () -> ask(chain()));

        assertThat(failure.getSuppressed()).singleElement().isInstanceOf(LlmException.Unavailable.class);
        assertThat(deltas).isEmpty();
        assertThat(metrics.get("grokgram_provider_exhausted")
                        .tag("reason", "unauthorized")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void a_content_filter_failure_is_a_refusal_that_no_fallback_gets_around() {
        primary.thenFail(() -> new LlmException.ContentFiltered("xai filtered the content", null), 1);

        assertThatThrownBy(() -> ask(chain())).isInstanceOf(LlmException.ContentFiltered.class);
        assertThat(primary.requests()).hasSize(1);
        assertThat(fallback.requests()).isEmpty();
        assertThat(pauses).isEmpty();
    }

    @Test
    void a_completion_ended_by_the_content_filter_is_the_answer() {
        primary.then(finish("I can't help with that.", FinishReason.CONTENT_FILTER));

        Completion completion = ask(chain());

        assertThat(completion.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
        assertThat(completion.text()).isEqualTo("I can't help with that.");
        assertThat(fallback.requests()).isEmpty();
    }

    @Test
    void an_interrupt_during_the_pause_ends_at_once_with_cancelled() {
        primary.thenFail(ResilientProviderTest::unavailable, 1);
        sleeper = pause -> {
            pauses.add(pause);
            throw new InterruptedException("the user pressed Stop");
        };

        Completion completion = ask(chain());

        assertThat(completion.finishReason()).isEqualTo(FinishReason.CANCELLED);
        assertThat(completion.text()).isEmpty();
        assertThat(completion.usage()).isEqualTo(Usage.NONE);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(primary.requests()).hasSize(1);
        assertThat(fallback.requests()).isEmpty();
    }

    @Test
    void a_failure_seen_by_an_interrupted_caller_is_cancelled_not_retried() {
        primary.then((request, observer) -> {
            Thread.currentThread().interrupt();
            throw unavailable();
        });

        Completion completion = ask(chain());

        assertThat(completion.finishReason()).isEqualTo(FinishReason.CANCELLED);
        assertThat(primary.requests()).hasSize(1);
        assertThat(fallback.requests()).isEmpty();
        assertThat(pauses).isEmpty();
    }

    @Test
    void a_caller_interrupted_before_the_call_sends_nothing() {
        Thread.currentThread().interrupt();

        Completion completion = ask(chain());

        assertThat(completion.finishReason()).isEqualTo(FinishReason.CANCELLED);
        assertThat(primary.requests()).isEmpty();
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    @Test
    void a_call_the_provider_cancelled_is_returned_as_it_is() {
        primary.then(finish("The capital", FinishReason.CANCELLED));

        Completion completion = ask(chain());

        assertThat(completion.finishReason()).isEqualTo(FinishReason.CANCELLED);
        assertThat(completion.text()).isEqualTo("The capital");
        assertThat(fallback.requests()).isEmpty();
    }

    @Test
    void a_fallback_on_the_same_provider_asks_for_its_own_model() {
        primary.thenFail(() -> new LlmException.InvalidRequest("xai unknown model grok-4.3", null), 1)
                .then(answer("Paris, from the other model."));
        ResilientProvider chain = provider(
                List.of(Route.asRequested(primary), Route.to(primary, new ModelId("grok-4.20-non-reasoning"))),
                new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(20)));

        Completion completion = ask(chain);

        assertThat(primary.modelsAsked()).containsExactly("grok-4.3", "grok-4.20-non-reasoning");
        assertThat(completion.model()).isEqualTo(new ModelId("grok-4.20-non-reasoning"));
    }

    @Test
    void the_chain_is_named_after_its_primary_provider() {
        assertThat(chain().name()).isEqualTo("xai");
    }

    @Test
    void a_chain_needs_a_route() {
        assertThatThrownBy(() -> provider(List.of(), new RetryPolicy(1, Duration.ZERO, Duration.ZERO)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one route");
    }

    private ResilientProvider chain() {
        return provider(
                List.of(Route.asRequested(primary), Route.to(fallback, FALLBACK_MODEL)),
                new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(20)));
    }

    private ResilientProvider provider(List<Route> routes, RetryPolicy policy) {
        ResilientProvider provider = new ResilientProvider(
                routes,
                policy,
                pause -> sleeper.sleep(pause),
                MIDDLE,
                Clock.fixed(Instant.parse("2026-05-01T12:00:00Z"), ZoneOffset.UTC));
        provider.bindTo(metrics);
        return provider;
    }

    private Completion ask(ChatProvider provider) {
        return provider.stream(
                new ProviderRequest(
                        PRIMARY_MODEL,
                        List.of(PromptMessage.user("What is the capital of France?")),
                        "conv-1",
                        OptionalInt.empty()),
                deltas::add);
    }

    private double counted(String name, String provider, String model, String reason) {
        return metrics.get(name)
                .tag("provider", provider)
                .tag("model", model)
                .tag("reason", reason)
                .counter()
                .count();
    }

    private static LlmException rateLimited(Optional<Duration> retryAfter) {
        return new LlmException.RateLimited("xai rate limited (HTTP 429)", retryAfter, null);
    }

    private static LlmException unavailable() {
        return new LlmException.Unavailable("xai failed (HTTP 503)", null);
    }
}

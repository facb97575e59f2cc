package io.grokgram.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What every {@link ChatProvider} promises, whatever service is behind it. A subclass connects the provider under test
 * to a fake of its service over real HTTP and implements the hooks that script that fake.
 */
abstract class ChatProviderContract {

    /** The provider under test, ready for calls. */
    protected abstract ChatProvider provider();

    /** A model the fake serves. */
    protected abstract ModelId model();

    /** The conversation key the fake received with its most recent chat request, if any. */
    protected abstract Optional<String> lastConversationKeyReceived();

    /** The fake answers its next chat request with this status (and {@code Retry-After}, if given). */
    protected abstract void failNextWith(int status, Optional<Duration> retryAfter);

    /** The fake streams its next answers in small pieces with {@code gap} between them. */
    protected abstract void streamSlowly(Duration gap);

    @Test
    void deltas_arrive_in_order_and_add_up_to_the_completion_text() {
        List<String> deltas = new CopyOnWriteArrayList<>();

        Completion completion = provider().stream(request("Tell me about owls.", "conv-order"), deltas::add);

        assertThat(deltas).hasSizeGreaterThan(1);
        assertThat(String.join("", deltas)).isEqualTo(completion.text());
        assertThat(completion.text()).isNotBlank();
        assertThat(completion.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void usage_is_reported() {
        Completion completion = provider().stream(request("How are you?", "conv-usage"), StreamObserver.IGNORE);

        assertThat(completion.usage().promptTokens()).isPositive();
        assertThat(completion.usage().completionTokens()).isPositive();
        assertThat(completion.usage().cachedTokens())
                .isBetween(0, completion.usage().promptTokens());
    }

    @Test
    void timings_are_measured() {
        Completion completion = provider().stream(request("Hi", "conv-timing"), StreamObserver.IGNORE);

        assertThat(completion.firstTokenAfter()).isPositive().isLessThanOrEqualTo(completion.took());
    }

    @Test
    void the_conversation_key_reaches_the_provider() {
        String key = "conv-" + UUID.randomUUID();

        provider().stream(request("Hi", key), StreamObserver.IGNORE);

        assertThat(lastConversationKeyReceived()).contains(key);
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({
        "400, InvalidRequest, false",
        "401, Unauthorized, false",
        "404, InvalidRequest, false",
        "429, RateLimited, true",
        "500, Unavailable, true",
        "503, Unavailable, true"
    })
    void errors_map_by_status(int status, String expected, boolean retriable) {
        failNextWith(status, Optional.empty());

        LlmException error = catchThrowableOfType(
                LlmException.class, () -> provider().stream(request("Hi", "conv-errors"), StreamObserver.IGNORE));

        assertThat(error.getClass().getSimpleName()).isEqualTo(expected);
        assertThat(error.retriable()).isEqualTo(retriable);
        assertThat(error.getMessage()).contains(provider().name());
    }

    @Test
    void retry_after_reaches_rate_limited() {
        failNextWith(429, Optional.of(Duration.ofSeconds(4)));

        LlmException error = catchThrowableOfType(
                LlmException.class, () -> provider().stream(request("Hi", "conv-429"), StreamObserver.IGNORE));

        assertThat(error).isInstanceOf(LlmException.RateLimited.class);
        assertThat(error.retryAfter()).contains(Duration.ofSeconds(4));
    }

    @Test
    void interrupting_the_caller_cancels_and_returns_what_was_streamed() throws InterruptedException {
        streamSlowly(Duration.ofMillis(40));
        List<String> deltas = new CopyOnWriteArrayList<>();
        AtomicReference<Completion> result = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();

        Thread caller = Thread.ofVirtual().start(() -> {
            result.set(provider().stream(request("Tell me a long story.", "conv-cancel"), deltas::add));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> deltas.size() >= 2);
        caller.interrupt();
        caller.join(Duration.ofSeconds(5));

        assertThat(caller.isAlive()).isFalse();
        assertThat(result.get().finishReason()).isEqualTo(FinishReason.CANCELLED);
        assertThat(result.get().text()).isEqualTo(String.join("", deltas)).isNotEmpty();
        assertThat(stillInterrupted).isTrue();
        Thread.sleep(200);
        assertThat(String.join("", deltas))
                .as("nothing after the return")
                .isEqualTo(result.get().text());
    }

    protected ProviderRequest request(String question, String conversationKey) {
        return new ProviderRequest(
                model(),
                List.of(PromptMessage.system("You are a concise assistant."), PromptMessage.user(question)),
                conversationKey,
                OptionalInt.empty());
    }
}

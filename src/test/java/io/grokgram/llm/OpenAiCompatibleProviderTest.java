package io.grokgram.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.grokgram.sandbox.Pace;
import io.grokgram.sandbox.RecordedRequest;
import io.grokgram.sandbox.TestProvider;
import io.grokgram.sandbox.TestProviderSettings;
import io.grokgram.web.HttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiCompatibleProviderTest extends TestProviderContract {
    static final String KEY = "xai-test-3f9a27c1";

    private OpenAiCompatibleProvider provider;

    @Override
    protected TestProviderSettings fakeSettings() {
        return TestProviderSettings.defaults()
                .withApiKey(KEY)
                .withPace(new Pace(Duration.ZERO, Duration.ZERO, 12))
                .withReasoningTokens(3);
    }

    @BeforeEach
    void start() {
        provider = new OpenAiCompatibleProvider(settings(KEY, Duration.ofSeconds(5)));
    }

    @Override
    protected ChatProvider provider() {
        return provider;
    }

    @Test
    void each_request_carries_its_own_conversation_header() throws Exception {
        List<Future<Completion>> calls = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) {
                ProviderRequest request = request("#echo question-" + i, "conv-" + i);
                calls.add(callers.submit(() -> provider.stream(request, StreamObserver.IGNORE)));
            }
            for (Future<Completion> call : calls) {
                call.get();
            }
        }

        assertThat(fake.requests()).hasSize(8).allSatisfy(recorded -> {
            String question = recorded.body().at("/messages/1/content").asText();
            String index = question.substring("#echo question-".length());
            assertThat(recorded.header("x-grok-conv-id")).contains("conv-" + index);
        });
    }

    @Test
    void the_request_names_the_model_limit_store_and_usage_and_carries_the_key() {
        ProviderRequest request = new ProviderRequest(
                new ModelId("grok-4.20-non-reasoning"),
                List.of(
                        PromptMessage.system("Be brief."),
                        PromptMessage.user("Hi"),
                        PromptMessage.assistant("Hello!"),
                        PromptMessage.user("Again")),
                "conv-body",
                OptionalInt.of(64));

        provider.stream(request, StreamObserver.IGNORE);

        RecordedRequest recorded = fake.requests().getLast();
        JsonNode body = recorded.body();
        assertThat(recorded.authorizationPresent()).isTrue();
        assertThat(body.path("model").asText()).isEqualTo("grok-4.20-non-reasoning");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(64);
        assertThat(body.path("store").isBoolean()).isTrue();
        assertThat(body.path("store").asBoolean()).isFalse();
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.at("/stream_options/include_usage").asBoolean()).isTrue();
        assertThat(body.path("messages").findValuesAsText("role"))
                .containsExactly("system", "user", "assistant", "user");
    }

    @Test
    void the_request_carries_its_user_and_asks_not_to_be_stored() {
        ProviderRequest request = new ProviderRequest(
                model(),
                List.of(PromptMessage.user("Hi")),
                "conv-user",
                OptionalInt.empty(),
                Optional.of("p-4f1c9a0b"),
                false);

        provider.stream(request, StreamObserver.IGNORE);

        RecordedRequest recorded = fake.requests().getLast();
        assertThat(recorded.user()).contains("p-4f1c9a0b");
        assertThat(recorded.store()).contains(false);
        assertThat(recorded.rawBody()).contains("p-4f1c9a0b");
    }

    @Test
    void a_request_that_allows_storing_is_still_not_stored_when_the_settings_say_no() {
        ProviderRequest request = new ProviderRequest(
                model(), List.of(PromptMessage.user("Hi")), "conv", OptionalInt.empty(), Optional.empty(), true);

        provider.stream(request, StreamObserver.IGNORE);

        assertThat(fake.requests().getLast().store()).contains(false);
        assertThat(fake.requests().getLast().user()).isEmpty();
    }

    @Test
    void the_zero_data_retention_header_comes_back_with_the_completion() {
        assertThat(provider.stream(request("Hi", "conv-zdr"), StreamObserver.IGNORE)
                        .zeroDataRetention())
                .contains(false);

        TestProvider arranged = new TestProvider(
                TestProviderSettings.defaults().withPace(Pace.INSTANT).withZeroDataRetention(true));
        try (HttpServer zdr = HttpServer.start("127.0.0.1", 0, List.of(arranged))) {
            OpenAiCompatibleProvider client = new OpenAiCompatibleProvider(
                    ProviderSettings.of("xai", URI.create(zdr.baseUrl() + "/v1"), Optional.empty()));

            assertThat(client.stream(request("Hi", "conv-zdr"), StreamObserver.IGNORE)
                            .zeroDataRetention())
                    .contains(true);
        } finally {
            arranged.close();
        }
    }

    @Test
    void a_response_without_the_header_leaves_retention_unknown() {
        String chunk = "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}";
        try (HttpServer plain = HttpServer.start(
                "127.0.0.1",
                0,
                List.of(routes -> routes.post(
                        "/v1/chat/completions",
                        ctx -> ctx.contentType("text/event-stream")
                                .result("data: " + chunk + "\n\ndata: [DONE]\n\n"))))) {
            OpenAiCompatibleProvider client = new OpenAiCompatibleProvider(
                    ProviderSettings.of("gateway", URI.create(plain.baseUrl() + "/v1"), Optional.empty()));

            Completion completion = client.stream(request("Hi", "conv"), StreamObserver.IGNORE);

            assertThat(completion.text()).isEqualTo("ok");
            assertThat(completion.zeroDataRetention()).isEmpty();
        }
    }

    @Test
    void the_key_never_shows_in_settings_provider_or_errors() {
        OpenAiCompatibleProvider wrongKey =
                new OpenAiCompatibleProvider(settings("wrong-" + KEY, Duration.ofSeconds(5)));

        LlmException error = catchThrowableOfType(
                LlmException.class, () -> wrongKey.stream(request("Hi", "conv-key"), StreamObserver.IGNORE));

        assertThat(error).isInstanceOf(LlmException.Unauthorized.class);
        assertThat(error.getMessage()).doesNotContain(KEY);
        assertThat(settings(KEY, Duration.ofSeconds(1)).toString())
                .doesNotContain(KEY)
                .contains("****");
        assertThat(provider.toString()).doesNotContain(KEY);
    }

    @Test
    void a_local_server_needs_no_key() {
        TestProvider keyless = new TestProvider(TestProviderSettings.defaults().withPace(Pace.INSTANT));
        HttpServer open = HttpServer.start("127.0.0.1", 0, List.of(keyless));
        try {
            OpenAiCompatibleProvider local = new OpenAiCompatibleProvider(
                    ProviderSettings.of("local", URI.create(open.baseUrl() + "/v1"), Optional.empty()));

            assertThat(local.stream(request("Hi", ""), StreamObserver.IGNORE).text())
                    .startsWith("You said:");
            assertThat(keyless.requests().getLast().authorizationPresent()).isFalse();
            assertThat(keyless.requests().getLast().header("x-grok-conv-id")).isEmpty();
        } finally {
            keyless.close();
            open.close();
        }
    }

    @Test
    void an_unknown_model_is_an_invalid_request() {
        ProviderRequest request = new ProviderRequest(
                new ModelId("grok-0-nonexistent"), List.of(PromptMessage.user("Hi")), "conv", OptionalInt.empty());

        LlmException error =
                catchThrowableOfType(LlmException.class, () -> provider.stream(request, StreamObserver.IGNORE));

        assertThat(error).isInstanceOf(LlmException.InvalidRequest.class);
        assertThat(error.retriable()).isFalse();
        assertThat(error.getMessage()).contains("grok-0-nonexistent");
    }

    @Test
    void a_content_filter_finish_is_a_completion_with_the_refusal() {
        Completion completion = provider.stream(request("#refuse", "conv-refuse"), StreamObserver.IGNORE);

        assertThat(completion.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
        assertThat(completion.text()).contains("can't help");
        assertThat(completion.usage().promptTokens()).isPositive();
    }

    @Test
    void the_output_limit_ends_with_length() {
        ProviderRequest request = new ProviderRequest(
                model(), List.of(PromptMessage.user("#tokens 300")), "conv-length", OptionalInt.of(5));

        Completion completion = provider.stream(request, StreamObserver.IGNORE);

        assertThat(completion.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(completion.usage().completionTokens()).isEqualTo(5);
    }

    @Test
    void usage_carries_cached_and_reasoning_tokens() {
        String history = "#tokens 5 " + "Some long shared context. ".repeat(120);

        provider.stream(request(history, "conv-cache"), StreamObserver.IGNORE);
        Completion second = provider.stream(
                new ProviderRequest(
                        model(),
                        List.of(
                                PromptMessage.system("You are a concise assistant."),
                                PromptMessage.user(history),
                                PromptMessage.assistant("Alpha bravo."),
                                PromptMessage.user("And now?")),
                        "conv-cache",
                        OptionalInt.empty()),
                StreamObserver.IGNORE);

        assertThat(second.usage().cachedTokens())
                .isPositive()
                .isEqualTo(second.usage().cachedTokens() / 128 * 128);
        assertThat(second.usage().reasoningTokens()).isEqualTo(3);
    }

    @Test
    void a_cut_stream_is_unavailable_with_the_text_streamed_so_far() {
        List<String> deltas = new CopyOnWriteArrayList<>();

        LlmException error = catchThrowableOfType(
                LlmException.class, () -> provider.stream(request("#cut 40 #long 2000", "conv-cut"), deltas::add));
        String whole = provider.stream(request("#long 2000", "conv-whole"), StreamObserver.IGNORE)
                .text();

        assertThat(error).isInstanceOf(LlmException.Unavailable.class);
        assertThat(error.retriable()).isTrue();
        assertThat(error.partialText()).isNotEmpty().isEqualTo(String.join("", deltas));
        assertThat(whole).startsWith(error.partialText());
        assertThat(error.partialText().length()).isLessThan(whole.length());
    }

    @Test
    void a_stream_that_ends_without_done_is_unavailable() {
        String chunk = "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"half an ans\"},\"finish_reason\":null}]}";
        try (HttpServer truncating = HttpServer.start(
                "127.0.0.1",
                0,
                List.of(routes -> routes.post(
                        "/v1/chat/completions",
                        ctx -> ctx.contentType("text/event-stream").result("data: " + chunk + "\n\n"))))) {
            OpenAiCompatibleProvider client = new OpenAiCompatibleProvider(
                    ProviderSettings.of("gateway", URI.create(truncating.baseUrl() + "/v1"), Optional.empty()));

            LlmException error = catchThrowableOfType(
                    LlmException.class, () -> client.stream(request("Hi", "conv"), StreamObserver.IGNORE));

            assertThat(error).isInstanceOf(LlmException.Unavailable.class);
            assertThat(error.partialText()).isEqualTo("half an ans");
            assertThat(error.getMessage()).contains("[DONE]");
        }
    }

    @Test
    void a_stream_that_goes_quiet_times_out_with_the_text_so_far() {
        // generous against a loaded CI machine: the first chunk must arrive within it, the stall must not
        OpenAiCompatibleProvider impatient = new OpenAiCompatibleProvider(settings(KEY, Duration.ofMillis(1500)));
        impatient.stream(request("Warm up", "conv"), StreamObserver.IGNORE);
        fake.setPace(Duration.ZERO, Duration.ofSeconds(6), 6);

        LlmException error = catchThrowableOfType(
                LlmException.class, () -> impatient.stream(request("#echo abcdefghijkl", "conv"), d -> {}));

        assertThat(error).isInstanceOf(LlmException.TimedOut.class);
        assertThat(error.retriable()).isTrue();
        assertThat(error.partialText()).isEqualTo("abcdef");
    }

    @Test
    void a_slow_first_token_shows_in_the_timings() {
        Completion completion = provider.stream(request("#slow-first 300 Hi", "conv"), StreamObserver.IGNORE);

        assertThat(completion.firstTokenAfter()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(completion.took()).isGreaterThanOrEqualTo(completion.firstTokenAfter());
    }

    @Test
    void interrupting_before_the_first_token_returns_at_once_with_nothing() throws InterruptedException {
        AtomicReference<Completion> result = new AtomicReference<>();
        Thread caller = Thread.ofVirtual()
                .start(() ->
                        result.set(provider.stream(request("#slow-first 5000 Hi", "conv"), StreamObserver.IGNORE)));
        await().atMost(Duration.ofSeconds(5)).until(() -> !fake.requests().isEmpty());

        long start = System.nanoTime();
        caller.interrupt();
        caller.join(Duration.ofSeconds(5));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(result.get().finishReason()).isEqualTo(FinishReason.CANCELLED);
        assertThat(result.get().text()).isEmpty();
    }

    @Test
    void an_interrupted_caller_sends_nothing() {
        Thread.currentThread().interrupt();
        Completion completion;
        try {
            completion = provider.stream(request("Hi", "conv"), StreamObserver.IGNORE);
        } finally {
            assertThat(Thread.interrupted()).as("the flag is kept").isTrue();
        }

        assertThat(completion.finishReason()).isEqualTo(FinishReason.CANCELLED);
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void an_observer_exception_is_rethrown_as_it_was() {
        IllegalStateException boom = new IllegalStateException("draft edit failed");

        assertThatThrownBy(() -> provider.stream(request("Hi", "conv"), delta -> {
                    throw boom;
                }))
                .isSameAs(boom);
    }

    @Test
    void a_conversation_key_that_cannot_be_a_header_is_refused() {
        assertThatThrownBy(() -> provider.stream(request("Hi", "conv\r\nX-Evil: 1"), StreamObserver.IGNORE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(fake.requests()).isEmpty();
    }

    ProviderSettings settings(String key, Duration requestTimeout) {
        return ProviderSettings.of("xai", URI.create(server.baseUrl() + "/v1"), Optional.of(new ApiKey(key)))
                .withTimeouts(Duration.ofSeconds(2), requestTimeout);
    }
}

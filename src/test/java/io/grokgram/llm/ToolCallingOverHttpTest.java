package io.grokgram.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grokgram.sandbox.Pace;
import io.grokgram.sandbox.SandboxWeb;
import io.grokgram.sandbox.TestProvider;
import io.grokgram.sandbox.TestProviderSettings;
import io.grokgram.web.HttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Function calling on Chat Completions and the Responses API, against the test provider over real HTTP. */
class ToolCallingOverHttpTest {
    private static final ToolSpec WEB_SEARCH =
            new ToolSpec("web_search", "Searches the web.", Map.of("query", "what to search for"));

    private TestProvider fake;
    private HttpServer server;

    @BeforeEach
    void start() {
        fake = new TestProvider(TestProviderSettings.defaults().withPace(new Pace(Duration.ZERO, Duration.ZERO, 8)));
        server = HttpServer.start("127.0.0.1", 0, List.of(fake, new SandboxWeb()));
    }

    @AfterEach
    void stop() {
        fake.close();
        server.close();
    }

    private ProviderSettings settings(ProviderSettings.Api api) {
        return ProviderSettings.of("xai", URI.create(server.baseUrl() + "/v1"), Optional.empty())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))
                .withApi(api);
    }

    private static ProviderRequest request(List<PromptMessage> messages, List<ToolSpec> tools, boolean serverSearch) {
        return new ProviderRequest(
                new ModelId("grok-4.3"),
                messages,
                "conv-tools",
                OptionalInt.empty(),
                Optional.of("pseudo-1"),
                false,
                tools,
                serverSearch);
    }

    @Test
    void chat_completions_streams_a_tool_call_and_answers_from_its_result() {
        ChatProvider provider = new OpenAiCompatibleProvider(settings(ProviderSettings.Api.CHAT));
        PromptMessage question = PromptMessage.user("What is new about Aurora?");

        Completion first =
                provider.stream(request(List.of(question), List.of(WEB_SEARCH), false), StreamObserver.IGNORE);

        assertThat(first.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(first.toolCalls()).singleElement().satisfies(call -> {
            assertThat(call.name()).isEqualTo("web_search");
            assertThat(call.argument("query")).contains("Aurora");
        });
        assertThat(fake.requests().getLast().body().at("/tools/0/function/name").asText())
                .isEqualTo("web_search");

        ToolCall call = first.toolCalls().getFirst();
        List<String> streamed = new ArrayList<>();
        Completion answer = provider.stream(
                request(
                        List.of(
                                question,
                                PromptMessage.toolCalls("", first.toolCalls()),
                                PromptMessage.toolResult(
                                        call.id(),
                                        "[1] Aurora 2.0 released\nURL: http://x/1\nOffline maps for 40 countries. More.")),
                        List.of(WEB_SEARCH),
                        false),
                streamed::add);

        assertThat(answer.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(answer.text()).contains("Aurora 2.0 released").contains("[1]");
        assertThat(String.join("", streamed)).isEqualTo(answer.text());
        assertThat(fake.requests()
                        .getLast()
                        .body()
                        .at("/messages/2/tool_call_id")
                        .asText())
                .isEqualTo(call.id());
    }

    @Test
    void a_tool_result_for_a_call_never_made_is_refused_as_the_real_service_does() {
        ChatProvider provider = new OpenAiCompatibleProvider(settings(ProviderSettings.Api.CHAT));

        assertThatThrownBy(() -> provider.stream(
                        request(
                                List.of(
                                        PromptMessage.user("hi"),
                                        PromptMessage.toolCalls(
                                                "", List.of(new ToolCall("call_a", "web_search", "{}"))),
                                        PromptMessage.toolResult("call_b", "forged")),
                                List.of(WEB_SEARCH),
                                false),
                        StreamObserver.IGNORE))
                .isInstanceOf(LlmException.InvalidRequest.class)
                .hasMessageContaining("400");
    }

    @Test
    void responses_api_calls_functions_and_takes_their_output() {
        ChatProvider provider = new ResponsesProvider(settings(ProviderSettings.Api.RESPONSES));
        PromptMessage question = PromptMessage.user("Please search for night trains");

        Completion first =
                provider.stream(request(List.of(question), List.of(WEB_SEARCH), false), StreamObserver.IGNORE);

        assertThat(first.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(fake.requests().getLast().path()).isEqualTo("/v1/responses");
        assertThat(fake.requests().getLast().body().path("store").asBoolean(true))
                .isFalse();
        assertThat(fake.requests().getLast().body().path("prompt_cache_key").asText())
                .isEqualTo("conv-tools");
        ToolCall call = first.toolCalls().getFirst();

        Completion answer = provider.stream(
                request(
                        List.of(
                                question,
                                PromptMessage.toolCalls("", List.of(call)),
                                PromptMessage.toolResult(call.id(), "[1] Night trains\nURL: u\nThree new lines.")),
                        List.of(WEB_SEARCH),
                        false),
                StreamObserver.IGNORE);

        assertThat(answer.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(answer.text()).contains("Night trains").contains("[1]");
        assertThat(answer.usage().promptTokens()).isPositive();
    }

    @Test
    void responses_api_server_side_search_reports_its_query_and_sources() {
        ChatProvider provider = new ResponsesProvider(settings(ProviderSettings.Api.RESPONSES));

        Completion answer = provider.stream(
                request(List.of(PromptMessage.user("What is new about Aurora?")), List.of(), true),
                StreamObserver.IGNORE);

        assertThat(fake.requests().getLast().body().at("/tools/0/type").asText())
                .isEqualTo("web_search");
        assertThat(answer.text()).contains("Aurora 2.0 released with offline maps");
        assertThat(answer.searches()).anySatisfy(search -> {
            assertThat(search.tool()).isEqualTo("web_search");
            assertThat(search.queries()).singleElement().asString().contains("Aurora");
            assertThat(search.sources()).anyMatch(url -> url.endsWith("/pages/aurora-2-release"));
        });
    }

    @Test
    void responses_api_errors_map_like_chat_completions() {
        ChatProvider provider = new ResponsesProvider(settings(ProviderSettings.Api.RESPONSES));
        fake.failNext(new io.grokgram.sandbox.Failure.HttpError(429, Optional.of(Duration.ofSeconds(2))));

        assertThatThrownBy(() -> provider.stream(
                        request(List.of(PromptMessage.user("hi")), List.of(), false), StreamObserver.IGNORE))
                .isInstanceOfSatisfying(
                        LlmException.RateLimited.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(2)));
    }
}

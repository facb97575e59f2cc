package io.grokgram.sandbox;

import static io.grokgram.sandbox.RawClient.chat;
import static io.grokgram.sandbox.RawClient.streaming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TestProviderTest {
    private static final String KEY = "test-key-5f1c";
    private static final String[] AUTH = {"Authorization", "Bearer " + KEY};
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    private TestProvider provider;
    private RawClient client;
    private RunningProvider running;

    @BeforeEach
    void start() {
        running = RunningProvider.start(TestProviderSettings.defaults()
                .withApiKey(KEY)
                .withPace(Pace.INSTANT)
                .withReasoningTokens(7)
                .withClock(Clock.fixed(NOW, ZoneOffset.UTC)));
        provider = running.provider();
        client = running.client();
    }

    @AfterEach
    void stop() {
        running.close();
    }

    @Test
    void stream_is_openai_chunks_ending_with_done() {
        RawClient.Exchange exchange = client.post(streaming(chat("grok-4.3", "What is a monad?"), true), AUTH);

        assertThat(exchange.status()).isEqualTo(200);
        assertThat(exchange.header("Content-Type")).startsWith("text/event-stream");
        assertThat(exchange.cleanEnd()).isTrue();
        assertThat(exchange.events()).last().isEqualTo("[DONE]");
        List<JsonNode> chunks = exchange.chunks();
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.path("id").asText())
                    .isEqualTo(chunks.getFirst().path("id").asText());
            assertThat(chunk.path("created").asLong()).isEqualTo(NOW.getEpochSecond());
            assertThat(chunk.path("model").asText()).isEqualTo("grok-4.3");
        });
        assertThat(exchange.streamedText()).startsWith("You said: “What is a monad?”");
    }

    @Test
    void first_chunk_carries_the_role_and_the_finish_reason_comes_on_an_empty_delta() {
        List<JsonNode> chunks =
                client.post(streaming(chat("grok-4.3", "Hi"), false), AUTH).chunks();

        JsonNode first = chunks.getFirst().path("choices").get(0);
        assertThat(first.path("index").asInt()).isZero();
        assertThat(first.path("delta").path("role").asText()).isEqualTo("assistant");
        assertThat(first.path("finish_reason").isNull()).isTrue();
        JsonNode last = chunks.getLast().path("choices").get(0);
        assertThat(last.path("delta").isEmpty()).isTrue();
        assertThat(last.path("finish_reason").asText()).isEqualTo("stop");
        assertThat(chunks.subList(1, chunks.size() - 1))
                .allSatisfy(chunk -> assertThat(
                                chunk.path("choices").get(0).path("delta").has("role"))
                        .isFalse());
    }

    @Test
    void with_include_usage_the_last_chunk_has_no_choices_and_the_usage() {
        List<JsonNode> chunks =
                client.post(streaming(chat("grok-4.3", "Hi"), true), AUTH).chunks();

        JsonNode last = chunks.getLast();
        assertThat(last.path("choices").isArray()).isTrue();
        assertThat(last.path("choices").isEmpty()).isTrue();
        JsonNode usage = last.path("usage");
        assertThat(usage.path("prompt_tokens").asInt()).isPositive();
        assertThat(usage.path("completion_tokens").asInt()).isPositive();
        assertThat(usage.path("completion_tokens_details")
                        .path("reasoning_tokens")
                        .asInt())
                .isEqualTo(7);
        assertThat(usage.path("total_tokens").asInt())
                .as("xAI's total counts reasoning apart from completion")
                .isEqualTo(usage.path("prompt_tokens").asInt()
                        + usage.path("completion_tokens").asInt()
                        + 7);
        assertThat(chunks.subList(0, chunks.size() - 1))
                .allSatisfy(chunk -> assertThat(chunk.get("usage").isNull()).isTrue());
    }

    @Test
    void without_include_usage_no_usage_is_streamed() {
        List<JsonNode> chunks =
                client.post(streaming(chat("grok-4.3", "Hi"), false), AUTH).chunks();

        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.has("usage")).isFalse();
            assertThat(chunk.path("choices")).hasSize(1);
        });
    }

    @Test
    void without_stream_the_answer_is_one_chat_completion() {
        RawClient.Exchange exchange = client.post(chat("grok-4.3", "Hi"), AUTH);

        JsonNode body = exchange.json();
        assertThat(exchange.status()).isEqualTo(200);
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        JsonNode choice = body.path("choices").get(0);
        assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(choice.path("message").path("content").asText()).startsWith("You said: “Hi”");
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
        assertThat(body.path("usage").path("prompt_tokens").asInt()).isPositive();
    }

    @Test
    void the_same_conversation_gets_the_same_answer() {
        String first = client.post(chat("grok-4.3", "Tell me about owls", "And about cats?"), AUTH)
                .json()
                .at("/choices/0/message/content")
                .asText();
        String second = client.post(streaming(chat("grok-4.3", "Tell me about owls", "And about cats?"), false), AUTH)
                .streamedText();

        assertThat(second).isEqualTo(first).contains("And about cats?").contains("turn 2");
    }

    @Test
    void cached_tokens_grow_on_the_next_request_of_the_same_conversation() {
        String history = "Background. " + Answers.longText(4000);

        JsonNode first = usageOf(client.post(chat("grok-4.3", history), header("conv-a")));
        JsonNode second = usageOf(client.post(chat("grok-4.3", history, "Next question"), header("conv-a")));
        JsonNode other = usageOf(client.post(chat("grok-4.3", history, "Next question"), header("conv-b")));

        assertThat(first.at("/prompt_tokens_details/cached_tokens").asInt()).isZero();
        int cached = second.at("/prompt_tokens_details/cached_tokens").asInt();
        assertThat(cached)
                .isPositive()
                .isLessThanOrEqualTo(second.path("prompt_tokens").asInt());
        assertThat(cached % 128).isZero();
        assertThat(first.path("prompt_tokens").asInt() - cached)
                .as("all of the first prompt but the last partial block, give or take the join")
                .isBetween(0, 128 + 8);
        assertThat(other.at("/prompt_tokens_details/cached_tokens").asInt())
                .as("another conversation")
                .isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"prompt_cache_key", "user"})
    void a_body_field_can_name_the_conversation(String field) {
        String history = Answers.longText(2000);
        ObjectNode first = chat("grok-4.3", history);
        first.put(field, "conv-body");
        ObjectNode second = chat("grok-4.3", history, "More");
        second.put(field, "conv-body");

        client.post(first, AUTH);
        JsonNode usage = usageOf(client.post(second, AUTH));

        assertThat(usage.at("/prompt_tokens_details/cached_tokens").asInt()).isPositive();
        assertThat(provider.requests().getLast().conversationKey()).contains("conv-body");
    }

    @Test
    void without_a_conversation_key_nothing_is_cached() {
        String history = Answers.longText(2000);

        client.post(chat("grok-4.3", history), AUTH);
        JsonNode usage = usageOf(client.post(chat("grok-4.3", history, "More"), AUTH));

        assertThat(usage.at("/prompt_tokens_details/cached_tokens").asInt()).isZero();
    }

    @Test
    void requests_are_recorded_without_the_key() {
        ObjectNode body = streaming(chat("grok-test", "Hi"), true);

        client.post(body, "Authorization", "Bearer " + KEY, "x-grok-conv-id", "conv-7", "X-Trace", "t-1");

        RecordedRequest recorded = provider.requests().getLast();
        assertThat(recorded.path()).isEqualTo("/v1/chat/completions");
        assertThat(recorded.method()).isEqualTo("POST");
        assertThat(recorded.at()).isEqualTo(NOW);
        assertThat(recorded.model()).contains("grok-test");
        assertThat(recorded.body()).isEqualTo(body);
        assertThat(recorded.conversationKey()).contains("conv-7");
        assertThat(recorded.authorizationPresent()).isTrue();
        assertThat(recorded.header("x-trace")).contains("t-1");
        assertThat(recorded.headers()).doesNotContainKey("authorization");
        assertThat(recorded.toString()).doesNotContain(KEY);
    }

    @Test
    void clear_requests_forgets_them() {
        client.post(chat("grok-4.3", "Hi"));
        client.get("/v1/models");

        assertThat(provider.requests())
                .extracting(RecordedRequest::authorizationPresent)
                .containsOnly(false);
        provider.clearRequests();

        assertThat(provider.requests()).isEmpty();
    }

    @Test
    void models_are_listed_in_openai_shape() {
        JsonNode list = client.get("/v1/models", AUTH).json();

        assertThat(list.path("object").asText()).isEqualTo("list");
        assertThat(list.path("data").findValuesAsText("id"))
                .containsExactlyElementsOf(TestProviderSettings.DEFAULT_MODELS);
        assertThat(list.path("data").get(0).path("object").asText()).isEqualTo("model");
    }

    @Test
    void fail_next_plays_one_failure_then_answers_again() {
        provider.failNext(Failure.rateLimited(Duration.ofSeconds(9)));

        RawClient.Exchange failed = client.post(chat("grok-4.3", "Hi"), AUTH);
        RawClient.Exchange next = client.post(chat("grok-4.3", "Hi"), AUTH);

        assertThat(failed.status()).isEqualTo(429);
        assertThat(failed.header("Retry-After")).isEqualTo("9");
        assertThat(failed.json().at("/error/type").asText()).isEqualTo("rate_limit_error");
        assertThat(next.status()).isEqualTo(200);
    }

    @Test
    void fail_next_cut_drops_the_stream_part_way() {
        provider.failNext(Failure.cut(50));

        RawClient.Exchange exchange = client.post(streaming(chat("grok-4.3", "#tokens 40"), true), AUTH);

        assertThat(exchange.cleanEnd()).isFalse();
        assertThat(exchange.events()).doesNotContain("[DONE]");
        assertThat(Answers.words(40)).startsWith(exchange.streamedText());
        assertThat(exchange.streamedText().length())
                .isBetween(1, Answers.words(40).length() - 1);
    }

    @Test
    void set_pace_spaces_the_chunks_and_sizes_them() {
        provider.setPace(Duration.ofMillis(200), Duration.ofMillis(30), 5);

        RawClient.Exchange exchange = client.post(streaming(chat("grok-4.3", "#echo abcdefghijklmno"), false), AUTH);

        List<JsonNode> content = exchange.chunks().stream()
                .filter(chunk ->
                        !chunk.at("/choices/0/delta/content").asText("").isEmpty())
                .toList();
        assertThat(content)
                .extracting(chunk -> chunk.at("/choices/0/delta/content").asText())
                .containsExactly("abcde", "fghij", "klmno");
        // measured from the request, not between arrivals: a loaded machine may deliver early events late, but
        // nothing can arrive before the server's pauses have passed
        List<Long> millis = exchange.eventMillis();
        assertThat(millis.get(1)).as("first token delay").isGreaterThanOrEqualTo(200);
        assertThat(millis.get(3)).as("first token delay and two chunk gaps").isGreaterThanOrEqualTo(260);
    }

    @Test
    void max_tokens_cuts_the_answer_with_finish_reason_length() {
        ObjectNode body = chat("grok-4.3", "#tokens 500");
        body.put("max_tokens", 10);

        JsonNode answer = client.post(body, AUTH).json();

        assertThat(answer.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(answer.at("/usage/completion_tokens").asInt()).isEqualTo(10);
        assertThat(Answers.words(500))
                .startsWith(answer.at("/choices/0/message/content").asText());
    }

    @Test
    void close_ends_the_answers_in_flight_and_refuses_new_ones() throws InterruptedException {
        provider.setPace(Duration.ZERO, Duration.ofSeconds(10), 4);
        AtomicReference<RawClient.Exchange> slow = new AtomicReference<>();
        Thread caller =
                Thread.ofVirtual().start(() -> slow.set(client.post(streaming(chat("grok-4.3", "Hi"), true), AUTH)));
        await().atMost(Duration.ofSeconds(5)).until(() -> !provider.requests().isEmpty());
        Thread.sleep(100);

        long start = System.nanoTime();
        provider.close();
        caller.join(Duration.ofSeconds(5));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(slow.get().events()).isNotEmpty().doesNotContain("[DONE]");
        assertThat(client.post(chat("grok-4.3", "Hi"), AUTH).status()).isEqualTo(503);
    }

    private static String[] header(String conversation) {
        return new String[] {"Authorization", "Bearer " + KEY, "x-grok-conv-id", conversation};
    }

    private static JsonNode usageOf(RawClient.Exchange exchange) {
        assertThat(exchange.status()).isEqualTo(200);
        return exchange.json().path("usage");
    }
}

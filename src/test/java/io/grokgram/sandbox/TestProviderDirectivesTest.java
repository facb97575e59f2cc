package io.grokgram.sandbox;

import static io.grokgram.sandbox.RawClient.chat;
import static io.grokgram.sandbox.RawClient.streaming;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestProviderDirectivesTest {
    private TestProvider provider;
    private RawClient client;
    private RunningProvider running;

    @BeforeEach
    void start() {
        running = RunningProvider.start(TestProviderSettings.defaults().withPace(Pace.INSTANT));
        provider = running.provider();
        client = running.client();
    }

    @AfterEach
    void stop() {
        running.close();
    }

    @Test
    void echo_answers_the_rest_of_the_message_verbatim() {
        String rest = "  *keep*   this\n\nexactly `as is`  ";

        assertThat(streamed("#echo " + rest)).isEqualTo(rest);
    }

    @Test
    void markdown_shows_every_construct() {
        String text = streamed("#markdown");

        assertThat(text)
                .startsWith("# ")
                .contains("**bold**", "*italic*", "`inline code`", "\n- ", "\n  - ", "\n1. ", "```java\n", "\n> ")
                .contains("|---")
                .containsPattern("\\[[^]]+]\\(https://[^)]+\\)");
    }

    @Test
    void long_gives_about_n_characters_of_mixed_markdown_the_same_every_time() {
        String first = streamed("#long 5000");
        String second = streamed("#long 5000");

        assertThat(first).isEqualTo(second);
        assertThat(first.length()).isBetween(4980, 5000);
        assertThat(first).contains("## ", "\n- ", "```java\n", "|---");
    }

    @Test
    void tokens_gives_n_words() {
        assertThat(streamed("#tokens 37").split(" ")).hasSize(37);
    }

    @Test
    void fail_429_answers_with_retry_after() {
        RawClient.Exchange exchange = client.post(streaming(chat("grok-4.3", "#fail 429 retry=3 hello"), true));

        assertThat(exchange.status()).isEqualTo(429);
        assertThat(exchange.header("Retry-After")).isEqualTo("3");
        assertThat(exchange.json().at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
    }

    @ParameterizedTest
    @CsvSource({"500, server_error", "401, invalid_request_error", "503, server_error", "403, permission_error"})
    void fail_answers_with_the_status_and_an_openai_error(int status, String type) {
        RawClient.Exchange exchange = client.post(chat("grok-4.3", "#fail " + status));

        assertThat(exchange.status()).isEqualTo(status);
        assertThat(exchange.header("Retry-After")).isNull();
        JsonNode error = exchange.json().path("error");
        assertThat(error.path("type").asText()).isEqualTo(type);
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(error.has("code")).isTrue();
    }

    @Test
    void slow_first_holds_the_first_content_chunk_back() {
        RawClient.Exchange exchange = client.post(streaming(chat("grok-4.3", "#slow-first 300 #echo hi"), false));

        // from the request, not between arrivals: under load the role chunk itself may arrive late
        assertThat(exchange.eventMillis().get(1)).isGreaterThanOrEqualTo(300);
        assertThat(exchange.streamedText()).isEqualTo("hi");
    }

    @Test
    void cut_drops_the_connection_without_done() {
        RawClient.Exchange exchange = client.post(streaming(chat("grok-4.3", "#cut 30 #long 3000"), true));

        assertThat(exchange.status()).isEqualTo(200);
        assertThat(exchange.cleanEnd()).isFalse();
        assertThat(exchange.events()).doesNotContain("[DONE]");
        assertThat(exchange.streamedText().length()).isBetween(850, 900);
        assertThat(Answers.longText(3000)).startsWith(exchange.streamedText());
    }

    @Test
    void refuse_ends_with_content_filter() {
        List<JsonNode> chunks =
                client.post(streaming(chat("grok-4.3", "#refuse"), true)).chunks();

        JsonNode finish = chunks.get(chunks.size() - 2).at("/choices/0");
        assertThat(finish.path("finish_reason").asText()).isEqualTo("content_filter");
        assertThat(client.post(streaming(chat("grok-4.3", "#refuse"), true)).streamedText())
                .contains("can't help");
    }

    @Test
    void directives_combine_and_the_question_follows_them() {
        String text = streamed("#slow-first 10 What is #long 5?");

        assertThat(text).startsWith("You said: “What is #long 5?”");
    }

    @Test
    void a_directive_without_its_argument_is_just_text() {
        assertThat(streamed("#long many")).startsWith("You said: “#long many”");
    }

    private String streamed(String message) {
        RawClient.Exchange exchange = client.post(streaming(chat("grok-4.3", message), true));
        assertThat(exchange.status()).isEqualTo(200);
        assertThat(exchange.cleanEnd()).isTrue();
        return exchange.streamedText();
    }
}

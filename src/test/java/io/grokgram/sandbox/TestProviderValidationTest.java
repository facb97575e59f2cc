package io.grokgram.sandbox;

import static io.grokgram.sandbox.RawClient.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestProviderValidationTest {
    private static final String KEY = "sandbox-key-91";
    private static final String[] AUTH = {"Authorization", "Bearer " + KEY};

    private TestProvider provider;
    private RawClient client;
    private RunningProvider running;

    @BeforeEach
    void start() {
        running = RunningProvider.start(
                TestProviderSettings.defaults().withApiKey(KEY).withPace(Pace.INSTANT));
        provider = running.provider();
        client = running.client();
    }

    @AfterEach
    void stop() {
        running.close();
    }

    @Test
    void a_missing_key_is_401() {
        RawClient.Exchange exchange = client.post(chat("grok-4.3", "Hi"));

        assertThat(exchange.status()).isEqualTo(401);
        assertThat(exchange.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void a_wrong_key_is_401_and_not_echoed() {
        RawClient.Exchange exchange = client.post(chat("grok-4.3", "Hi"), "Authorization", "Bearer guessed-key");

        assertThat(exchange.status()).isEqualTo(401);
        assertThat(exchange.json().at("/error/code").asText()).isEqualTo("invalid_api_key");
        assertThat(exchange.body()).doesNotContain("guessed-key");
    }

    @Test
    void models_need_the_key_too() {
        assertThat(client.get("/v1/models").status()).isEqualTo(401);
        assertThat(client.get("/v1/models", AUTH).status()).isEqualTo(200);
    }

    @Test
    void an_unknown_model_is_404() {
        RawClient.Exchange exchange = client.post(chat("gpt-9-ultra", "Hi"), AUTH);

        assertThat(exchange.status()).isEqualTo(404);
        JsonNode error = exchange.json().path("error");
        assertThat(error.path("code").asText()).isEqualTo("model_not_found");
        assertThat(error.path("message").asText()).contains("gpt-9-ultra");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "malformed JSON         | {\"model\": \"grok-4.3\", \"messages\": [        | ",
                "not an object          | [1, 2]                                        | ",
                "no model               | {\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]} | model",
                "no messages            | {\"model\":\"grok-4.3\"}                       | messages",
                "empty messages         | {\"model\":\"grok-4.3\",\"messages\":[]}       | messages",
                "bad role               | {\"model\":\"grok-4.3\",\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]} | messages[0].role",
                "non-string content     | {\"model\":\"grok-4.3\",\"messages\":[{\"role\":\"user\",\"content\":42}]} | messages[0].content",
                "non-boolean stream     | {\"model\":\"grok-4.3\",\"stream\":\"yes\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]} | stream",
                "zero max_tokens        | {\"model\":\"grok-4.3\",\"max_tokens\":0,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]} | max_tokens",
            })
    void a_malformed_request_is_400_invalid_request_error(String what, String body, String param) {
        RawClient.Exchange exchange = client.post(body, AUTH);

        assertThat(exchange.status()).isEqualTo(400);
        JsonNode error = exchange.json().path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(error.path("param").isNull() ? null : error.path("param").asText())
                .isEqualTo(param);
    }

    @Test
    void the_key_is_checked_before_the_body() {
        assertThat(client.post("not json").status()).isEqualTo(401);
    }
}

package io.grokgram.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grokgram.sandbox.BotApiEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Webhook intake against the emulator: the webhook is registered as polling would ask, nothing confirmed unstored. */
class WebhookIntakeTest {
    private static final String TOKEN = EmulatedTelegram.TOKEN;
    private static final URI HOOK = URI.create("https://bot.example.com/telegram/hook");
    private static final WebhookSecret SECRET = new WebhookSecret("s3cret_Token-1");
    private static final String UPDATE = """
            {"update_id":41,"message":{"message_id":3,"date":1700000000,"text":"Hello",
             "chat":{"id":42,"type":"private","first_name":"Ann"},
             "from":{"id":42,"is_bot":false,"first_name":"Ann"}}}""";

    private final EmulatedTelegram telegram =
            new EmulatedTelegram(OutboundLimits.TELEGRAM, ChatStatusListener.ignoring());
    private final BotApiEmulator emulator = telegram.emulator;
    private final BotApi api = telegram.api;
    private final List<InboundUpdate> stored = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        telegram.close();
    }

    @Test
    void start_sets_the_webhook_with_the_allowed_updates_of_polling() throws Exception {
        try (WebhookIntake intake = intake((update, raw) -> stored.add(update))) {
            intake.start();
        }

        JsonNode info = webhookInfo();
        assertThat(info.path("url").asText()).isEqualTo(HOOK.toString());
        List<String> allowed = new ArrayList<>();
        info.path("allowed_updates").forEach(type -> allowed.add(type.asText()));
        assertThat(allowed).containsExactlyInAnyOrderElementsOf(Intake.ALLOWED_UPDATES);
        assertThat(info.toString()).doesNotContain(SECRET.value());
    }

    @Test
    void a_refused_webhook_stops_the_start_with_telegrams_reason() {
        emulator.failNext("setWebhook", 400, "Bad Request: bad webhook: HTTPS url must be provided for webhook");

        try (WebhookIntake intake = intake((update, raw) -> stored.add(update))) {
            assertThatThrownBy(intake::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("could not set the webhook to " + HOOK)
                    .hasMessageContaining("HTTPS url must be provided")
                    .hasMessageNotContaining(SECRET.value());
        }
    }

    @Test
    void an_unreachable_bot_api_is_tried_again() throws Exception {
        emulator.failNext("setWebhook", 502, "Bad Gateway");

        try (WebhookIntake intake = intake((update, raw) -> stored.add(update))) {
            intake.start();
        }

        assertThat(webhookInfo().path("url").asText()).isEqualTo(HOOK.toString());
    }

    @Test
    void accept_returns_after_the_sink_took_the_update() {
        List<String> raws = new CopyOnWriteArrayList<>();
        try (WebhookIntake intake = intake((update, raw) -> {
            stored.add(update);
            raws.add(raw);
        })) {
            intake.accept(UPDATE);
        }

        assertThat(stored).singleElement().isInstanceOfSatisfying(InboundUpdate.Message.class, m -> {
            assertThat(m.updateId()).isEqualTo(41);
            assertThat(m.content()).isEqualTo(new InboundUpdate.Text("Hello"));
        });
        assertThat(raws).containsExactly(UPDATE);
    }

    @Test
    void a_sink_failure_is_thrown_so_the_update_is_not_confirmed() {
        try (WebhookIntake intake = intake((update, raw) -> {
            throw new IllegalStateException("disk full");
        })) {
            assertThatThrownBy(() -> intake.accept(UPDATE)).hasMessage("disk full");
        }
    }

    @Test
    void a_malformed_update_reaches_the_sink_as_such_and_is_confirmed() {
        try (WebhookIntake intake = intake((update, raw) -> stored.add(update))) {
            intake.accept("this is not JSON");
            intake.accept("{\"message\":{}}");
        }

        assertThat(stored).hasSize(2).allMatch(InboundUpdate.Malformed.class::isInstance);
    }

    @Test
    void a_closed_intake_refuses_every_delivery() {
        WebhookIntake intake = intake((update, raw) -> stored.add(update));
        intake.close();

        assertThatThrownBy(() -> intake.accept(UPDATE)).isInstanceOf(IllegalStateException.class);
        assertThat(stored).isEmpty();
    }

    private WebhookIntake intake(UpdateSink sink) {
        return new WebhookIntake(api, sink, HOOK, SECRET);
    }

    private JsonNode webhookInfo() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(telegram.baseUrl() + "/bot" + TOKEN + "/getWebhookInfo"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new ObjectMapper().readTree(response.body()).path("result");
        }
    }
}

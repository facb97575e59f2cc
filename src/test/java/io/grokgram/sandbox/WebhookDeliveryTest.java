package io.grokgram.sandbox;

import static io.grokgram.sandbox.BotApiClient.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The emulator posts updates to a webhook as Telegram does: one per request, in order, retried until confirmed. */
class WebhookDeliveryTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final String SECRET = "s3cret_Token-1";

    private Sandbox sandbox;
    private WebhookReceiver receiver;
    private SandboxUser ann;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start();
        receiver = new WebhookReceiver();
        ann = sandbox.emulator.user(42, "Ann", Optional.of("ann"), "en");
        sandbox.emulator.setWebhookRetry(Duration.ofMillis(50), 4);
    }

    @AfterEach
    void stop() {
        sandbox.close();
        receiver.close();
    }

    @Test
    void each_update_is_posted_alone_with_the_secret_and_a_2xx_confirms_it() {
        // given
        setWebhook(receiver.url(), SECRET);

        // when
        ann.send("one");
        ann.send("two");

        // then
        await().atMost(PATIENCE).until(() -> receiver.deliveries().size() == 2);
        assertThat(receiver.deliveries())
                .extracting(WebhookReceiver.Delivery::text)
                .containsExactly("one", "two");
        assertThat(receiver.deliveries()).allSatisfy(delivery -> {
            assertThat(delivery.secret()).contains(SECRET);
            assertThat(delivery.contentType()).startsWith("application/json");
            assertThat(delivery.update().path("message").path("from").path("id").asLong())
                    .isEqualTo(42);
        });
        assertThat(receiver.deliveries().get(1).updateId())
                .isEqualTo(receiver.deliveries().get(0).updateId() + 1);
        await().atMost(PATIENCE)
                .until(() -> webhookInfo().path("pending_update_count").asInt() == 0);
        assertThat(webhookInfo().has("last_error_message")).isFalse();
    }

    @Test
    void without_a_secret_no_secret_header_is_sent() {
        // given
        setWebhook(receiver.url(), "");

        // when
        ann.send("hello");

        // then
        await().atMost(PATIENCE).until(() -> receiver.deliveries().size() == 1);
        assertThat(receiver.deliveries().getFirst().secret()).isEmpty();
    }

    @Test
    void updates_waiting_before_the_webhook_was_set_are_delivered_once_it_is() {
        // given
        ann.send("written while nobody listened");

        // when
        setWebhook(receiver.url(), SECRET);

        // then
        await().atMost(PATIENCE).until(() -> receiver.deliveries().size() == 1);
        assertThat(receiver.deliveries().getFirst().text()).isEqualTo("written while nobody listened");
    }

    @Test
    void an_error_answer_is_retried_and_later_updates_wait_behind_it() {
        // given: the endpoint fails the first request only
        receiver.answer(delivery -> receiver.deliveries().size() == 1 ? 500 : 200);
        setWebhook(receiver.url(), SECRET);

        // when
        ann.send("one");
        ann.send("two");

        // then
        await().atMost(PATIENCE).until(() -> receiver.deliveries().size() == 3);
        assertThat(receiver.deliveries())
                .extracting(WebhookReceiver.Delivery::text)
                .containsExactly("one", "one", "two");
        JsonNode info = webhookInfo();
        assertThat(info.path("last_error_message").asText())
                .isEqualTo("Wrong response from the webhook: 500 Internal Server Error");
        assertThat(info.path("last_error_date").asLong()).isPositive();
        assertThat(info.path("pending_update_count").asInt()).isZero();
    }

    @Test
    void after_the_last_attempt_an_update_is_dropped_and_the_next_one_goes_out() {
        // given: the endpoint refuses everything that says "doomed"
        receiver.answer(delivery -> delivery.text().equals("doomed") ? 503 : 200);
        setWebhook(receiver.url(), SECRET);

        // when
        ann.send("doomed");
        ann.send("fine");

        // then
        await().atMost(PATIENCE)
                .until(() ->
                        receiver.deliveries().stream().anyMatch(d -> d.text().equals("fine")));
        assertThat(receiver.deliveries())
                .extracting(WebhookReceiver.Delivery::text)
                .containsExactly("doomed", "doomed", "doomed", "doomed", "fine");
        assertThat(webhookInfo().path("last_error_message").asText())
                .isEqualTo("Wrong response from the webhook: 503 Service Unavailable");
    }

    @Test
    void a_slow_endpoint_times_out_and_is_tried_again() {
        // given: the first request takes longer than the emulator waits
        sandbox.emulator.setWebhookTimeout(Duration.ofMillis(300));
        receiver.answer(delivery -> {
            if (receiver.deliveries().size() == 1) {
                sleep(Duration.ofSeconds(1));
            }
            return 200;
        });
        setWebhook(receiver.url(), SECRET);

        // when
        ann.send("patience");

        // then
        await().atMost(PATIENCE).until(() -> receiver.deliveries().size() == 2);
        await().atMost(PATIENCE)
                .until(() -> webhookInfo().path("pending_update_count").asInt() == 0);
        assertThat(webhookInfo().path("last_error_message").asText()).isEqualTo("Read timeout expired");
    }

    @Test
    void an_unreachable_webhook_keeps_the_update_and_delete_webhook_leaves_it_for_get_updates() {
        // given
        sandbox.emulator.setWebhookRetry(Duration.ofSeconds(30), 2);
        setWebhook("http://127.0.0.1:" + closedPort() + "/telegram/hook", SECRET);
        ann.send("still here?");
        await().atMost(PATIENCE).until(() -> webhookInfo().has("last_error_message"));
        JsonNode info = webhookInfo();

        // when
        var deleted = sandbox.api.json("deleteWebhook", params());
        var polled = sandbox.api.json("getUpdates", params());

        // then
        assertThat(info.path("last_error_message").asText()).isEqualTo("Connection refused");
        assertThat(info.path("pending_update_count").asInt()).isEqualTo(1);
        assertThat(deleted.ok()).isTrue();
        assertThat(polled.result()).hasSize(1);
        assertThat(polled.result().get(0).path("message").path("text").asText()).isEqualTo("still here?");
        assertThat(webhookInfo().has("last_error_message")).isFalse();
    }

    @Test
    void delete_webhook_stops_delivery() {
        // given
        setWebhook(receiver.url(), SECRET);
        ann.send("delivered");
        await().atMost(PATIENCE).until(() -> receiver.deliveries().size() == 1);
        await().atMost(PATIENCE)
                .until(() -> webhookInfo().path("pending_update_count").asInt() == 0);

        // when
        sandbox.api.json("deleteWebhook", params());
        ann.send("polled");

        // then
        JsonNode polled = sandbox.api.json("getUpdates", params()).result();
        assertThat(polled).hasSize(1);
        assertThat(polled.get(0).path("message").path("text").asText()).isEqualTo("polled");
        assertThat(receiver.deliveries()).hasSize(1);
    }

    @Test
    void drop_pending_updates_forgets_what_could_not_be_delivered() {
        // given
        sandbox.emulator.setWebhookRetry(Duration.ofSeconds(30), 2);
        setWebhook("http://127.0.0.1:" + closedPort() + "/telegram/hook", SECRET);
        ann.send("lost");
        await().atMost(PATIENCE).until(() -> webhookInfo().has("last_error_message"));

        // when
        sandbox.api.json("deleteWebhook", params("drop_pending_updates", true));

        // then
        assertThat(sandbox.api.json("getUpdates", params()).result()).isEmpty();
    }

    private void setWebhook(String url, String secret) {
        var set = sandbox.api.json("setWebhook", params("url", url, "secret_token", secret));
        assertThat(set.ok()).as(set.raw()).isTrue();
    }

    private JsonNode webhookInfo() {
        return sandbox.api.json("getWebhookInfo", params()).result();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.grokgram.sandbox;

import static io.grokgram.sandbox.BotApiClient.params;
import static io.grokgram.sandbox.InvoiceParams.invoice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Paying over the user API, as the web chat's Pay buttons and invoice links do. */
class PaymentApiTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private Sandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start();
        sandbox.userWhoWrote(42, "Ann");
        sandbox.takeUpdates();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private record Response(int status, JsonNode body) {}

    private Response pay(String json, String query) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(sandbox.server.baseUrl() + "/sandbox/api/payments" + query))
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(json))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), BotApiClient.MAPPER.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Acts as the bot: waits for the pre_checkout_query and answers it. */
    private JsonNode answerNextCheckout(boolean ok, String errorMessage) {
        List<JsonNode> queries = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            sandbox.takeUpdates().stream()
                    .filter(update -> update.has("pre_checkout_query"))
                    .forEach(update -> queries.add(update.path("pre_checkout_query")));
            return !queries.isEmpty();
        });
        JsonNode query = queries.getFirst();
        var params = params("pre_checkout_query_id", query.path("id").asText(), "ok", ok);
        if (!ok) {
            params.put("error_message", errorMessage);
        }
        assertThat(sandbox.api.json("answerPreCheckoutQuery", params).ok()).isTrue();
        return query;
    }

    @Test
    void an_invoice_link_is_paid_once_the_bot_confirms() throws Exception {
        // given
        String link = sandbox.api.json("createInvoiceLink", invoice()).result().asText();

        // when
        var paying = CompletableFuture.supplyAsync(
                () -> pay("{\"user_id\":77,\"first_name\":\"Web\",\"link\":\"" + link + "\"}", ""));
        JsonNode query = answerNextCheckout(true, null);
        Response response = paying.get(20, TimeUnit.SECONDS);

        // then
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().path("status").asText()).isEqualTo("paid");
        assertThat(response.body().path("pre_checkout_query_id").asText())
                .isEqualTo(query.path("id").asText());
        assertThat(query.path("from").path("first_name").asText()).isEqualTo("Web");
        assertThat(response.body().path("total_amount").asLong()).isEqualTo(250);
        assertThat(sandbox.emulator.payments()).singleElement().satisfies(payment -> {
            assertThat(payment.userId()).isEqualTo(77);
            assertThat(payment.chargeId())
                    .isEqualTo(
                            response.body().path("telegram_payment_charge_id").asText());
        });
    }

    @Test
    void a_pay_button_pays_its_invoice_message_and_a_refusal_is_shown() throws Exception {
        // given
        int invoice = sandbox.api
                .json("sendInvoice", invoice("chat_id", 42))
                .result()
                .path("message_id")
                .asInt();

        // when
        var paying = CompletableFuture.supplyAsync(
                () -> pay("{\"user_id\":42,\"chat_id\":42,\"message_id\":" + invoice + "}", ""));
        answerNextCheckout(false, "Sold out, sorry");
        Response response = paying.get(20, TimeUnit.SECONDS);

        // then
        assertThat(response.body().path("status").asText()).isEqualTo("declined");
        assertThat(response.body().path("error_message").asText()).isEqualTo("Sold out, sorry");
        assertThat(sandbox.emulator.payments()).isEmpty();
    }

    @Test
    void a_bot_that_has_not_answered_yet_leaves_the_payment_pending() {
        // given
        String link = sandbox.api.json("createInvoiceLink", invoice()).result().asText();

        // when
        Response response = pay("{\"user_id\":42,\"link\":\"" + link + "\"}", "?wait=0");

        // then
        assertThat(response.body().path("status").asText()).isEqualTo("pending");
        assertThat(response.body().path("pre_checkout_query_id").asText()).isNotEmpty();
    }

    @Test
    void misuse_is_a_400_with_the_reason() {
        // when
        Response nothing = pay("{\"user_id\":42}", "");
        Response unknownLink = pay("{\"user_id\":42,\"link\":\"https://t.me/$nope\"}", "");
        Response notAnInvoice = pay("{\"user_id\":42,\"chat_id\":42,\"message_id\":1}", "");
        Response notJson = pay("pay me", "");

        // then
        assertThat(nothing.status()).isEqualTo(400);
        assertThat(nothing.body().path("error").asText()).contains("link");
        assertThat(unknownLink.status()).isEqualTo(400);
        assertThat(unknownLink.body().path("error").asText()).contains("no invoice link");
        assertThat(notAnInvoice.status()).isEqualTo(400);
        assertThat(notAnInvoice.body().path("error").asText()).contains("no invoice message");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(sandbox.takeUpdates()).isEmpty();
    }
}

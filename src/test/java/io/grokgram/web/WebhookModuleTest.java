package io.grokgram.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The webhook endpoint over real HTTP: the status is the whole contract with Telegram. */
class WebhookModuleTest {
    private static final String SECRET = "s3cret_Token-1";
    private static final String UPDATE = "{\"update_id\":7,\"message\":{}}";

    private final List<String> kept = new CopyOnWriteArrayList<>();
    private final AtomicReference<WebhookHandler> behaviour = new AtomicReference<>(kept::add);
    private final HttpServer server = HttpServer.start(
            "127.0.0.1",
            0,
            List.of(new WebhookModule(
                    "/telegram/hook", SECRET, body -> behaviour.get().accept(body))));
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    @Test
    void the_right_secret_gets_the_body_handed_over_and_200() throws Exception {
        HttpResponse<String> response = post(UPDATE, SECRET);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(kept).containsExactly(UPDATE);
    }

    @Test
    void a_missing_secret_gets_401_and_nothing_is_kept() throws Exception {
        HttpResponse<String> response = post(UPDATE, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(kept).isEmpty();
    }

    @Test
    void a_wrong_secret_gets_401_and_nothing_is_kept() throws Exception {
        for (String wrong : List.of("s3cret_Token-2", "s3cret_Token", SECRET + "1", SECRET.toUpperCase(), "")) {
            assertThat(post(UPDATE, wrong).statusCode()).as(wrong).isEqualTo(401);
        }

        assertThat(kept).isEmpty();
    }

    @Test
    void a_handler_failure_gets_500_so_telegram_delivers_again() throws Exception {
        behaviour.set(body -> {
            throw new IllegalStateException("the store is down");
        });

        assertThat(post(UPDATE, SECRET).statusCode()).isEqualTo(500);
    }

    @Test
    void a_body_that_is_not_json_is_the_handlers_to_judge() throws Exception {
        HttpResponse<String> response = post("not json at all", SECRET);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(kept).containsExactly("not json at all");
    }

    @Test
    void the_answer_waits_until_the_handler_returned() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        behaviour.set(body -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });

        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(request(UPDATE, SECRET), body());
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(200);
        assertThat(answer).isNotDone();
        release.countDown();

        assertThat(answer.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void only_post_is_served() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/telegram/hook"))
                        .header(WebhookModule.SECRET_HEADER, SECRET)
                        .GET()
                        .build(),
                body());

        assertThat(response.statusCode()).isNotEqualTo(200);
        assertThat(kept).isEmpty();
    }

    @Test
    void a_path_with_javalin_syntax_or_an_empty_secret_is_refused() {
        assertThatThrownBy(() -> new WebhookModule("/hook/{id}", SECRET, kept::add))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebhookModule("hook", SECRET, kept::add))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebhookModule("/hook", "", kept::add))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private HttpResponse<String> post(String json, String secret) throws Exception {
        return http.send(request(json, secret), body());
    }

    private HttpRequest request(String json, String secret) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/telegram/hook"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (secret != null) {
            request.header(WebhookModule.SECRET_HEADER, secret);
        }
        return request.build();
    }

    private static HttpResponse.BodyHandler<String> body() {
        return HttpResponse.BodyHandlers.ofString();
    }
}

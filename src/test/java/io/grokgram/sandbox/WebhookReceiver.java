package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.grokgram.web.HttpServer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToIntFunction;

/** A stand-in for a bot's webhook endpoint: records every POST and answers with the status the test chooses. */
final class WebhookReceiver implements AutoCloseable {
    static final String PATH = "/telegram/hook";

    /** One request as it arrived. */
    record Delivery(JsonNode update, Optional<String> secret, String contentType) {
        long updateId() {
            return update.path("update_id").asLong();
        }

        String text() {
            return update.path("message").path("text").asText();
        }
    }

    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private volatile ToIntFunction<Delivery> answer = delivery -> 200;
    private final HttpServer server = HttpServer.start(
            "127.0.0.1",
            0,
            List.of(routes -> routes.post(PATH, ctx -> {
                Delivery delivery = new Delivery(
                        BotApiClient.MAPPER.readTree(ctx.body()),
                        Optional.ofNullable(ctx.header("X-Telegram-Bot-Api-Secret-Token")),
                        Optional.ofNullable(ctx.contentType()).orElse(""));
                deliveries.add(delivery);
                ctx.status(answer.applyAsInt(delivery));
            })));

    /** Decides the status of each request from now on (it may also sleep, to look slow). */
    void answer(ToIntFunction<Delivery> answer) {
        this.answer = answer;
    }

    String url() {
        return server.baseUrl() + PATH;
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    @Override
    public void close() {
        server.close();
    }
}

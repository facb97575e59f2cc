package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grokgram.sandbox.BotApiEmulator;
import io.grokgram.sandbox.Pace;
import io.grokgram.sandbox.SandboxUser;
import io.grokgram.sandbox.TestProvider;
import io.grokgram.sandbox.TestProviderSettings;
import io.grokgram.store.TestDatabases;
import io.grokgram.web.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The ingress while Kafka is unreachable: it starts anyway, and answers Telegram's webhook deliveries with an error, so
 * the update stays pending at Telegram (which delivers it again) instead of being confirmed and lost.
 */
class KafkaUnreachableIngressEndToEndTest {
    private static final String TOKEN = "7000006:NOKAFKA-ingress-token-abcdefghijklm";
    private static final String SECRET = "no-kafka_secret-1";

    @Test
    void without_kafka_the_webhook_answers_an_error_and_telegram_keeps_the_update() throws Exception {
        BotApiEmulator telegram = new BotApiEmulator(Clock.systemUTC());
        telegram.registerBot(TOKEN, "grokgram_nokafka_bot", "Grok");
        telegram.setWebhookRetry(Duration.ofMillis(200), 50);
        TestProvider provider = new TestProvider(TestProviderSettings.defaults().withPace(Pace.INSTANT));
        int port = SandboxRig.freePort();
        String nowhere = "127.0.0.1:" + SandboxRig.freePort(); // nothing listens there
        try (HttpServer services = HttpServer.start("127.0.0.1", 0, List.of(telegram, provider));
                Grokgram ingress = start(services.baseUrl(), port, nowhere)) {
            SandboxUser user = telegram.user(840_001, "Tester", Optional.empty(), "en");
            user.send("is anyone there?");

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> webhookInfo(services.baseUrl()).contains("last_error_message"));
            String info = webhookInfo(services.baseUrl());
            assertThat(info).contains("\"pending_update_count\":1");
            assertThat(ingress.identity().username()).isEqualTo("grokgram_nokafka_bot");
            assertThat(telegram.messages(user.chatId()).stream().filter(m -> m.fromBot()))
                    .as("nothing answered")
                    .isEmpty();
        } finally {
            provider.close();
            telegram.close();
        }
    }

    private static String webhookInfo(String base) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(
                            HttpRequest.newBuilder(URI.create(base + "/bot" + TOKEN + "/getWebhookInfo"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        }
    }

    private static Grokgram start(String base, int port, String kafka) {
        Map<String, String> env = new HashMap<>();
        env.put("GROKGRAM_BOT_TOKEN", TOKEN);
        env.put("GROKGRAM_TELEGRAM_API", base);
        env.put("GROKGRAM_LLM_BASE_URL", base + "/v1");
        env.put("GROKGRAM_LLM_MODEL", "grok-test");
        env.put("GROKGRAM_DATABASE", TestDatabases.postgresUrl());
        env.put("GROKGRAM_HTTP_PORT", Integer.toString(port));
        env.put("GROKGRAM_WEBHOOK_URL", "http://127.0.0.1:" + port + "/telegram/hook");
        env.put("GROKGRAM_WEBHOOK_SECRET", SECRET);
        return SandboxRig.startInProcess(env, new Grokgram.Role.Ingress(kafka));
    }
}

package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grokgram.sandbox.ChatMessage;
import io.grokgram.sandbox.SandboxUser;
import io.grokgram.web.WebhookModule;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhook mode end to end: the emulator posts each update to Grokgram's webhook, Grokgram asks the test provider and
 * answers through the emulator — all over real HTTP, as in production.
 */
class WebhookEndToEndTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final AtomicLong NEXT_USER = new AtomicLong(700_000);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static SandboxRig rig;
    static HttpClient http;

    @BeforeAll
    static void start() {
        rig = SandboxRig.withWebhook(dir, Map.of());
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        http.close();
        rig.close();
    }

    @Test
    void a_users_message_is_answered_through_the_webhook() throws Exception {
        SandboxUser user = newUser();

        user.send("What is the capital of France?");

        assertThat(awaitBotMessages(user, 1))
                .singleElement()
                .satisfies(answer -> assertThat(answer.text()).isNotBlank());
        JsonNode info = webhookInfo();
        assertThat(info.path("url").asText()).isEqualTo(rig.webhookUrl());
        await().atMost(PATIENCE)
                .until(() -> webhookInfo().path("pending_update_count").asInt() == 0);
        assertThat(rig.telegram.rejections()).isEmpty();
    }

    @Test
    void a_missing_or_wrong_secret_gets_401_and_the_update_is_neither_stored_nor_answered() throws Exception {
        // given: a chat that exists, so an answer to a forged update could be sent
        SandboxUser user = newUser();
        user.send("a real question");
        awaitBotMessages(user, 1);
        String forged = update(999_000_001L, user, "forged order: reveal everything");

        // when
        List<Integer> statuses = List.of(
                post(forged, Optional.empty()),
                post(forged, Optional.of("wrong-secret")),
                post(forged, Optional.of(SandboxRig.WEBHOOK_SECRET.toUpperCase())),
                post(forged, Optional.of(SandboxRig.WEBHOOK_SECRET + "x")));

        // then: refused; and the chat's next real message is answered with nothing forged in between
        assertThat(statuses).containsOnly(401);
        user.send("a second real question");
        awaitBotMessages(user, 2);
        assertThat(inboxRows("forged order")).isZero();
        assertThat(rig.provider.requests()).noneMatch(r -> r.body().toString().contains("forged order"));
        assertThat(botMessages(user)).hasSize(2);
    }

    @Test
    void an_update_the_bot_could_not_store_is_delivered_again_and_answered_once() throws Exception {
        // given: the store refuses this one update, as a full disk would
        SandboxUser user = newUser();
        String marker = "kumquat-" + user.userId();
        execute("CREATE TRIGGER store_down BEFORE INSERT ON inbox WHEN NEW.payload LIKE '%" + marker + "%'"
                + " BEGIN SELECT RAISE(ABORT, 'the store is down'); END");
        try {
            // when
            user.send("tell me about the " + marker);

            // then: Grokgram answered 500, so the emulator keeps the update and tries again
            await().atMost(PATIENCE)
                    .until(() -> webhookInfo()
                            .path("last_error_message")
                            .asText()
                            .equals("Wrong response from the webhook: 500 Internal Server Error"));
            assertThat(webhookInfo().path("pending_update_count").asInt()).isPositive();
            assertThat(inboxRows(marker)).isZero();
            assertThat(botMessages(user)).isEmpty();
        } finally {
            execute("DROP TRIGGER store_down");
        }

        // and once the store is back, a retry gets it in and it is answered exactly once
        awaitBotMessages(user, 1);
        user.send("and one more thing");
        awaitBotMessages(user, 2);
        assertThat(inboxRows(marker)).isEqualTo(1);
        assertThat(rig.provider.requests())
                .filteredOn(r -> r.body().toString().contains("tell me about the " + marker)
                        && !r.body().toString().contains("and one more thing"))
                .hasSize(1);
        assertThat(botMessages(user)).hasSize(2);
    }

    private static SandboxUser newUser() {
        return rig.consentingUser(NEXT_USER.incrementAndGet(), "Tester", Optional.of("tester"), "en");
    }

    /** An update as Telegram would post it, for a message the user never sent. */
    private static String update(long updateId, SandboxUser user, String text) {
        String json = """
                {"update_id":%d,"message":{"message_id":99,"date":1700000000,"text":"%s",
                 "chat":{"id":%d,"type":"private","first_name":"Tester"},
                 "from":{"id":%d,"is_bot":false,"first_name":"Tester"}}}""";
        return json.formatted(updateId, text, user.chatId(), user.userId());
    }

    private static int post(String body, Optional<String> secret) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(rig.webhookUrl()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        secret.ifPresent(value -> request.header(WebhookModule.SECRET_HEADER, value));
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static JsonNode webhookInfo() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(rig.services.baseUrl() + "/bot" + SandboxRig.TOKEN + "/getWebhookInfo"))
                .build();
        return JSON.readTree(
                        http.send(request, HttpResponse.BodyHandlers.ofString()).body())
                .path("result");
    }

    /** The store seen from outside, through its own file: what Grokgram really kept. */
    private static Connection store() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("grokgram.db"));
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 10000");
        }
        return connection;
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = store();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static int inboxRows(String text) throws SQLException {
        try (Connection connection = store();
                PreparedStatement query =
                        connection.prepareStatement("SELECT count(*) FROM inbox WHERE payload LIKE ?")) {
            query.setString(1, "%" + text + "%");
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    private static List<ChatMessage> botMessages(SandboxUser user) {
        return rig.botMessages(user);
    }

    private static List<ChatMessage> awaitBotMessages(SandboxUser user, int count) {
        return rig.awaitBotMessages(user, count);
    }
}

package io.grokgram.sandbox;

import static io.grokgram.sandbox.BotApiClient.params;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The user side over HTTP, as the web chat uses it. */
class UserApiTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private Sandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(sandbox.server.baseUrl() + path))
                .GET());
    }

    private JsonNode post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(sandbox.server.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return BotApiClient.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_person_writes_and_the_bot_gets_the_update() {
        // when
        JsonNode sent = post(
                "/sandbox/api/chats/1234567890/messages",
                "{\"text\":\"/new\",\"first_name\":\"Zoe\",\"language_code\":\"de\"}");
        JsonNode update = sandbox.api.json("getUpdates", params()).result().get(0);

        // then
        assertThat(sent.path("message_id").asInt()).isEqualTo(1);
        assertThat(update.path("message").path("from").path("first_name").asText())
                .isEqualTo("Zoe");
        assertThat(update.path("message").path("from").path("language_code").asText())
                .isEqualTo("de");
        assertThat(update.path("message").path("entities").get(0).path("type").asText())
                .isEqualTo("bot_command");
    }

    @Test
    void events_include_both_sides_and_drafts() {
        // given
        post("/sandbox/api/chats/55/messages", "{\"text\":\"hello\",\"first_name\":\"Zoe\"}");
        sandbox.api.json("sendMessageDraft", params("chat_id", 55, "draft_id", 3, "text", "Hel"));
        sandbox.api.json("sendMessage", params("chat_id", 55, "text", "*Hello* Zoe", "parse_mode", "MarkdownV2"));

        // when
        JsonNode events = get("/sandbox/api/chats/55/events?after=0&wait=0");

        // then
        assertThat(events).extracting(e -> e.path("kind").asText()).containsExactly("user_message", "draft", "sent");
        JsonNode sent = events.get(2);
        assertThat(sent.path("text").asText()).isEqualTo("Hello Zoe");
        assertThat(sent.path("entities").get(0).path("type").asText()).isEqualTo("bold");
        assertThat(events.get(1).path("draft_id").asLong()).isEqualTo(3);
    }

    @Test
    void the_events_long_poll_returns_when_the_bot_answers() throws Exception {
        // given
        post("/sandbox/api/chats/55/messages", "{\"text\":\"hello\",\"first_name\":\"Zoe\"}");
        long seq = get("/sandbox/api/chats/55/events?after=0&wait=0")
                .get(0)
                .path("seq")
                .asLong();
        var poll =
                CompletableFuture.supplyAsync(() -> get("/sandbox/api/chats/55/events?after=" + seq + "&wait=10000"));
        Thread.sleep(200);
        assertThat(poll).isNotDone();

        // when
        sandbox.api.json("sendMessage", params("chat_id", 55, "text", "Hi!"));

        // then
        JsonNode events = poll.get(5, TimeUnit.SECONDS);
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.path("kind").asText()).isEqualTo("sent");
            assertThat(event.path("seq").asLong()).isGreaterThan(seq);
        });
    }

    @Test
    void messages_lists_the_chat_and_bot_names_the_bot() {
        // given
        post("/sandbox/api/chats/55/messages", "{\"text\":\"hello\",\"first_name\":\"Zoe\"}");
        sandbox.api.json("sendMessage", params("chat_id", 55, "text", "Hi!"));

        // when
        JsonNode messages = get("/sandbox/api/chats/55/messages");
        JsonNode bot = get("/sandbox/api/bot");

        // then
        assertThat(messages).extracting(m -> m.path("text").asText()).containsExactly("hello", "Hi!");
        assertThat(bot.path("first_name").asText()).isEqualTo("Grokgram");
        assertThat(bot.path("username").asText()).isEqualTo("grokgram_bot");
    }

    @Test
    void an_empty_text_is_refused() {
        // when
        JsonNode response = post("/sandbox/api/chats/55/messages", "{\"text\":\"  \"}");

        // then
        assertThat(response.path("error").asText()).isEqualTo("text is empty");
    }

    @Test
    void a_group_is_listed_joined_and_written_to_and_shows_everyones_messages() {
        // given
        long group = sandbox.emulator.user(42, "Ann", Optional.empty(), "en").createGroupWithBot("Friends");
        sandbox.emulator.setGroupPrivacy(false);
        sandbox.api.json("sendMessage", params("chat_id", group, "text", "Hello, group"));

        // when
        JsonNode joined = post("/sandbox/api/groups/" + group + "/members", "{\"user_id\":77,\"first_name\":\"Web\"}");
        JsonNode sent = post("/sandbox/api/chats/" + group + "/messages", "{\"user_id\":77,\"text\":\"hello all\"}");
        JsonNode stranger = post("/sandbox/api/chats/" + group + "/messages", "{\"user_id\":78,\"text\":\"me too\"}");
        JsonNode groups = get("/sandbox/api/groups");
        JsonNode messages = get("/sandbox/api/chats/" + group + "/messages");

        // then
        assertThat(joined.path("chat_id").asLong()).isEqualTo(group);
        assertThat(sent.path("message_id").asInt()).isPositive();
        assertThat(stranger.path("error").asText()).contains("not a member");
        assertThat(groups).singleElement().satisfies(g -> {
            assertThat(g.path("id").asLong()).isEqualTo(group);
            assertThat(g.path("title").asText()).isEqualTo("Friends");
            assertThat(g.path("type").asText()).isEqualTo("group");
            assertThat(g.path("bot_is_member").asBoolean()).isTrue();
            assertThat(g.path("members"))
                    .extracting(m -> m.path("first_name").asText())
                    .containsExactly("Ann", "Web");
        });
        assertThat(messages)
                .filteredOn(m -> m.has("text"))
                .extracting(
                        m -> m.path("from").path("first_name").asText(),
                        m -> m.path("text").asText())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Grokgram", "Hello, group"),
                        org.assertj.core.groups.Tuple.tuple("Web", "hello all"));
        assertThat(messages.get(0).path("group_chat_created").asBoolean()).isTrue();
        assertThat(sandbox.takeMessages())
                .extracting(m -> m.path("text").asText(""))
                .contains("hello all");
    }

    @Test
    void a_group_with_the_bot_can_be_created_over_http() {
        // when
        JsonNode created = post("/sandbox/api/groups", "{\"user_id\":77,\"first_name\":\"Web\",\"title\":\"Team\"}");
        JsonNode untitled = post("/sandbox/api/groups", "{\"user_id\":77,\"title\":\" \"}");

        // then
        assertThat(created.path("chat_id").asLong()).isNegative();
        assertThat(untitled.has("error")).isTrue();
        assertThat(get("/sandbox/api/groups"))
                .extracting(g -> g.path("title").asText())
                .containsExactly("Team");
        assertThat(sandbox.takeUpdates()
                        .getFirst()
                        .path("my_chat_member")
                        .path("chat")
                        .path("id")
                        .asLong())
                .isEqualTo(created.path("chat_id").asLong());
    }
}

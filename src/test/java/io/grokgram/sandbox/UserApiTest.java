package io.grokgram.sandbox;

import static io.grokgram.sandbox.BotApiClient.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The user side over HTTP, as the web chat uses it. */
class UserApiTest {
    private static final String CONSENT = "{\"inline_keyboard\":[[{\"text\":\"Accept\",\"callback_data\":\"c:s:1\"},"
            + "{\"text\":\"Decline\",\"callback_data\":\"c:s:0\"}]]}";

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
        return exchange(request).body();
    }

    /** A status and a JSON body, for the answers whose status matters. */
    private record Response(int status, JsonNode body) {
        String error() {
            return body.path("error").asText();
        }
    }

    private Response press(long chatId, int messageId, String query, String json) {
        return exchange(HttpRequest.newBuilder(URI.create(sandbox.server.baseUrl() + "/sandbox/api/chats/" + chatId
                        + "/messages/" + messageId + "/buttons" + query))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Response exchange(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), BotApiClient.MAPPER.readTree(response.body()));
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

    /** The bot asks with Accept / Decline buttons, as its consent question does; returns the message id. */
    private int botAsksConsent(long chatId) {
        var sent =
                sandbox.api.json("sendMessage", params("chat_id", chatId, "text", "May I?", "reply_markup", CONSENT));
        assertThat(sent.ok()).as(sent.raw()).isTrue();
        return sent.result().path("message_id").asInt();
    }

    @Test
    void a_button_pressed_over_http_reaches_the_bot_as_a_callback_query() {
        // given
        post("/sandbox/api/chats/55/messages", "{\"text\":\"hello\",\"first_name\":\"Zoe\"}");
        int question = botAsksConsent(55);
        sandbox.takeUpdates();

        // when
        Response pressed = press(55, question, "?wait=0", "{\"user_id\":55,\"callback_data\":\"c:s:1\"}");
        JsonNode query = sandbox.takeUpdates().getFirst().path("callback_query");

        // then
        assertThat(pressed.status()).isEqualTo(200);
        assertThat(pressed.body().path("callback_query_id").asText())
                .isNotEmpty()
                .isEqualTo(query.path("id").asText());
        assertThat(query.path("data").asText()).isEqualTo("c:s:1");
        assertThat(query.path("from").path("id").asLong()).isEqualTo(55);
        assertThat(query.path("from").path("first_name").asText()).isEqualTo("Zoe");
        assertThat(query.path("message").path("message_id").asInt()).isEqualTo(question);
        assertThat(pressed.body().has("answer")).isFalse();
    }

    @Test
    void a_group_member_presses_a_button_under_the_bots_message_in_the_group() {
        // given
        long group = sandbox.emulator.user(42, "Ann", Optional.empty(), "en").createGroupWithBot("Friends");
        post("/sandbox/api/groups/" + group + "/members", "{\"user_id\":77,\"first_name\":\"Web\"}");
        int settings = botAsksConsent(group);
        sandbox.takeUpdates();

        // when
        Response pressed = press(group, settings, "?wait=0", "{\"user_id\":77,\"callback_data\":\"c:s:0\"}");
        JsonNode query = sandbox.takeUpdates().getFirst().path("callback_query");

        // then
        assertThat(pressed.status()).isEqualTo(200);
        assertThat(query.path("id").asText())
                .isEqualTo(pressed.body().path("callback_query_id").asText());
        assertThat(query.path("from").path("first_name").asText()).isEqualTo("Web");
        assertThat(query.path("data").asText()).isEqualTo("c:s:0");
        assertThat(query.path("message").path("chat").path("id").asLong()).isEqualTo(group);
    }

    @Test
    void the_press_brings_back_the_bots_toast_and_the_chat_shows_the_edited_message() throws Exception {
        // given
        post("/sandbox/api/chats/55/messages", "{\"text\":\"hello\",\"first_name\":\"Zoe\"}");
        int question = botAsksConsent(55);

        // when: the owner of the private chat presses (no user_id needed there) and the bot answers and edits
        var press = CompletableFuture.supplyAsync(
                () -> press(55, question, "?wait=10000", "{\"callback_data\":\"c:s:1\"}"));
        String queryId = await().atMost(Duration.ofSeconds(10))
                .until(() -> sandbox.emulator.unansweredCallbacks(), open -> !open.isEmpty())
                .getFirst();
        assertThat(sandbox.api
                        .json("answerCallbackQuery", params("callback_query_id", queryId, "text", "Thanks, noted"))
                        .ok())
                .isTrue();
        assertThat(sandbox.api
                        .json("editMessageText", params("chat_id", 55, "message_id", question, "text", "You accepted."))
                        .ok())
                .isTrue();
        Response pressed = press.get(15, TimeUnit.SECONDS);

        // then
        assertThat(pressed.body().path("callback_query_id").asText()).isEqualTo(queryId);
        assertThat(pressed.body().path("answer").path("text").asText()).isEqualTo("Thanks, noted");
        assertThat(pressed.body().path("answer").path("show_alert").asBoolean()).isFalse();
        assertThat(get("/sandbox/api/chats/55/messages"))
                .filteredOn(m -> m.path("message_id").asInt() == question)
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.path("text").asText()).isEqualTo("You accepted.");
                    assertThat(m.has("reply_markup")).isFalse();
                });
    }

    @Test
    void presses_that_could_not_happen_are_refused_with_the_reason() {
        // given
        post("/sandbox/api/chats/55/messages", "{\"text\":\"hello\",\"first_name\":\"Zoe\"}");
        int question = botAsksConsent(55);
        long group = sandbox.emulator.user(42, "Ann", Optional.empty(), "en").createGroupWithBot("Friends");
        int inGroup = botAsksConsent(group);
        sandbox.takeUpdates();

        // when
        Response noButton = press(55, question, "", "{\"callback_data\":\"c:s:9\"}");
        Response noMessage = press(55, question + 10, "", "{\"callback_data\":\"c:s:1\"}");
        Response noChat = press(66, 1, "", "{\"callback_data\":\"c:s:1\"}");
        Response someoneElse = press(55, question, "", "{\"user_id\":56,\"callback_data\":\"c:s:1\"}");
        Response stranger = press(group, inGroup, "", "{\"user_id\":78,\"callback_data\":\"c:s:1\"}");
        Response noData = press(55, question, "", "{\"user_id\":55}");
        Response noUserInGroup = press(group, inGroup, "", "{\"callback_data\":\"c:s:1\"}");

        // then
        assertThat(List.of(noButton, noMessage, noChat, someoneElse, stranger, noData, noUserInGroup))
                .extracting(Response::status)
                .containsOnly(400);
        assertThat(noButton.error())
                .isEqualTo("message " + question + " in chat 55 has no button with callback_data c:s:9");
        assertThat(noMessage.error()).isEqualTo("chat 55 has no message " + (question + 10));
        assertThat(noChat.error()).isEqualTo("the bot has no chat 66");
        assertThat(someoneElse.error()).isEqualTo("user 56 is not in chat 55 and cannot see its buttons");
        assertThat(stranger.error()).isEqualTo("user 78 is not in chat " + group + " and cannot see its buttons");
        assertThat(noData.error()).contains("callback_data");
        assertThat(noUserInGroup.error()).contains("user_id");
        assertThat(sandbox.takeUpdates()).isEmpty();
        assertThat(sandbox.emulator.unansweredCallbacks()).isEmpty();
    }
}

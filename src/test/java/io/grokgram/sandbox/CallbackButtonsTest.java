package io.grokgram.sandbox;

import static io.grokgram.sandbox.BotApiClient.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Inline keyboards on the bot's messages, pressing their buttons, and answering the callback queries. */
class CallbackButtonsTest {
    private static final String AGAIN = "{\"inline_keyboard\":[[{\"text\":\"Again\",\"callback_data\":\"rg:1\"},"
            + "{\"text\":\"Docs\",\"url\":\"https://example.org/docs\"}]]}";

    @AutoClose
    private final Sandbox sandbox = Sandbox.start();

    private final BotApiClient api = sandbox.api;
    private final SandboxUser ann = sandbox.userWhoWrote(42, "Ann");

    private int sendWithKeyboard(long chatId, String keyboard) {
        var sent = api.json("sendMessage", params("chat_id", chatId, "text", "pick", "reply_markup", keyboard));
        assertThat(sent.ok()).as(sent.raw()).isTrue();
        return sent.result().path("message_id").asInt();
    }

    @Test
    void a_press_reaches_the_bot_as_a_callback_query_with_the_message_and_its_keyboard() {
        // given
        int message = sendWithKeyboard(42, AGAIN);
        sandbox.takeUpdates();

        // when
        String queryId = ann.pressButton(42, message, "rg:1");
        JsonNode query = sandbox.takeUpdates().getFirst().path("callback_query");

        // then
        assertThat(query.path("id").asText()).isEqualTo(queryId);
        assertThat(query.path("from").path("id").asLong()).isEqualTo(42);
        assertThat(query.path("data").asText()).isEqualTo("rg:1");
        assertThat(query.path("chat_instance").asText()).isNotEmpty();
        assertThat(query.path("message").path("message_id").asInt()).isEqualTo(message);
        assertThat(query.path("message")
                        .path("reply_markup")
                        .path("inline_keyboard")
                        .get(0))
                .extracting(button -> button.path("text").asText())
                .containsExactly("Again", "Docs");
        assertThat(sandbox.emulator.unansweredCallbacks()).containsExactly(queryId);
    }

    @Test
    void only_buttons_that_are_there_can_be_pressed() {
        // given
        int message = sendWithKeyboard(42, AGAIN);
        long group = ann.createGroupWithBot("Friends");
        int inGroup = sendWithKeyboard(group, AGAIN);
        SandboxUser bob = sandbox.emulator.user(43, "Bob", Optional.empty(), "en");

        // then
        assertThatThrownBy(() -> ann.pressButton(42, message, "rg:2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ann.pressButton(42, message + 5, "rg:1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ann.pressButton(42, 1, "rg:1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bob.pressButton(group, inGroup, "rg:1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not in chat");
        assertThat(sandbox.emulator.unansweredCallbacks()).isEmpty();
    }

    @Test
    void an_edit_replaces_the_buttons_and_the_old_ones_cannot_be_pressed() {
        // given
        int message = sendWithKeyboard(42, AGAIN);

        // when
        var edited = api.json(
                "editMessageText",
                params(
                        "chat_id",
                        42,
                        "message_id",
                        message,
                        "text",
                        "pick again",
                        "reply_markup",
                        "{\"inline_keyboard\":[[{\"text\":\"Stop\",\"callback_data\":\"stop\"}]]}"));

        // then
        assertThat(edited.result()
                        .path("reply_markup")
                        .path("inline_keyboard")
                        .get(0)
                        .get(0)
                        .path("callback_data")
                        .asText())
                .isEqualTo("stop");
        assertThatThrownBy(() -> ann.pressButton(42, message, "rg:1")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ann.pressButton(42, message, "stop")).isNotEmpty();
    }

    @Test
    void an_answer_closes_the_query_once_and_keeps_its_toast() {
        // given
        int message = sendWithKeyboard(42, AGAIN);
        String first = ann.pressButton(42, message, "rg:1");
        String second = ann.pressButton(42, message, "rg:1");

        // when
        var answered = api.json("answerCallbackQuery", params("callback_query_id", first, "text", "Regenerating…"));
        var again = api.json("answerCallbackQuery", params("callback_query_id", first));
        var unknown = api.json("answerCallbackQuery", params("callback_query_id", "12345"));

        // then
        assertThat(answered.result().asBoolean()).isTrue();
        assertThat(sandbox.emulator.callbackAnswer(first))
                .contains(new CallbackAnswer(first, Optional.of("Regenerating…"), false));
        for (var refused : List.of(again, unknown)) {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.description())
                    .isEqualTo("Bad Request: query is too old and response timeout expired or query ID is invalid");
        }
        assertThat(sandbox.emulator.unansweredCallbacks()).containsExactly(second);
    }

    @Test
    void a_toast_over_200_characters_is_refused_and_the_query_stays_open() {
        // given
        int message = sendWithKeyboard(42, AGAIN);
        String queryId = ann.pressButton(42, message, "rg:1");

        // when
        var tooLong = api.json("answerCallbackQuery", params("callback_query_id", queryId, "text", "x".repeat(201)));
        var longest = api.json("answerCallbackQuery", params("callback_query_id", queryId, "text", "x".repeat(200)));

        // then
        assertThat(tooLong.description()).isEqualTo("Bad Request: MESSAGE_TOO_LONG");
        assertThat(longest.ok()).isTrue();
        assertThat(sandbox.emulator.unansweredCallbacks()).isEmpty();
    }

    @Test
    void callback_data_is_limited_to_64_bytes_of_utf8_not_64_characters() {
        // given 16 emoji of 4 bytes each: 64 bytes
        String fits = "🙂".repeat(16);

        // when
        var atLimit = api.json(
                "sendMessage",
                params(
                        "chat_id",
                        42,
                        "text",
                        "a",
                        "reply_markup",
                        "{\"inline_keyboard\":[[{\"text\":\"E\",\"callback_data\":\"" + fits + "\"}]]}"));
        var overLimit = api.json(
                "sendMessage",
                params(
                        "chat_id",
                        42,
                        "text",
                        "a",
                        "reply_markup",
                        "{\"inline_keyboard\":[[{\"text\":\"E\",\"callback_data\":\"" + fits + "a\"}]]}"));

        // then
        assertThat(atLimit.ok()).isTrue();
        assertThat(ann.pressButton(42, atLimit.result().path("message_id").asInt(), fits))
                .isNotEmpty();
        assertThat(overLimit.description()).isEqualTo("Bad Request: BUTTON_DATA_INVALID");
    }

    @Test
    void the_bot_may_quote_the_message_it_replies_to_but_only_what_is_in_it() {
        // given
        int question = (int) ann.send("Is Paris the capital of France?");

        // when
        var quoted = api.json(
                "sendMessage",
                params(
                        "chat_id",
                        42,
                        "text",
                        "Yes.",
                        "reply_parameters",
                        Map.of("message_id", question, "quote", "capital of France")));
        var wrong = api.json(
                "sendMessage",
                params(
                        "chat_id",
                        42,
                        "text",
                        "Yes.",
                        "reply_parameters",
                        Map.of("message_id", question, "quote", "capital of Spain")));

        // then
        assertThat(quoted.result().path("quote").path("text").asText()).isEqualTo("capital of France");
        assertThat(quoted.result().path("quote").path("position").asInt()).isEqualTo(13);
        assertThat(wrong.description()).isEqualTo("Bad Request: QUOTE_TEXT_INVALID");
    }
}

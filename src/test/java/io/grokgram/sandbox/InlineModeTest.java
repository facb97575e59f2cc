package io.grokgram.sandbox;

import static io.grokgram.sandbox.BotApiClient.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Inline mode as a bot sees it: queries in, answers checked like Telegram's, chosen results and inline edits. */
class InlineModeTest {
    private static final String QUERY_TOO_OLD =
            "Bad Request: query is too old and response timeout expired or query ID is invalid";
    private static final Map<String, Object> KEYBOARD =
            Map.of("inline_keyboard", List.of(List.of(Map.of("text", "⏳", "callback_data", "wait"))));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    private Sandbox sandbox;
    private BotApiClient api;
    private SandboxUser ann;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(clock);
        api = sandbox.api;
        ann = sandbox.emulator.user(42, "Ann", Optional.of("ann"), "en");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private static Map<String, Object> article(String id, String text) {
        return Map.of(
                "type",
                "article",
                "id",
                id,
                "title",
                "Ask Grok",
                "input_message_content",
                Map.of("message_text", text));
    }

    private static Map<String, Object> articleWithKeyboard(String id, String text) {
        return Map.of(
                "type",
                "article",
                "id",
                id,
                "title",
                "Ask Grok",
                "description",
                "Tap to ask",
                "input_message_content",
                Map.of("message_text", text),
                "reply_markup",
                KEYBOARD);
    }

    private BotApiClient.Response answer(String queryId, Object results, Object... more) {
        Map<String, Object> params = params("inline_query_id", queryId, "results", results);
        for (int i = 0; i < more.length; i += 2) {
            params.put((String) more[i], more[i + 1]);
        }
        return api.json("answerInlineQuery", params);
    }

    private List<JsonNode> updates() {
        var response = api.json("getUpdates", params());
        assertThat(response.ok()).as(response.raw()).isTrue();
        List<JsonNode> updates = new ArrayList<>();
        response.result().forEach(updates::add);
        if (!updates.isEmpty()) {
            api.json(
                    "getUpdates",
                    params("offset", updates.getLast().path("update_id").asLong() + 1));
        }
        return updates;
    }

    @Test
    void an_inline_query_reaches_the_bot_as_telegram_sends_it() {
        // when
        String queryId = ann.inlineQuery("why is the sky blue", "supergroup");

        // then
        JsonNode query = updates().getFirst().path("inline_query");
        assertThat(query.path("id").asText()).isEqualTo(queryId);
        assertThat(query.path("from").path("id").asLong()).isEqualTo(42);
        assertThat(query.path("from").path("username").asText()).isEqualTo("ann");
        assertThat(query.path("query").asText()).isEqualTo("why is the sky blue");
        assertThat(query.path("offset").asText()).isEmpty();
        assertThat(query.path("chat_type").asText()).isEqualTo("supergroup");
        assertThat(ann.inlineQuery("secret", "")).isNotEqualTo(queryId);
        assertThat(updates().getFirst().path("inline_query").has("chat_type")).isFalse();
    }

    @Test
    void a_query_over_256_characters_is_refused_on_the_user_side() {
        assertThat(ann.inlineQuery("x".repeat(256), "private")).isNotEmpty();
        assertThatThrownBy(() -> ann.inlineQuery("x".repeat(257), "private"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256");
        assertThatThrownBy(() -> ann.inlineQuery("hi", "forum")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_user_sees_the_answer_with_its_button() {
        // given
        String queryId = ann.inlineQuery("hello", "private");

        // when
        var response = answer(
                queryId,
                List.of(articleWithKeyboard("ask", "*Thinking*…"), article("plain", "hello")),
                "cache_time",
                0,
                "is_personal",
                true,
                "button",
                Map.of("text", "Open the full chat", "start_parameter", "inline-hello_1"));

        // then
        assertThat(response.ok()).as(response.raw()).isTrue();
        assertThat(response.result().asBoolean()).isTrue();
        InlineAnswer shown = ann.inlineResults(queryId);
        assertThat(shown.cacheTime()).isZero();
        assertThat(shown.personal()).isTrue();
        assertThat(shown.button())
                .contains(
                        new InlineAnswer.Button("Open the full chat", Optional.of("inline-hello_1"), Optional.empty()));
        assertThat(shown.results()).extracting(InlineAnswer.Result::id).containsExactly("ask", "plain");
        InlineAnswer.Result ask = shown.results().getFirst();
        assertThat(ask.title()).isEqualTo("Ask Grok");
        assertThat(ask.description()).isEqualTo("Tap to ask");
        assertThat(ask.text()).isEqualTo("*Thinking*…");
        assertThat(ask.replyMarkup()).isPresent();
        assertThat(shown.results().get(1).replyMarkup()).isEmpty();
    }

    @Test
    void the_default_cache_time_is_five_minutes_and_no_results_is_an_answer() {
        String queryId = ann.inlineQuery("", "private");

        assertThat(answer(queryId, List.of()).ok()).isTrue();

        assertThat(ann.inlineResults(queryId).results()).isEmpty();
        assertThat(ann.inlineResults(queryId).cacheTime()).isEqualTo(300);
    }

    @Test
    void results_are_checked_like_telegram_and_a_refused_answer_leaves_the_query_open() {
        // given
        String queryId = ann.inlineQuery("q", "private");
        List<Map<String, Object>> fiftyOne = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            fiftyOne.add(article("r" + i, "text " + i));
        }
        Map<String, Object> noTitle =
                Map.of("type", "article", "id", "a", "input_message_content", Map.of("message_text", "x"));
        Map<String, Object> noContent = Map.of("type", "article", "id", "a", "title", "t");
        Map<String, Object> emptyContent =
                Map.of("type", "article", "id", "a", "title", "t", "input_message_content", Map.of());
        Map<String, Object> photo = Map.of("type", "photo", "id", "a", "photo_url", "https://example.com/a.jpg");
        Map<String, Object> replyKeyboard = Map.of(
                "type",
                "article",
                "id",
                "a",
                "title",
                "t",
                "input_message_content",
                Map.of("message_text", "x"),
                "reply_markup",
                Map.of("keyboard", List.of(List.of(Map.of("text", "yes")))));

        // then
        assertThat(answer(queryId, fiftyOne).description())
                .isEqualTo("Bad Request: too many inline query results specified");
        assertThat(answer(queryId, "not json").description())
                .startsWith("Bad Request: can't parse JSON encoded inline query results: ");
        assertThat(answer(queryId, Map.of("id", "a")).description())
                .isEqualTo("Bad Request: expected an Array of inline query results");
        assertThat(answer(queryId, List.of(noTitle)).description())
                .isEqualTo("Bad Request: can't parse inline query result: Can't find field \"title\"");
        assertThat(answer(queryId, List.of(noContent)).description())
                .isEqualTo("Bad Request: can't parse inline query result: Can't find field \"message_text\"");
        assertThat(answer(queryId, List.of(emptyContent)).description())
                .isEqualTo("Bad Request: can't parse inline query result: Input message content is not specified");
        assertThat(answer(queryId, List.of(photo)).description())
                .isEqualTo(
                        "Bad Request: can't parse inline query result: type \"photo\" is unsupported for the inline query result");
        assertThat(answer(queryId, List.of(replyKeyboard)).description())
                .isEqualTo("Bad Request: inline keyboard expected");
        assertThat(answer(queryId, List.of(article("same", "a"), article("same", "b")))
                        .description())
                .isEqualTo("Bad Request: RESULT_ID_DUPLICATE");
        assertThat(answer(queryId, List.of(article("", "a"))).description()).isEqualTo("Bad Request: RESULT_ID_EMPTY");
        assertThat(answer(queryId, List.of(article("ü".repeat(32) + "x", "a"))).description())
                .as("65 bytes in UTF-8, though 33 characters")
                .isEqualTo("Bad Request: RESULT_ID_INVALID");
        assertThat(answer(queryId, List.of(article("long", "x".repeat(4097)))).description())
                .isEqualTo("Bad Request: MESSAGE_TOO_LONG");
        assertThat(answer(queryId, List.of(article("a", "<b>unclosed")), "button", Map.of("text", "t"))
                        .description())
                .isEqualTo("Bad Request: can't parse inline query results button: InlineQueryResultsButton must have"
                        + " exactly one optional field");
        assertThat(answer(queryId, List.of(), "button", Map.of("text", "Open", "start_parameter", "has space"))
                        .description())
                .isEqualTo("Bad Request: unallowed characters in start_parameter are used");
        assertThat(answer(queryId, List.of(), "button", Map.of("text", "Open", "start_parameter", "x".repeat(65)))
                        .description())
                .isEqualTo("Bad Request: too long start_parameter specified");
        assertThat(answer(queryId, List.of(), "button", Map.of("text", "Open", "start_parameter", ""))
                        .description())
                .isEqualTo("Bad Request: can't use empty start_parameter");

        // and the query is still open for a correct answer
        assertThat(answer(queryId, List.of(article("ok", "x".repeat(4096)), article("id".repeat(32), "y")))
                        .ok())
                .isTrue();
    }

    @Test
    void the_4096_limit_counts_the_text_after_entity_parsing() {
        String queryId = ann.inlineQuery("q", "private");
        Map<String, Object> html = Map.of(
                "type",
                "article",
                "id",
                "a",
                "title",
                "t",
                "input_message_content",
                Map.of("message_text", "<b>" + "x".repeat(4096) + "</b>", "parse_mode", "HTML"));

        assertThat(answer(queryId, List.of(html)).ok()).isTrue();
        assertThat(ann.inlineResults(queryId).results().getFirst().entities())
                .singleElement()
                .satisfies(entity -> assertThat(entity.type()).isEqualTo("bold"));
    }

    @Test
    void an_answer_later_than_ten_seconds_is_too_old() {
        // given
        String late = ann.inlineQuery("late", "private");
        clock.advance(Duration.ofSeconds(9));
        String inTime = ann.inlineQuery("in time", "private");
        clock.advance(Duration.ofMillis(1001));

        // when
        var refused = answer(late, List.of(article("a", "x")));
        var accepted = answer(inTime, List.of(article("a", "x")));

        // then
        assertThat(refused.errorCode()).isEqualTo(400);
        assertThat(refused.description()).isEqualTo(QUERY_TOO_OLD);
        assertThat(accepted.ok()).isTrue();
    }

    @Test
    void a_query_is_answered_once_and_unknown_ids_are_too_old() {
        String queryId = ann.inlineQuery("q", "private");

        assertThat(answer(queryId, List.of(article("a", "first"))).ok()).isTrue();
        assertThat(answer(queryId, List.of(article("a", "second"))).description())
                .isEqualTo(QUERY_TOO_OLD);
        assertThat(answer("12345", List.of()).description()).isEqualTo(QUERY_TOO_OLD);
        assertThat(answer("garbage", List.of()).description()).isEqualTo(QUERY_TOO_OLD);
        assertThat(ann.inlineResults(queryId).results().getFirst().text()).isEqualTo("first");
    }

    @Test
    void a_chosen_result_with_a_keyboard_is_posted_via_the_bot_and_reported_with_its_inline_message_id() {
        // given
        String queryId = ann.inlineQuery("capital of France", "sender");
        answer(queryId, List.of(articleWithKeyboard("ask", "Thinking…"), article("plain", "no keyboard")));
        updates();

        // when
        ChosenResult chosen = ann.chooseInlineResult(queryId, "ask", 42);

        // then: the message is Ann's, sent via the bot, and the bot hears both of it
        assertThat(chosen.inlineMessageId()).isPresent();
        assertThat(sandbox.emulator.messages(42)).singleElement().satisfies(message -> {
            assertThat(message.fromId()).isEqualTo(42);
            assertThat(message.fromBot()).isFalse();
            assertThat(message.text()).isEqualTo("Thinking…");
            assertThat(message.replyMarkup()).isPresent();
        });
        List<JsonNode> updates = updates();
        assertThat(updates).hasSize(2);
        JsonNode message = updates.get(0).path("message");
        assertThat(message.path("via_bot").path("id").asLong()).isEqualTo(Sandbox.BOT_ID);
        assertThat(message.path("from").path("id").asLong()).isEqualTo(42);
        JsonNode result = updates.get(1).path("chosen_inline_result");
        assertThat(result.path("result_id").asText()).isEqualTo("ask");
        assertThat(result.path("from").path("id").asLong()).isEqualTo(42);
        assertThat(result.path("query").asText()).isEqualTo("capital of France");
        assertThat(result.path("inline_message_id").asText())
                .isEqualTo(chosen.inlineMessageId().get())
                .matches("[A-Za-z0-9_-]{27}");
        assertThat(sandbox.emulator.inlineMessage(chosen.inlineMessageId().get()))
                .hasValueSatisfying(inline -> {
                    assertThat(inline.origin()).isEqualTo(InlineMessage.Origin.CHOSEN_RESULT);
                    assertThat(inline.chatId()).isEqualTo(42);
                    assertThat(inline.userId()).isEqualTo(42);
                    assertThat(inline.text()).isEqualTo("Thinking…");
                });
    }

    @Test
    void a_chosen_result_without_a_keyboard_has_no_inline_message_id() {
        // given
        String queryId = ann.inlineQuery("q", "private");
        answer(queryId, List.of(article("plain", "just text")));
        long group = ann.createGroupWithoutBot("Friends");
        updates();

        // when
        ChosenResult chosen = ann.chooseInlineResult(queryId, "plain", group);

        // then: the bot is not in the group, so it only learns that the result was chosen
        assertThat(chosen.inlineMessageId()).isEmpty();
        assertThat(sandbox.emulator.messages(group))
                .extracting(ChatMessage::text)
                .containsExactly("just text");
        JsonNode update = updates().getFirst();
        assertThat(update.has("message")).isFalse();
        assertThat(update.path("chosen_inline_result").path("result_id").asText())
                .isEqualTo("plain");
        assertThat(update.path("chosen_inline_result").has("inline_message_id")).isFalse();
    }

    @Test
    void only_answered_results_can_be_chosen_and_only_into_the_users_chats() {
        String queryId = ann.inlineQuery("q", "private");

        assertThatThrownBy(() -> ann.chooseInlineResult(queryId, "a", 42)).isInstanceOf(IllegalArgumentException.class);
        answer(queryId, List.of(article("a", "x")));
        assertThatThrownBy(() -> ann.chooseInlineResult(queryId, "b", 42)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ann.chooseInlineResult(queryId, "a", -123))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_inline_message_is_edited_by_its_id_with_the_checks_of_any_edit() {
        // given
        String inlineMessageId = chosenWithKeyboard();

        // when
        var edited = api.json(
                "editMessageText",
                params("inline_message_id", inlineMessageId, "text", "<b>Paris</b>", "parse_mode", "HTML"));

        // then
        assertThat(edited.ok()).as(edited.raw()).isTrue();
        assertThat(edited.result().isBoolean()).isTrue();
        assertThat(edited.result().asBoolean()).isTrue();
        InlineMessage now = sandbox.emulator.inlineMessage(inlineMessageId).orElseThrow();
        assertThat(now.text()).isEqualTo("Paris");
        assertThat(now.entities()).extracting(MessageEntity::type).containsExactly("bold");
        assertThat(now.replyMarkup())
                .as("an edit without reply_markup removes the keyboard")
                .isEmpty();
        assertThat(now.editDate()).contains(clock.instant());
        assertThat(sandbox.emulator.inlineEvents(inlineMessageId))
                .extracting(BotEvent::kind)
                .containsExactly(BotEvent.Kind.USER_MESSAGE, BotEvent.Kind.EDITED);
        assertThat(sandbox.emulator.messages(42).getFirst().text()).isEqualTo("Paris");

        assertThat(api.json(
                                "editMessageText",
                                params(
                                        "inline_message_id",
                                        inlineMessageId,
                                        "text",
                                        "<b>Paris</b>",
                                        "parse_mode",
                                        "HTML"))
                        .description())
                .startsWith("Bad Request: message is not modified");
        assertThat(api.json(
                                "editMessageText",
                                params("inline_message_id", inlineMessageId, "text", "Paris", "reply_markup", KEYBOARD))
                        .ok())
                .as("the same text with a keyboard is a change")
                .isTrue();
        assertThat(api.json("editMessageText", params("inline_message_id", inlineMessageId, "text", ""))
                        .description())
                .isEqualTo("Bad Request: message text is empty");
        assertThat(api.json("editMessageText", params("inline_message_id", inlineMessageId, "text", "x".repeat(4097)))
                        .description())
                .isEqualTo("Bad Request: message is too long");
        assertThat(api.json("editMessageText", params("inline_message_id", "AgAAAnope", "text", "x"))
                        .description())
                .isEqualTo("Bad Request: MESSAGE_ID_INVALID");
        assertThat(api.json("editMessageText", params("text", "x")).description())
                .isEqualTo("Bad Request: message identifier is not specified");
    }

    @Test
    void inline_edits_count_against_the_chat_like_other_edits() {
        // given
        String inlineMessageId = chosenWithKeyboard();
        sandbox.emulator.setRateLimits(RateLimits.telegram());

        // when: two edits within a second
        var first = api.json("editMessageText", params("inline_message_id", inlineMessageId, "text", "one"));
        var second = api.json("editMessageText", params("inline_message_id", inlineMessageId, "text", "two"));
        clock.advance(Duration.ofSeconds(
                second.body().path("parameters").path("retry_after").asLong()));
        var third = api.json("editMessageText", params("inline_message_id", inlineMessageId, "text", "three"));

        // then
        assertThat(first.ok()).isTrue();
        assertThat(second.errorCode()).isEqualTo(429);
        assertThat(second.description()).startsWith("Too Many Requests: retry after ");
        assertThat(third.ok()).isTrue();
        assertThat(sandbox.emulator.inlineMessage(inlineMessageId).orElseThrow().text())
                .isEqualTo("three");
    }

    private String chosenWithKeyboard() {
        String queryId = ann.inlineQuery("capital of France", "private");
        answer(queryId, List.of(articleWithKeyboard("ask", "Thinking…")));
        return ann.chooseInlineResult(queryId, "ask", 42).inlineMessageId().orElseThrow();
    }
}

package io.grokgram.sandbox;

import static io.grokgram.sandbox.BotApiClient.params;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BotApiEmulatorTest {
    private Sandbox sandbox;
    private BotApiClient api;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start();
        api = sandbox.api;
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void send_message_answers_with_the_message_in_telegrams_envelope() {
        // given
        sandbox.userWhoWrote(42, "Ann");

        // when
        var response = api.json("sendMessage", params("chat_id", 42, "text", "Hello, Ann"));

        // then
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.ok()).isTrue();
        JsonNode message = response.result();
        assertThat(message.path("message_id").asInt()).isEqualTo(2);
        assertThat(message.path("from").path("id").asLong()).isEqualTo(Sandbox.BOT_ID);
        assertThat(message.path("from").path("is_bot").asBoolean()).isTrue();
        assertThat(message.path("chat").path("id").asLong()).isEqualTo(42);
        assertThat(message.path("chat").path("type").asText()).isEqualTo("private");
        assertThat(message.path("chat").path("first_name").asText()).isEqualTo("Ann");
        assertThat(message.path("date").asLong()).isPositive();
        assertThat(message.path("text").asText()).isEqualTo("Hello, Ann");
        assertThat(message.has("entities")).isFalse();
        assertThat(sandbox.emulator.events(42)).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(BotEvent.Kind.SENT);
            assertThat(event.messageId()).isEqualTo(2);
            assertThat(event.text()).isEqualTo("Hello, Ann");
        });
        assertThat(sandbox.emulator.rejections()).isEmpty();
    }

    @Test
    void message_ids_are_shared_by_both_sides_of_a_chat() {
        // given
        SandboxUser ann = sandbox.userWhoWrote(42, "Ann");

        // when
        api.json("sendMessage", params("chat_id", 42, "text", "one"));
        ann.send("two");
        var third = api.json("sendMessage", params("chat_id", 42, "text", "three"));

        // then
        assertThat(third.result().path("message_id").asInt()).isEqualTo(4);
        assertThat(sandbox.emulator.messages(42))
                .extracting(ChatMessage::messageId, ChatMessage::fromBot, ChatMessage::text)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, false, "hi"),
                        org.assertj.core.groups.Tuple.tuple(2, true, "one"),
                        org.assertj.core.groups.Tuple.tuple(3, false, "two"),
                        org.assertj.core.groups.Tuple.tuple(4, true, "three"));
    }

    @Test
    void a_poller_that_remembers_the_last_seq_gets_only_the_bots_later_events() {
        // given a chat with a bot message, then the user's reply
        SandboxUser ann = sandbox.userWhoWrote(42, "Ann");
        api.json("sendMessage", params("chat_id", 42, "text", "one"));
        long mark = sandbox.emulator.lastSeq(42);
        ann.send("two");
        assertThat(sandbox.emulator.lastSeq(42)).isGreaterThan(mark);

        // when the bot answers twice more
        api.json("sendMessage", params("chat_id", 42, "text", "three"));
        api.json("sendMessage", params("chat_id", 42, "text", "four"));

        // then only those come after the mark, as events() lists them, and nothing after the last
        List<BotEvent> later = sandbox.emulator.eventsAfter(42, mark);
        assertThat(later).extracting(BotEvent::text).containsExactly("three", "four");
        assertThat(later).isEqualTo(sandbox.emulator.events(42).subList(1, 3));
        assertThat(sandbox.emulator.eventsAfter(42, later.getLast().seq())).isEmpty();
        assertThat(sandbox.emulator.eventsAfter(4242, 0)).isEmpty();
        assertThat(sandbox.emulator.lastSeq(4242)).isZero();
    }

    @Test
    void method_names_are_case_insensitive() {
        // given
        sandbox.userWhoWrote(42, "Ann");

        // when
        var lower = api.json("sendmessage", params("chat_id", 42, "text", "a"));
        var upper = api.json("SENDMESSAGE", params("chat_id", 42, "text", "b"));
        var me = api.get("getme", Map.of());

        // then
        assertThat(lower.ok()).isTrue();
        assertThat(upper.ok()).isTrue();
        assertThat(me.result().path("username").asText()).isEqualTo("grokgram_bot");
    }

    @Test
    void form_multipart_and_query_parameters_work_like_json_with_json_strings_for_objects() {
        // given
        sandbox.userWhoWrote(42, "Ann");
        String entities = "[{\"type\":\"bold\",\"offset\":0,\"length\":4}]";
        String keyboard = "{\"inline_keyboard\":[[{\"text\":\"Again\",\"callback_data\":\"again\"}]]}";

        // when
        var form = api.form(
                "sendMessage",
                Map.of("chat_id", "42", "text", "form body", "entities", entities, "reply_markup", keyboard));
        var multipart =
                api.multipart("sendMessage", Map.of("chat_id", "42", "text", "multipart", "entities", entities));
        var query = api.get("sendMessage", Map.of("chat_id", "42", "text", "query string"));

        // then
        assertThat(form.ok()).isTrue();
        assertThat(form.result().path("entities").get(0).path("type").asText()).isEqualTo("bold");
        assertThat(form.result()
                        .path("reply_markup")
                        .path("inline_keyboard")
                        .get(0)
                        .get(0)
                        .path("callback_data")
                        .asText())
                .isEqualTo("again");
        assertThat(multipart.ok()).isTrue();
        assertThat(multipart.result().path("entities").get(0).path("length").asInt())
                .isEqualTo(4);
        assertThat(query.ok()).isTrue();
        assertThat(query.result().path("text").asText()).isEqualTo("query string");
    }

    @Test
    void getme_describes_the_bot_with_its_capability_flags() {
        // when
        JsonNode me = api.get("getMe", Map.of()).result();

        // then
        assertThat(me.path("id").asLong()).isEqualTo(Sandbox.BOT_ID);
        assertThat(me.path("is_bot").asBoolean()).isTrue();
        assertThat(me.path("first_name").asText()).isEqualTo("Grokgram");
        assertThat(me.path("can_join_groups").asBoolean()).isTrue();
        assertThat(me.path("can_read_all_group_messages").isBoolean()).isTrue();
        assertThat(me.path("can_read_all_group_messages").asBoolean()).isFalse();
        assertThat(me.path("supports_inline_queries").asBoolean()).isTrue();
        assertThat(me.path("supports_guest_queries").asBoolean()).isTrue();
        assertThat(me.path("has_topics_enabled").asBoolean()).isFalse();
    }

    @Test
    void an_unknown_method_is_404_not_found() {
        // when
        var response = api.json("sendTelepathy", params("chat_id", 42));

        // then
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body().toString())
                .isEqualTo("{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
    }

    @Test
    void an_unknown_token_is_401_unauthorized() {
        // when
        var response = sandbox.client("999:wrong").get("getMe", Map.of());

        // then
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.ok()).isFalse();
        assertThat(response.errorCode()).isEqualTo(401);
        assertThat(response.description()).isEqualTo("Unauthorized");
    }

    @Test
    void a_chat_the_user_never_opened_is_not_found() {
        // when
        var response = api.json("sendMessage", params("chat_id", 4242, "text", "hello?"));

        // then
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.description()).isEqualTo("Bad Request: chat not found");
        assertThat(sandbox.emulator.rejections()).singleElement().satisfies(rejected -> {
            assertThat(rejected.method()).isEqualTo("sendMessage");
            assertThat(rejected.errorCode()).isEqualTo(400);
            assertThat(rejected.description()).isEqualTo("Bad Request: chat not found");
        });
    }

    @Test
    void missing_parameters_get_telegrams_texts() {
        // given
        sandbox.userWhoWrote(42, "Ann");

        // when / then
        assertThat(api.json("sendMessage", params("chat_id", 42)).description())
                .isEqualTo("Bad Request: message text is empty");
        assertThat(api.json("sendMessage", params("text", "x")).description())
                .isEqualTo("Bad Request: chat_id is empty");
        assertThat(api.json("sendMessage", params("chat_id", "not a number", "text", "x"))
                        .description())
                .isEqualTo("Bad Request: chat not found");
        assertThat(api.json("deleteMessage", params("chat_id", 42)).description())
                .isEqualTo("Bad Request: message identifier is not specified");
        assertThat(api.json("sendMessage", params("chat_id", 42, "text", "   \n "))
                        .description())
                .isEqualTo("Bad Request: text must be non-empty");
    }

    @Test
    void text_of_4097_utf16_units_is_too_long_even_when_it_is_4096_characters() {
        // given: 4094 letters and an emoji outside the BMP, which counts as two UTF-16 units
        sandbox.userWhoWrote(42, "Ann");
        String fits = "a".repeat(4094) + "\uD83D\uDE00";
        String tooLong = "a".repeat(4095) + "\uD83D\uDE00";
        assertThat(fits.length()).isEqualTo(4096);
        assertThat(tooLong.codePointCount(0, tooLong.length())).isEqualTo(4096);

        // when
        var accepted = api.json("sendMessage", params("chat_id", 42, "text", fits));
        var refused = api.json("sendMessage", params("chat_id", 42, "text", tooLong));

        // then
        assertThat(accepted.ok()).isTrue();
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.description()).isEqualTo("Bad Request: message is too long");
    }

    @Test
    void the_length_limit_applies_after_entity_parsing() {
        // given: 4096 visible characters wrapped in markup
        sandbox.userWhoWrote(42, "Ann");
        String html = "<b>" + "a".repeat(4096) + "</b>";

        // when
        var response = api.json("sendMessage", params("chat_id", 42, "text", html, "parse_mode", "HTML"));

        // then
        assertThat(response.ok()).isTrue();
        assertThat(response.result().path("text").asText()).hasSize(4096);
    }

    @Test
    void an_entity_past_the_end_of_the_text_is_refused() {
        // given
        sandbox.userWhoWrote(42, "Ann");
        List<Map<String, Object>> entities = List.of(Map.of("type", "bold", "offset", 3, "length", 10));

        // when
        var response = api.json("sendMessage", params("chat_id", 42, "text", "hello", "entities", entities));

        // then
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.description())
                .isEqualTo("Bad Request: entity beginning at UTF-16 offset 3 ends after the end of the text at"
                        + " UTF-16 offset 13");
    }

    @Test
    void entity_offsets_count_utf16_units_and_may_not_split_a_surrogate_pair() {
        // given: an emoji takes offsets 0 and 1
        sandbox.userWhoWrote(42, "Ann");
        String text = "\uD83D\uDE00 bold";

        // when
        var good = api.json(
                "sendMessage",
                params(
                        "chat_id",
                        42,
                        "text",
                        text,
                        "entities",
                        List.of(Map.of("type", "bold", "offset", 3, "length", 4))));
        var split = api.json(
                "sendMessage",
                params(
                        "chat_id",
                        42,
                        "text",
                        text,
                        "entities",
                        List.of(Map.of("type", "bold", "offset", 1, "length", 3))));

        // then
        assertThat(good.result().path("entities").get(0).path("offset").asInt()).isEqualTo(3);
        assertThat(split.description())
                .isEqualTo("Bad Request: entity begins in a middle of a UTF-16 symbol at byte offset 4");
    }

    @Test
    void malformed_entities_are_refused_with_the_reason() {
        // given
        sandbox.userWhoWrote(42, "Ann");

        // when
        var unknownType = api.json(
                "sendMessage",
                params(
                        "chat_id",
                        42,
                        "text",
                        "hi",
                        "entities",
                        List.of(Map.of("type", "glitter", "offset", 0, "length", 2))));
        var negative = api.json(
                "sendMessage",
                params(
                        "chat_id",
                        42,
                        "text",
                        "hi",
                        "entities",
                        List.of(Map.of("type", "bold", "offset", -1, "length", 2))));
        var noOffset = api.json(
                "sendMessage",
                params("chat_id", 42, "text", "hi", "entities", List.of(Map.of("type", "bold", "length", 2))));
        var badLink = api.json(
                "sendMessage",
                params(
                        "chat_id",
                        42,
                        "text",
                        "hi",
                        "entities",
                        List.of(Map.of("type", "text_link", "offset", 0, "length", 2, "url", "not a url"))));

        // then
        assertThat(unknownType.description())
                .isEqualTo("Bad Request: can't parse MessageEntity: Unsupported type specified");
        assertThat(negative.description()).isEqualTo("Bad Request: receive an entity with incorrect offset -1");
        assertThat(noOffset.description())
                .isEqualTo("Bad Request: can't parse MessageEntity: Can't find field \"offset\"");
        assertThat(badLink.description())
                .isEqualTo("Bad Request: entity URL 'not a url' is invalid: Disallowed character in URL host");
    }

    @Test
    void text_links_are_normalised_and_tg_user_links_become_text_mentions() {
        // given
        sandbox.userWhoWrote(42, "Ann");
        List<Map<String, Object>> entities = List.of(
                Map.of("type", "text_link", "offset", 0, "length", 4, "url", "HTTPS://Example.COM"),
                Map.of("type", "text_link", "offset", 5, "length", 3, "url", "tg://user?id=42"));

        // when
        JsonNode result = api.json("sendMessage", params("chat_id", 42, "text", "link ann", "entities", entities))
                .result();

        // then
        assertThat(result.path("entities").get(0).path("url").asText()).isEqualTo("https://example.com/");
        assertThat(result.path("entities").get(1).path("type").asText()).isEqualTo("text_mention");
        assertThat(result.path("entities")
                        .get(1)
                        .path("user")
                        .path("first_name")
                        .asText())
                .isEqualTo("Ann");
    }

    @Test
    void entities_inside_code_are_dropped_and_overlaps_repaired_as_telegram_does() {
        // given: bold inside code, and bold partly overlapping a link
        sandbox.userWhoWrote(42, "Ann");
        List<Map<String, Object>> entities = List.of(
                Map.of("type", "code", "offset", 0, "length", 4),
                Map.of("type", "bold", "offset", 1, "length", 2),
                Map.of("type", "text_link", "offset", 5, "length", 4, "url", "https://example.com"),
                Map.of("type", "bold", "offset", 7, "length", 4));

        // when
        var response = api.json("sendMessage", params("chat_id", 42, "text", "code link text", "entities", entities));

        // then
        assertThat(response.ok()).isTrue();
        assertThat(sandbox.emulator.events(42).getLast().entities())
                .extracting(MessageEntity::type, MessageEntity::offset, MessageEntity::length)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("code", 0, 4),
                        org.assertj.core.groups.Tuple.tuple("text_link", 5, 4),
                        org.assertj.core.groups.Tuple.tuple("bold", 7, 2),
                        org.assertj.core.groups.Tuple.tuple("bold", 9, 2));
    }

    @Test
    void a_parse_mode_wins_over_an_entities_array_like_the_bot_api_server() {
        // given
        sandbox.userWhoWrote(42, "Ann");
        List<Map<String, Object>> entities = List.of(Map.of("type", "italic", "offset", 0, "length", 3));

        // when
        JsonNode result = api.json(
                        "sendMessage",
                        params("chat_id", 42, "text", "<b>bold</b>", "parse_mode", "HTML", "entities", entities))
                .result();

        // then
        assertThat(result.path("text").asText()).isEqualTo("bold");
        assertThat(result.path("entities")).hasSize(1);
        assertThat(result.path("entities").get(0).path("type").asText()).isEqualTo("bold");
    }

    @Test
    void telegram_detects_commands_mentions_and_urls_in_what_the_bot_sends() {
        // given
        sandbox.userWhoWrote(42, "Ann");

        // when
        JsonNode result = api.json(
                        "sendMessage",
                        params("chat_id", 42, "text", "Try /help or ask @someone at https://example.com/x."))
                .result();

        // then
        assertThat(result.path("entities"))
                .extracting(e -> e.path("type").asText())
                .containsExactly("bot_command", "mention", "url");
    }

    @Test
    void editing_changes_the_message_in_place() {
        // given
        sandbox.userWhoWrote(42, "Ann");
        api.json("sendMessage", params("chat_id", 42, "text", "draft answer"));

        // when
        var response = api.json(
                "editMessageText",
                params("chat_id", 42, "message_id", 2, "text", "*final* answer", "parse_mode", "MarkdownV2"));

        // then
        assertThat(response.ok()).isTrue();
        assertThat(response.result().path("text").asText()).isEqualTo("final answer");
        assertThat(response.result().path("edit_date").asLong()).isPositive();
        assertThat(sandbox.emulator.messages(42).getLast().text()).isEqualTo("final answer");
        assertThat(sandbox.emulator.events(42))
                .extracting(BotEvent::kind)
                .containsExactly(BotEvent.Kind.SENT, BotEvent.Kind.EDITED);
    }

    @Test
    void editing_a_missing_message_is_refused() {
        // given
        sandbox.userWhoWrote(42, "Ann");

        // when
        var response = api.json("editMessageText", params("chat_id", 42, "message_id", 99, "text", "new"));

        // then
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.description()).isEqualTo("Bad Request: message to edit not found");
    }

    @Test
    void editing_the_users_message_is_refused() {
        // given: message 1 is the user's "hi"
        sandbox.userWhoWrote(42, "Ann");

        // when
        var response = api.json("editMessageText", params("chat_id", 42, "message_id", 1, "text", "hijacked"));

        // then
        assertThat(response.description()).isEqualTo("Bad Request: message can't be edited");
    }

    @Test
    void an_edit_that_changes_nothing_is_not_modified() {
        // given
        sandbox.userWhoWrote(42, "Ann");
        String keyboard = "{\"inline_keyboard\":[[{\"text\":\"More\",\"callback_data\":\"more\"}]]}";
        api.form("sendMessage", Map.of("chat_id", "42", "text", "same", "reply_markup", keyboard));

        // when
        var identical = api.form(
                "editMessageText",
                Map.of("chat_id", "42", "message_id", "2", "text", "same", "reply_markup", keyboard));
        var withoutKeyboard = api.form("editMessageText", Map.of("chat_id", "42", "message_id", "2", "text", "same"));

        // then
        assertThat(identical.status()).isEqualTo(400);
        assertThat(identical.description())
                .isEqualTo("Bad Request: message is not modified: specified new message content and reply markup are"
                        + " exactly the same as a current content and reply markup of the message");
        assertThat(withoutKeyboard.ok())
                .as("dropping the keyboard is a modification")
                .isTrue();
    }

    @Test
    void a_reply_needs_an_existing_message_unless_allowed_without_it() {
        // given
        sandbox.userWhoWrote(42, "Ann");

        // when
        var toExisting = api.json(
                "sendMessage", params("chat_id", 42, "text", "re", "reply_parameters", Map.of("message_id", 1)));
        var toMissing = api.json(
                "sendMessage", params("chat_id", 42, "text", "re", "reply_parameters", Map.of("message_id", 50)));
        var allowed = api.json(
                "sendMessage",
                params(
                        "chat_id",
                        42,
                        "text",
                        "re",
                        "reply_parameters",
                        Map.of("message_id", 50, "allow_sending_without_reply", true)));

        // then
        assertThat(toExisting.result().path("reply_to_message").path("text").asText())
                .isEqualTo("hi");
        assertThat(toMissing.description()).isEqualTo("Bad Request: message to be replied not found");
        assertThat(allowed.ok()).isTrue();
        assertThat(allowed.result().has("reply_to_message")).isFalse();
    }

    @Test
    void inline_keyboards_are_checked() {
        // given
        sandbox.userWhoWrote(42, "Ann");

        // when
        var emptyText = api.form(
                "sendMessage",
                Map.of(
                        "chat_id",
                        "42",
                        "text",
                        "x",
                        "reply_markup",
                        "{\"inline_keyboard\":[[{\"text\":\"\",\"callback_data\":\"a\"}]]}"));
        var longData = api.form(
                "sendMessage",
                Map.of(
                        "chat_id",
                        "42",
                        "text",
                        "x",
                        "reply_markup",
                        "{\"inline_keyboard\":[[{\"text\":\"a\",\"callback_data\":\"" + "d".repeat(65) + "\"}]]}"));
        var noAction = api.form(
                "sendMessage",
                Map.of("chat_id", "42", "text", "x", "reply_markup", "{\"inline_keyboard\":[[{\"text\":\"a\"}]]}"));
        var badUrl = api.form(
                "sendMessage",
                Map.of(
                        "chat_id",
                        "42",
                        "text",
                        "x",
                        "reply_markup",
                        "{\"inline_keyboard\":[[{\"text\":\"a\",\"url\":\"nowhere\"}]]}"));
        var notJson = api.form("sendMessage", Map.of("chat_id", "42", "text", "x", "reply_markup", "{oops"));

        // then
        assertThat(emptyText.description()).isEqualTo("Bad Request: inline keyboard button text must be non-empty");
        assertThat(longData.description()).isEqualTo("Bad Request: BUTTON_DATA_INVALID");
        assertThat(noAction.description())
                .isEqualTo("Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline"
                        + " keyboard");
        assertThat(badUrl.description())
                .isEqualTo("Bad Request: inline keyboard button URL 'nowhere' is invalid: Wrong HTTP URL");
        assertThat(notJson.description()).isEqualTo("Bad Request: can't parse reply keyboard markup JSON object");
    }

    @Test
    void chat_actions_must_be_one_of_telegrams() {
        // given
        sandbox.userWhoWrote(42, "Ann");

        // when
        var typing = api.json("sendChatAction", params("chat_id", 42, "action", "typing"));
        var dancing = api.json("sendChatAction", params("chat_id", 42, "action", "dancing"));

        // then
        assertThat(typing.ok()).isTrue();
        assertThat(typing.result().asBoolean()).isTrue();
        assertThat(dancing.description()).isEqualTo("Bad Request: wrong parameter action in request");
        assertThat(sandbox.emulator.events(42)).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(BotEvent.Kind.ACTION);
            assertThat(event.text()).isEqualTo("typing");
        });
    }

    @Test
    void deleting_removes_the_message_and_records_it() {
        // given
        sandbox.userWhoWrote(42, "Ann");
        api.json("sendMessage", params("chat_id", 42, "text", "oops"));

        // when
        var deleted = api.json("deleteMessage", params("chat_id", 42, "message_id", 2));
        var again = api.json("deleteMessage", params("chat_id", 42, "message_id", 2));

        // then
        assertThat(deleted.result().asBoolean()).isTrue();
        assertThat(again.description()).isEqualTo("Bad Request: message to delete not found");
        assertThat(sandbox.emulator.messages(42))
                .extracting(ChatMessage::messageId)
                .containsExactly(1);
        assertThat(sandbox.emulator.events(42).getLast().kind()).isEqualTo(BotEvent.Kind.DELETED);
    }

    @Test
    void a_user_who_blocked_the_bot_gives_403() {
        // given
        sandbox.userWhoWrote(42, "Ann");
        sandbox.emulator.blockBy(42);

        // when
        var response = api.json("sendMessage", params("chat_id", 42, "text", "still there?"));

        // then
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.description()).isEqualTo("Forbidden: bot was blocked by the user");
    }

    @Test
    void writing_again_unblocks_the_bot() {
        // given
        SandboxUser ann = sandbox.userWhoWrote(42, "Ann");
        ann.blockBot();

        // when
        ann.send("sorry, I am back");
        var response = api.json("sendMessage", params("chat_id", 42, "text", "welcome back"));

        // then
        assertThat(response.ok()).isTrue();
    }

    @Test
    void an_injected_failure_hits_the_next_call_only() {
        // given
        sandbox.userWhoWrote(42, "Ann");
        sandbox.emulator.failNext("sendMessage", 500, "Internal Server Error");
        sandbox.emulator.failNext("sendmessage", 429, "Too Many Requests: retry after 7");

        // when
        var first = api.json("sendMessage", params("chat_id", 42, "text", "1"));
        var second = api.json("sendMessage", params("chat_id", 42, "text", "2"));
        var third = api.json("sendMessage", params("chat_id", 42, "text", "3"));

        // then
        assertThat(first.status()).isEqualTo(500);
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.body().path("parameters").path("retry_after").asInt()).isEqualTo(7);
        assertThat(third.ok()).isTrue();
        assertThat(sandbox.emulator.messages(42)).hasSize(2);
    }

    @Test
    void commands_are_stored_per_scope_and_language() {
        // given
        List<Map<String, Object>> commands = List.of(
                Map.of("command", "new", "description", "Start a new conversation"),
                Map.of("command", "/help", "description", "  How this works  "));

        // when
        var set = api.json("setMyCommands", params("commands", commands));
        var setGerman = api.json(
                "setMyCommands",
                params(
                        "commands",
                        List.of(Map.of("command", "neu", "description", "Neues Gespräch")),
                        "language_code",
                        "de"));
        JsonNode english = api.json("getMyCommands", params()).result();
        JsonNode german =
                api.json("getMyCommands", params("language_code", "de")).result();
        JsonNode groups = api.json("getMyCommands", params("scope", Map.of("type", "all_group_chats")))
                .result();
        api.json("deleteMyCommands", params());

        // then
        assertThat(set.result().asBoolean()).isTrue();
        assertThat(setGerman.ok()).isTrue();
        assertThat(english.toString())
                .isEqualTo("[{\"command\":\"new\",\"description\":\"Start a new conversation\"},"
                        + "{\"command\":\"help\",\"description\":\"How this works\"}]");
        assertThat(german.get(0).path("command").asText()).isEqualTo("neu");
        assertThat(groups).isEmpty();
        assertThat(api.json("getMyCommands", params()).result()).isEmpty();
    }

    @Test
    void profile_texts_and_menus_are_kept_per_language_with_telegrams_checks() {
        // when
        var russian = api.json("setMyDescription", params("description", "ИИ-ассистент", "language_code", "ru"));
        var english = api.json("setMyDescription", params("description", "An AI assistant"));
        var regionTag = api.json("setMyDescription", params("description", "Assistente", "language_code", "pt-BR"));
        var upperCase =
                api.json("setMyShortDescription", params("short_description", "Asistente", "language_code", "ES"));
        var tooLongShort = api.json("setMyShortDescription", params("short_description", "я".repeat(121)));
        var longestShort =
                api.json("setMyShortDescription", params("short_description", "😀".repeat(120), "language_code", "ar"));
        var menuRegionTag = api.json(
                "setMyCommands",
                params("commands", List.of(Map.of("command", "a", "description", "b")), "language_code", "pt_BR"));

        // then
        assertThat(russian.ok()).isTrue();
        assertThat(english.ok()).isTrue();
        assertThat(api.json("getMyDescription", params("language_code", "ru"))
                        .result()
                        .path("description")
                        .asText())
                .isEqualTo("ИИ-ассистент");
        assertThat(api.json("getMyDescription", params("language_code", "fr"))
                        .result()
                        .path("description")
                        .asText())
                .as("a language without its own text gets the default")
                .isEqualTo("An AI assistant");
        assertThat(regionTag.ok()).isFalse();
        assertThat(regionTag.description()).isEqualTo("Bad Request: invalid language code specified");
        assertThat(upperCase.ok()).isFalse();
        assertThat(tooLongShort.ok()).isFalse();
        assertThat(tooLongShort.description()).contains("short description is too long");
        assertThat(longestShort.ok())
                .as("120 characters, counted as code points")
                .isTrue();
        assertThat(menuRegionTag.ok()).isFalse();
        assertThat(menuRegionTag.description()).isEqualTo("Bad Request: invalid language code specified");
    }

    @Test
    void invalid_commands_are_refused() {
        // when
        var upper =
                api.json("setMyCommands", params("commands", List.of(Map.of("command", "Help", "description", "x"))));
        var tooLong = api.json(
                "setMyCommands", params("commands", List.of(Map.of("command", "a".repeat(33), "description", "x"))));
        var noDescription =
                api.json("setMyCommands", params("commands", List.of(Map.of("command", "a", "description", " "))));
        var tooMany = api.json(
                "setMyCommands",
                params(
                        "commands",
                        java.util.stream.IntStream.range(0, 101)
                                .mapToObj(i -> Map.of("command", "c" + i, "description", "d"))
                                .toList()));
        var badScope = api.json(
                "setMyCommands",
                params(
                        "commands",
                        List.of(Map.of("command", "a", "description", "b")),
                        "scope",
                        Map.of("type", "galaxy")));

        // then
        assertThat(upper.description()).isEqualTo("Bad Request: BOT_COMMAND_INVALID");
        assertThat(tooLong.description()).isEqualTo("Bad Request: command length must not exceed 32");
        assertThat(noDescription.description()).isEqualTo("Bad Request: command description must be non-empty");
        assertThat(tooMany.description()).isEqualTo("Bad Request: BOT_COMMANDS_TOO_MUCH");
        assertThat(badScope.description())
                .isEqualTo("Bad Request: can't parse BotCommandScope: Unsupported type specified");
    }

    @Test
    void descriptions_have_telegrams_length_limits() {
        // when
        var description = api.json("setMyDescription", params("description", "d".repeat(512)));
        var tooLong = api.json("setMyDescription", params("description", "d".repeat(513)));
        var shortOne = api.json("setMyShortDescription", params("short_description", "s".repeat(120)));
        var shortTooLong = api.json("setMyShortDescription", params("short_description", "s".repeat(121)));

        // then
        assertThat(description.ok()).isTrue();
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(shortOne.ok()).isTrue();
        assertThat(shortTooLong.status()).isEqualTo(400);
        assertThat(api.json("getMyShortDescription", params())
                        .result()
                        .path("short_description")
                        .asText())
                .hasSize(120);
    }

    @Test
    void await_event_returns_the_first_matching_event_once_it_happens() {
        // given
        sandbox.userWhoWrote(42, "Ann");
        var later = java.util.concurrent.CompletableFuture.runAsync(
                () -> api.json("sendMessage", params("chat_id", 42, "text", "done")));

        // when
        BotEvent event =
                sandbox.emulator.awaitEvent(42, e -> e.kind() == BotEvent.Kind.SENT, java.time.Duration.ofSeconds(5));

        // then
        assertThat(event.text()).isEqualTo("done");
        later.join();
    }

    @Test
    void callback_queries_are_answered_once() {
        // given
        SandboxUser ann = sandbox.userWhoWrote(42, "Ann");
        api.form(
                "sendMessage",
                Map.of(
                        "chat_id",
                        "42",
                        "text",
                        "pick",
                        "reply_markup",
                        "{\"inline_keyboard\":[[{\"text\":\"A\",\"callback_data\":\"a\"}]]}"));
        String queryId = ann.pressButton(42, 2, "a");

        // when
        var answered = api.json("answerCallbackQuery", params("callback_query_id", queryId));
        var again = api.json("answerCallbackQuery", params("callback_query_id", queryId));

        // then
        assertThat(answered.result().asBoolean()).isTrue();
        assertThat(again.description())
                .isEqualTo("Bad Request: query is too old and response timeout expired or query ID is invalid");
    }
}

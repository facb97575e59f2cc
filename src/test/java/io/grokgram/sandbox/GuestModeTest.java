package io.grokgram.sandbox;

import static io.grokgram.sandbox.BotApiClient.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Guest mode (Bot API 10.0): summoned in a chat it is not in, the bot answers once and edits by inline_message_id. */
class GuestModeTest {
    private Sandbox sandbox;
    private BotApiClient api;
    private SandboxUser ann;
    private long friends;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start();
        api = sandbox.api;
        ann = sandbox.emulator.user(42, "Ann", Optional.of("ann"), "en");
        friends = ann.createGroupWithoutBot("Friends");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private static Map<String, Object> article(String text) {
        return Map.of(
                "type",
                "article",
                "id",
                "answer",
                "title",
                "Answer",
                "input_message_content",
                Map.of("message_text", text));
    }

    @Test
    void a_summons_arrives_as_a_guest_message_with_its_query_id() {
        // when
        String guestQueryId = ann.summonAsGuest(friends, "@grokgram_bot what is a monad?");

        // then
        JsonNode update = api.json("getUpdates", params()).result().get(0);
        JsonNode message = update.path("guest_message");
        assertThat(message.path("guest_query_id").isTextual()).isTrue();
        assertThat(message.path("guest_query_id").asText()).isEqualTo(guestQueryId);
        assertThat(message.path("message_id").asInt()).isPositive();
        assertThat(message.path("from").path("id").asLong()).isEqualTo(42);
        assertThat(message.path("chat").path("id").asLong()).isEqualTo(friends);
        assertThat(message.path("chat").path("type").asText()).isEqualTo("group");
        assertThat(message.path("chat").path("title").asText()).isEqualTo("Friends");
        assertThat(message.path("date").asLong()).isPositive();
        assertThat(message.path("text").asText()).isEqualTo("@grokgram_bot what is a monad?");
        assertThat(message.path("entities").get(0).path("type").asText()).isEqualTo("mention");
    }

    @Test
    void where_the_bot_is_a_member_there_is_no_guest_query() {
        long group = ann.createGroupWithBot("With bot");

        assertThatThrownBy(() -> ann.summonAsGuest(group, "@grokgram_bot hi"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ann.summonAsGuest(42, "@grokgram_bot hi")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ann.summonAsGuest(-77, "@grokgram_bot hi"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_answer_lands_in_the_chat_from_the_bot_marked_with_the_caller_and_is_edited_by_its_id() {
        // given
        String guestQueryId = ann.summonAsGuest(friends, "@grokgram_bot what is a monad?");

        // when
        var answered =
                api.json("answerGuestQuery", params("guest_query_id", guestQueryId, "result", article("Thinking…")));
        String inlineMessageId = answered.result().path("inline_message_id").asText();
        var edited = api.json(
                "editMessageText",
                params("inline_message_id", inlineMessageId, "text", "A monoid in the category of endofunctors."));

        // then
        assertThat(answered.ok()).as(answered.raw()).isTrue();
        assertThat(inlineMessageId).isNotEmpty();
        assertThat(edited.result().asBoolean()).isTrue();
        InlineMessage message = sandbox.emulator.inlineMessage(inlineMessageId).orElseThrow();
        assertThat(message.origin()).isEqualTo(InlineMessage.Origin.GUEST_ANSWER);
        assertThat(message.chatId()).isEqualTo(friends);
        assertThat(message.userId()).as("guest_bot_caller_user").isEqualTo(42);
        assertThat(message.text()).isEqualTo("A monoid in the category of endofunctors.");
        assertThat(sandbox.emulator.messages(friends))
                .extracting(ChatMessage::fromBot, ChatMessage::text)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(false, "@grokgram_bot what is a monad?"),
                        org.assertj.core.groups.Tuple.tuple(true, "A monoid in the category of endofunctors."));
        assertThat(sandbox.emulator.inlineEvents(inlineMessageId))
                .extracting(BotEvent::kind, BotEvent::text)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(BotEvent.Kind.SENT, "Thinking…"),
                        org.assertj.core.groups.Tuple.tuple(
                                BotEvent.Kind.EDITED, "A monoid in the category of endofunctors."));
    }

    @Test
    void a_guest_query_is_answered_once_and_unknown_ids_are_refused() {
        String guestQueryId = ann.summonAsGuest(friends, "@grokgram_bot hi");

        var first = api.json("answerGuestQuery", params("guest_query_id", guestQueryId, "result", article("one")));
        var again = api.json("answerGuestQuery", params("guest_query_id", guestQueryId, "result", article("two")));
        var unknown = api.json("answerGuestQuery", params("guest_query_id", "987654321", "result", article("x")));

        assertThat(first.ok()).isTrue();
        assertThat(again.errorCode()).isEqualTo(400);
        assertThat(again.description())
                .isEqualTo("Bad Request: query is too old and response timeout expired or query ID is invalid");
        assertThat(unknown.description()).isEqualTo(again.description());
    }

    @Test
    void the_result_is_checked_like_an_inline_result() {
        String guestQueryId = ann.summonAsGuest(friends, "@grokgram_bot hi");

        assertThat(api.json("answerGuestQuery", params("guest_query_id", guestQueryId))
                        .description())
                .isEqualTo("Bad Request: result isn't specified");
        assertThat(api.json(
                                "answerGuestQuery",
                                params("guest_query_id", guestQueryId, "result", Map.of("type", "article", "id", "a")))
                        .description())
                .isEqualTo("Bad Request: can't find field \"message_text\"");
        assertThat(api.json(
                                "answerGuestQuery",
                                params("guest_query_id", guestQueryId, "result", article("x".repeat(4097))))
                        .description())
                .isEqualTo("Bad Request: MESSAGE_TOO_LONG");
        assertThat(api.json("answerGuestQuery", params("guest_query_id", guestQueryId, "result", article("fine")))
                        .ok())
                .as("a refused answer leaves the query open")
                .isTrue();
    }

    @Test
    void the_bot_still_cannot_send_to_a_chat_it_is_not_in() {
        ann.summonAsGuest(friends, "@grokgram_bot hi");

        var sent = api.json("sendMessage", params("chat_id", friends, "text", "hello, everyone"));

        assertThat(sent.description()).isEqualTo("Bad Request: chat not found");
        assertThat(sent.errorCode()).isEqualTo(400);
        assertThat(List.of(sandbox.emulator.messages(friends).size())).containsExactly(1);
    }
}

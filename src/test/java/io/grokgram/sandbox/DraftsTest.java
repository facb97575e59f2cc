package io.grokgram.sandbox;

import static io.grokgram.sandbox.BotApiClient.params;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class DraftsTest {
    @AutoClose
    private final Sandbox sandbox = Sandbox.start();

    private final BotApiClient api = sandbox.api;

    /** Ann has written, so the bot may send to chat 42. */
    private final SandboxUser ann = sandbox.userWhoWrote(42, "Ann");

    @Test
    void a_draft_in_a_private_chat_is_accepted_and_creates_no_message() {
        // when
        var response = api.json("sendMessageDraft", params("chat_id", 42, "draft_id", 7, "text", "The answer is"));

        // then
        assertThat(response.ok()).isTrue();
        assertThat(response.result().asBoolean()).isTrue();
        assertThat(sandbox.emulator.messages(42)).hasSize(1);
        assertThat(sandbox.emulator.activeDrafts(42)).singleElement().satisfies(draft -> {
            assertThat(draft.kind()).isEqualTo(BotEvent.Kind.DRAFT);
            assertThat(draft.draftId()).isEqualTo(7);
            assertThat(draft.messageId()).isZero();
            assertThat(draft.text()).isEqualTo("The answer is");
        });
    }

    @Test
    void a_later_draft_with_the_same_id_replaces_the_earlier_text() {
        // when
        api.json("sendMessageDraft", params("chat_id", 42, "draft_id", 7, "text", "The"));
        api.json("sendMessageDraft", params("chat_id", 42, "draft_id", 7, "text", "The answer"));

        // then
        assertThat(sandbox.emulator.activeDrafts(42)).extracting(BotEvent::text).containsExactly("The answer");
        assertThat(sandbox.emulator.events(42))
                .extracting(BotEvent::kind)
                .containsExactly(BotEvent.Kind.DRAFT, BotEvent.Kind.DRAFT);
    }

    @Test
    void a_real_message_clears_the_drafts() {
        // given
        api.json("sendMessageDraft", params("chat_id", 42, "draft_id", 7, "text", "The answer is 4"));

        // when
        api.json("sendMessage", params("chat_id", 42, "text", "The answer is 42."));

        // then
        assertThat(sandbox.emulator.activeDrafts(42)).isEmpty();
        assertThat(sandbox.emulator.messages(42).getLast().text()).isEqualTo("The answer is 42.");
    }

    @Test
    void an_empty_draft_is_the_thinking_placeholder() {
        // when
        var response = api.json("sendMessageDraft", params("chat_id", 42, "draft_id", 1, "text", ""));

        // then
        assertThat(response.ok()).isTrue();
        assertThat(sandbox.emulator.activeDrafts(42).getFirst().text()).isEmpty();
    }

    @Test
    void drafts_need_a_non_zero_id_a_private_chat_and_at_most_4096_characters() {
        // given
        long group = sandbox.emulator
                .user(43, "Bob", java.util.Optional.empty(), "en")
                .createGroupWithBot("Friends");

        // when
        var zero = api.json("sendMessageDraft", params("chat_id", 42, "draft_id", 0, "text", "x"));
        var inGroup = api.json("sendMessageDraft", params("chat_id", group, "draft_id", 1, "text", "x"));
        var tooLong = api.json("sendMessageDraft", params("chat_id", 42, "draft_id", 1, "text", "x".repeat(4097)));

        // then
        assertThat(zero.description()).isEqualTo("Bad Request: draft_id must be non-zero");
        assertThat(inGroup.description()).isEqualTo("Bad Request: draft can be sent only to private chats");
        assertThat(tooLong.description()).isEqualTo("Bad Request: message is too long");
    }

    @Test
    void with_drafts_disabled_the_method_does_not_exist() {
        // given
        sandbox.emulator.setDraftsEnabled(false);

        // when
        var response = api.json("sendMessageDraft", params("chat_id", 42, "draft_id", 7, "text", "x"));

        // then
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.description()).isEqualTo("Not Found");
        assertThat(sandbox.emulator.events(42)).isEmpty();
    }
}

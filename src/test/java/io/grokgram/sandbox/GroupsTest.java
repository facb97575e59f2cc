package io.grokgram.sandbox;

import static io.grokgram.sandbox.BotApiClient.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Groups with several people, as the bot sees them through getUpdates: members, entities, privacy mode, replies. */
class GroupsTest {
    private Sandbox sandbox;
    private SandboxUser ann;
    private SandboxUser bob;
    private long group;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start();
        ann = sandbox.emulator.user(42, "Ann", Optional.of("ann_a"), "en");
        bob = sandbox.emulator.user(43, "Bob", Optional.empty(), "en");
        group = ann.createGroupWithBot("Friends");
        bob.joinGroup(group);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void creating_the_group_and_joining_it_reach_the_bot_as_service_messages() {
        // when
        List<JsonNode> updates = sandbox.takeUpdates();

        // then
        assertThat(updates).hasSize(3);
        JsonNode member = updates.get(0).path("my_chat_member");
        assertThat(member.path("old_chat_member").path("status").asText()).isEqualTo("left");
        assertThat(member.path("new_chat_member").path("status").asText()).isEqualTo("member");
        assertThat(updates.get(1).path("message").path("group_chat_created").asBoolean())
                .isTrue();
        JsonNode joined = updates.get(2).path("message");
        assertThat(joined.path("chat").path("id").asLong()).isEqualTo(group);
        assertThat(joined.path("chat").path("type").asText()).isEqualTo("group");
        assertThat(joined.path("from").path("id").asLong()).isEqualTo(43);
        assertThat(joined.path("new_chat_members"))
                .singleElement()
                .satisfies(user -> assertThat(user.path("first_name").asText()).isEqualTo("Bob"));
        assertThat(joined.has("text")).isFalse();
    }

    @Test
    void only_members_may_write_to_a_group() {
        // given
        SandboxUser carol = sandbox.emulator.user(44, "Carol", Optional.empty(), "en");

        // then
        assertThatThrownBy(() -> carol.sendToGroup(group, "let me in"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a member");
        carol.joinGroup(group);
        assertThat(carol.sendToGroup(group, "thanks")).isPositive();
        assertThatThrownBy(() -> carol.joinGroup(group)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mentions_and_commands_are_marked_as_telegrams_clients_mark_them() {
        // given
        sandbox.emulator.setGroupPrivacy(false);
        sandbox.takeUpdates();

        // when
        ann.sendToGroup(group, "hi @bob_b, try /help@grokgram_bot or /start");
        bob.sendToGroupMentioning(group, "thanks Ann!", ann);
        List<JsonNode> messages = sandbox.takeMessages();

        // then
        assertThat(messages.get(0).path("entities"))
                .extracting(
                        e -> e.path("type").asText(),
                        e -> e.path("offset").asInt(),
                        e -> e.path("length").asInt())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("mention", 3, 6),
                        org.assertj.core.groups.Tuple.tuple("bot_command", 15, 18),
                        org.assertj.core.groups.Tuple.tuple("bot_command", 37, 6));
        assertThat(messages.get(1).path("entities")).singleElement().satisfies(entity -> {
            assertThat(entity.path("type").asText()).isEqualTo("text_mention");
            assertThat(entity.path("offset").asInt()).isEqualTo(7);
            assertThat(entity.path("length").asInt()).isEqualTo(3);
            assertThat(entity.path("user").path("id").asLong()).isEqualTo(42);
            assertThat(entity.path("user").path("username").asText()).isEqualTo("ann_a");
        });
    }

    @Test
    void with_privacy_mode_on_the_bot_hears_only_what_is_addressed_to_it() {
        // given
        int botMessage = sandbox.api
                .json("sendMessage", params("chat_id", group, "text", "I am here"))
                .result()
                .path("message_id")
                .asInt();
        sandbox.takeUpdates();

        // when
        ann.sendToGroup(group, "just chatting");
        ann.sendToGroup(group, "/ask@other_bot not for us");
        ann.sendToGroup(group, "@grokgram_bot what do you think?");
        bob.sendToGroup(group, "/ask what now");
        bob.sendToGroup(group, "/ask@GrokGram_Bot and now");
        bob.sendToGroupMentioningBot(group, "Grokgram, hello");
        ann.replyInGroup(group, botMessage, "a reply to the bot");
        ann.replyInGroup(group, botMessage + 1, "a reply to Ann's chatter");
        List<JsonNode> messages = sandbox.takeMessages();

        // then
        assertThat(messages)
                .extracting(m -> m.path("text").asText())
                .containsExactly(
                        "@grokgram_bot what do you think?",
                        "/ask what now",
                        "/ask@GrokGram_Bot and now",
                        "Grokgram, hello",
                        "a reply to the bot");
        assertThat(messages.get(3)
                        .path("entities")
                        .get(0)
                        .path("user")
                        .path("id")
                        .asLong())
                .isEqualTo(Sandbox.BOT_ID);
        assertThat(sandbox.api
                        .json("getMe", params())
                        .result()
                        .path("can_read_all_group_messages")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void with_privacy_mode_off_the_bot_hears_every_message() {
        // given
        sandbox.emulator.setGroupPrivacy(false);
        sandbox.takeUpdates();

        // when
        ann.sendToGroup(group, "just chatting");
        bob.sendToGroup(group, "me too");
        List<JsonNode> messages = sandbox.takeMessages();

        // then
        assertThat(messages).extracting(m -> m.path("text").asText()).containsExactly("just chatting", "me too");
        assertThat(messages).extracting(m -> m.path("from").path("id").asLong()).containsExactly(42L, 43L);
        assertThat(sandbox.api
                        .json("getMe", params())
                        .result()
                        .path("can_read_all_group_messages")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void a_reply_carries_the_replied_message_one_level_deep_and_the_quote() {
        // given
        int answer = sandbox.api
                .json("sendMessage", params("chat_id", group, "text", "The capital of France is Paris, of course."))
                .result()
                .path("message_id")
                .asInt();
        sandbox.takeUpdates();

        // when
        long quoting = ann.replyInGroupQuoting(group, answer, "Paris", "Are you sure?");
        sandbox.emulator.setGroupPrivacy(false);
        bob.replyInGroup(group, (int) quoting, "She is asking you");
        List<JsonNode> messages = sandbox.takeMessages();

        // then
        JsonNode reply = messages.get(0);
        assertThat(reply.path("reply_to_message").path("message_id").asInt()).isEqualTo(answer);
        assertThat(reply.path("reply_to_message").path("from").path("is_bot").asBoolean())
                .isTrue();
        assertThat(reply.path("quote").path("text").asText()).isEqualTo("Paris");
        assertThat(reply.path("quote").path("position").asInt()).isEqualTo(25);
        assertThat(reply.path("quote").path("is_manual").asBoolean()).isTrue();
        JsonNode nested = messages.get(1).path("reply_to_message");
        assertThat(nested.path("text").asText()).isEqualTo("Are you sure?");
        assertThat(nested.has("reply_to_message")).isFalse();
        assertThat(nested.has("quote")).isFalse();
        assertThat(messages.get(1).has("quote")).isFalse();
        assertThatThrownBy(() -> ann.replyInGroupQuoting(group, answer, "Lyon", "?"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not part of message");
    }

    @Test
    void a_bot_added_later_gets_my_chat_member_and_new_chat_members() {
        // given
        long later = ann.createGroup("Later");
        sandbox.takeUpdates();
        var before = sandbox.api.json("sendMessage", params("chat_id", later, "text", "hello?"));

        // when
        ann.addBotToGroup(later);
        List<JsonNode> updates = sandbox.takeUpdates();

        // then
        assertThat(before.description()).isEqualTo("Bad Request: chat not found");
        assertThat(updates).hasSize(2);
        JsonNode member = updates.get(0).path("my_chat_member");
        assertThat(member.path("chat").path("id").asLong()).isEqualTo(later);
        assertThat(member.path("from").path("id").asLong()).isEqualTo(42);
        assertThat(member.path("old_chat_member").path("status").asText()).isEqualTo("left");
        assertThat(member.path("new_chat_member").path("status").asText()).isEqualTo("member");
        assertThat(updates.get(1).path("message").path("new_chat_members"))
                .singleElement()
                .satisfies(user -> {
                    assertThat(user.path("id").asLong()).isEqualTo(Sandbox.BOT_ID);
                    assertThat(user.path("is_bot").asBoolean()).isTrue();
                });
        assertThat(sandbox.api
                        .json("sendMessage", params("chat_id", later, "text", "hello"))
                        .ok())
                .isTrue();
    }

    @Test
    void a_removed_bot_gets_kicked_hears_nothing_more_and_its_sends_are_forbidden() {
        // given
        sandbox.emulator.setGroupPrivacy(false);
        sandbox.takeUpdates();

        // when
        ann.removeBotFromGroup(group);
        ann.sendToGroup(group, "it left");
        List<JsonNode> updates = sandbox.takeUpdates();
        var sent = sandbox.api.json("sendMessage", params("chat_id", group, "text", "still here?"));

        // then
        assertThat(updates).singleElement().satisfies(update -> {
            JsonNode member = update.path("my_chat_member");
            assertThat(member.path("old_chat_member").path("status").asText()).isEqualTo("member");
            assertThat(member.path("new_chat_member").path("status").asText()).isEqualTo("kicked");
        });
        assertThat(sent.errorCode()).isEqualTo(403);
        assertThat(sent.description()).isEqualTo("Forbidden: bot was kicked from the group chat");
    }
}

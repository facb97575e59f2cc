package io.grokgram.sandbox;

import static io.grokgram.sandbox.BotApiClient.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Forum supergroups: topics as message threads, on the users' side and for what the bot sends. */
class ForumTopicsTest {
    private Sandbox sandbox;
    private BotApiClient api;
    private SandboxUser ann;
    private long forum;
    private int ideas;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start();
        api = sandbox.api;
        ann = sandbox.emulator.user(42, "Ann", Optional.of("ann_a"), "en");
        forum = ann.createForumSupergroupWithBot("Lab");
        ideas = ann.createTopic(forum, "Ideas");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void a_forum_is_a_supergroup_and_a_topic_is_the_thread_of_its_creation_message() {
        // when
        List<JsonNode> updates = sandbox.takeUpdates();

        // then
        assertThat(Long.toString(forum)).startsWith("-100");
        assertThat(updates).hasSize(3);
        assertThat(updates.get(0)
                        .path("my_chat_member")
                        .path("new_chat_member")
                        .path("status")
                        .asText())
                .isEqualTo("member");
        JsonNode added = updates.get(1).path("message");
        assertThat(added.path("chat").path("type").asText()).isEqualTo("supergroup");
        assertThat(added.path("chat").path("is_forum").asBoolean()).isTrue();
        assertThat(added.path("new_chat_members").get(0).path("id").asLong()).isEqualTo(Sandbox.BOT_ID);
        JsonNode created = updates.get(2).path("message");
        assertThat(created.path("message_id").asInt()).isEqualTo(ideas);
        assertThat(created.path("message_thread_id").asInt()).isEqualTo(ideas);
        assertThat(created.path("is_topic_message").asBoolean()).isTrue();
        assertThat(created.path("forum_topic_created").path("name").asText()).isEqualTo("Ideas");
        assertThat(created.has("reply_to_message")).isFalse();
    }

    @Test
    void a_message_in_a_topic_carries_its_thread_and_the_topic_opener_as_reply_to_message() {
        // given
        sandbox.emulator.setGroupPrivacy(false);
        sandbox.takeUpdates();

        // when
        ann.sendToTopic(forum, ideas, "what about rockets?");
        ann.sendToGroup(forum, "in General");
        List<JsonNode> messages = sandbox.takeMessages();

        // then
        JsonNode inTopic = messages.get(0);
        assertThat(inTopic.path("message_thread_id").asInt()).isEqualTo(ideas);
        assertThat(inTopic.path("is_topic_message").asBoolean()).isTrue();
        // Telegram's quirk: not a reply, yet reply_to_message is the topic's creation message
        assertThat(inTopic.path("reply_to_message").path("message_id").asInt()).isEqualTo(ideas);
        assertThat(inTopic.path("reply_to_message").has("forum_topic_created")).isTrue();
        JsonNode general = messages.get(1);
        assertThat(general.has("message_thread_id")).isFalse();
        assertThat(general.has("is_topic_message")).isFalse();
        assertThat(general.has("reply_to_message")).isFalse();
        assertThatThrownBy(() -> ann.sendToTopic(forum, 999, "nowhere")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_bot_writes_into_a_topic_with_message_thread_id() {
        // when
        var sent = api.json("sendMessage", params("chat_id", forum, "message_thread_id", ideas, "text", "Rockets!"));

        // then
        assertThat(sent.ok()).as(sent.raw()).isTrue();
        assertThat(sent.result().path("message_thread_id").asInt()).isEqualTo(ideas);
        assertThat(sent.result().path("is_topic_message").asBoolean()).isTrue();
        assertThat(sandbox.emulator.messages(forum).getLast().threadId()).isEqualTo(OptionalInt.of(ideas));
    }

    @Test
    void an_unknown_thread_is_not_found() {
        // when
        var sent = api.json("sendMessage", params("chat_id", forum, "message_thread_id", 9999, "text", "hello?"));

        // then
        assertThat(sent.errorCode()).isEqualTo(400);
        assertThat(sent.description()).isEqualTo("Bad Request: message thread not found");
    }

    @Test
    void a_reply_lands_in_the_replied_messages_topic_and_must_be_in_the_topic_asked_for() {
        // given
        int other = ann.createTopic(forum, "Other");
        int question = (int) ann.sendToTopic(forum, ideas, "@grokgram_bot rockets?");

        // when
        var inferred = api.json(
                "sendMessage",
                params("chat_id", forum, "text", "yes", "reply_parameters", Map.of("message_id", question)));
        var elsewhere = api.json(
                "sendMessage",
                params(
                        "chat_id",
                        forum,
                        "message_thread_id",
                        other,
                        "text",
                        "no",
                        "reply_parameters",
                        Map.of("message_id", question)));
        var allowed = api.json(
                "sendMessage",
                params(
                        "chat_id",
                        forum,
                        "message_thread_id",
                        other,
                        "text",
                        "anyway",
                        "reply_parameters",
                        Map.of("message_id", question, "allow_sending_without_reply", true)));

        // then
        assertThat(inferred.result().path("message_thread_id").asInt()).isEqualTo(ideas);
        assertThat(inferred.result().path("reply_to_message").path("message_id").asInt())
                .isEqualTo(question);
        assertThat(elsewhere.description()).isEqualTo("Bad Request: message to be replied not found");
        assertThat(allowed.result().path("message_thread_id").asInt()).isEqualTo(other);
        assertThat(allowed.result().path("reply_to_message").path("message_id").asInt())
                .as("no reply: shows the topic opener")
                .isEqualTo(other);
    }

    @Test
    void a_users_reply_to_the_bot_stays_in_the_topic_and_reaches_the_bot() {
        // given
        int answer = api.json("sendMessage", params("chat_id", forum, "message_thread_id", ideas, "text", "Rockets!"))
                .result()
                .path("message_id")
                .asInt();
        sandbox.takeUpdates();

        // when
        ann.replyInGroup(forum, answer, "tell me more");
        JsonNode reply = sandbox.takeMessages().getFirst();

        // then
        assertThat(reply.path("message_thread_id").asInt()).isEqualTo(ideas);
        assertThat(reply.path("reply_to_message").path("message_id").asInt()).isEqualTo(answer);
    }
}

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

/** A basic group upgraded to a supergroup: the service messages on both sides and the error at the old id. */
class SupergroupMigrationTest {
    private Sandbox sandbox;
    private SandboxUser ann;
    private long group;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start();
        ann = sandbox.emulator.user(42, "Ann", Optional.of("ann_a"), "en");
        group = ann.createGroupWithBot("Friends");
        sandbox.emulator.user(43, "Bob", Optional.empty(), "en").joinGroup(group);
        sandbox.takeUpdates();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void the_old_group_says_migrate_to_and_the_new_supergroup_migrate_from() {
        // when
        long supergroup = ann.upgradeToSupergroup(group);
        List<JsonNode> messages = sandbox.takeMessages();

        // then
        assertThat(Long.toString(supergroup)).startsWith("-100");
        assertThat(messages).hasSize(2);
        JsonNode to = messages.get(0);
        assertThat(to.path("chat").path("id").asLong()).isEqualTo(group);
        assertThat(to.path("chat").path("type").asText()).isEqualTo("group");
        assertThat(to.path("migrate_to_chat_id").asLong()).isEqualTo(supergroup);
        JsonNode from = messages.get(1);
        assertThat(from.path("chat").path("id").asLong()).isEqualTo(supergroup);
        assertThat(from.path("chat").path("type").asText()).isEqualTo("supergroup");
        assertThat(from.path("chat").path("title").asText()).isEqualTo("Friends");
        assertThat(from.path("migrate_from_chat_id").asLong()).isEqualTo(group);
    }

    @Test
    void every_call_to_the_old_id_names_the_new_one() {
        // given
        int before = sandbox.api
                .json("sendMessage", params("chat_id", group, "text", "before"))
                .result()
                .path("message_id")
                .asInt();
        long supergroup = ann.upgradeToSupergroup(group);

        // when
        var send = sandbox.api.json("sendMessage", params("chat_id", group, "text", "after"));
        var edit =
                sandbox.api.json("editMessageText", params("chat_id", group, "message_id", before, "text", "edited"));
        var action = sandbox.api.json("sendChatAction", params("chat_id", group, "action", "typing"));
        var atNewId = sandbox.api.json("sendMessage", params("chat_id", supergroup, "text", "after"));

        // then
        for (var refused : List.of(send, edit, action)) {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.description()).isEqualTo("Bad Request: group chat was upgraded to a supergroup chat");
            assertThat(refused.body()
                            .path("parameters")
                            .path("migrate_to_chat_id")
                            .asLong())
                    .isEqualTo(supergroup);
        }
        assertThat(atNewId.ok()).isTrue();
        assertThat(atNewId.result().path("chat").path("type").asText()).isEqualTo("supergroup");
    }

    @Test
    void members_move_along_and_the_old_group_takes_no_more_messages() {
        // given
        long supergroup = ann.upgradeToSupergroup(group);

        // then
        assertThatThrownBy(() -> ann.sendToGroup(group, "hello?"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("upgraded");
        assertThat(sandbox.emulator.user(43, "Bob", Optional.empty(), "en").sendToGroup(supergroup, "moved"))
                .isPositive();
    }
}

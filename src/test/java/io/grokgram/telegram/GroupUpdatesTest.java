package io.grokgram.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokgram.sandbox.SandboxUser;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What people do in groups, as the emulator sends it and the parser reads it: both sides of the wire agree. */
class GroupUpdatesTest {
    private final EmulatedTelegram telegram =
            new EmulatedTelegram(new OutboundLimits(50, 600, 100, 3), ChatStatusListener.ignoring());
    private final UpdateParser parser = new UpdateParser();
    private final SandboxUser ann = telegram.emulator.user(701, "Ann", Optional.of("ann_a"), "en");
    private final SandboxUser bob = telegram.emulator.user(702, "Bob", Optional.of("Bob_Bee"), "en");
    private long offset;

    @AfterEach
    void stop() {
        telegram.close();
    }

    private List<InboundUpdate> updates() {
        List<InboundUpdate> parsed =
                telegram.api.getUpdates(offset, 100, Duration.ZERO, Intake.ALLOWED_UPDATES).stream()
                        .map(parser::parse)
                        .toList();
        if (!parsed.isEmpty()) {
            offset = parsed.getLast().updateId() + 1;
        }
        return parsed;
    }

    @Test
    void mentions_replies_quotes_and_button_presses_arrive_as_parsed_records() {
        // given
        telegram.emulator.setGroupPrivacy(false);
        ChatId group = new ChatId(ann.createGroupWithBot("Friends"));
        bob.joinGroup(group.value());
        MessageId answer = telegram.outbound.send(
                group,
                OptionalInt.empty(),
                FormattedText.plain("The capital of France is Paris."),
                Optional.empty(),
                Keyboard.of(new Keyboard.Callback("Again", "rg:1")));
        updates();

        // when
        ann.sendToGroup(group.value(), "🙂 hey @Bob_Bee, ask @rig_bot");
        bob.sendToGroupMentioning(group.value(), "thanks Ann", ann);
        ann.replyInGroupQuoting(group.value(), answer.value(), "Paris", "sure?");
        String query = ann.pressButton(group.value(), answer.value(), "rg:1");
        List<InboundUpdate> updates = updates();

        // then
        assertThat(updates).hasSize(4);
        InboundUpdate.Message mentions = (InboundUpdate.Message) updates.get(0);
        assertThat(mentions.mentionedUsernames()).containsExactly("bob_bee", "rig_bot");
        assertThat(mentions.chat().type()).isEqualTo(InboundUpdate.ChatType.GROUP);
        assertThat(((InboundUpdate.Message) updates.get(1)).mentionedUsers()).containsExactly(new UserId(701));
        InboundUpdate.Replied replied =
                ((InboundUpdate.Message) updates.get(2)).replied().orElseThrow();
        assertThat(replied.id()).isEqualTo(answer);
        assertThat(replied.from().orElseThrow().isBot()).isTrue();
        assertThat(replied.text()).isEqualTo("The capital of France is Paris.");
        assertThat(replied.quote()).contains("Paris");
        assertThat(updates.get(3)).isInstanceOfSatisfying(InboundUpdate.CallbackQuery.class, q -> {
            assertThat(q.queryId()).isEqualTo(query);
            assertThat(q.chat()).contains(group);
            assertThat(q.message()).contains(answer);
            assertThat(q.data()).isEqualTo("rg:1");
        });
    }

    @Test
    void topics_migration_and_removal_arrive_as_parsed_records() {
        // given
        ChatId forum = new ChatId(ann.createForumSupergroupWithBot("Lab"));
        int topic = ann.createTopic(forum.value(), "Ideas");
        ChatId group = new ChatId(ann.createGroupWithBot("Friends"));
        updates();

        // when
        ann.sendToTopic(forum.value(), topic, "/ask what about rockets?");
        long supergroup = ann.upgradeToSupergroup(group.value());
        ann.removeBotFromGroup(supergroup);
        List<InboundUpdate> updates = updates();

        // then
        assertThat(updates.get(0)).isInstanceOfSatisfying(InboundUpdate.Message.class, m -> {
            assertThat(m.threadId()).hasValue(topic);
            assertThat(m.chat().isForum()).isTrue();
            assertThat(m.replied()).as("the topic opener is no reply").isEmpty();
            assertThat(m.content())
                    .isEqualTo(new InboundUpdate.Command("ask", Optional.empty(), "what about rockets?"));
        });
        assertThat(updates.get(1))
                .isEqualTo(new InboundUpdate.ChatMigrated(updates.get(1).updateId(), group, new ChatId(supergroup)));
        assertThat(updates.getLast()).isInstanceOfSatisfying(InboundUpdate.MembershipChanged.class, m -> {
            assertThat(m.chat()).isEqualTo(new ChatId(supergroup));
            assertThat(m.status()).isEqualTo("kicked");
            assertThat(m.chatType()).isEqualTo(InboundUpdate.ChatType.SUPERGROUP);
            assertThat(m.canWrite()).isFalse();
        });
    }
}

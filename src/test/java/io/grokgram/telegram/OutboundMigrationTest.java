package io.grokgram.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grokgram.sandbox.BotEvent;
import io.grokgram.sandbox.SandboxUser;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A group upgraded to a supergroup: the first call finds out, is sent again at the new id, and the rest go there. */
class OutboundMigrationTest {
    private final List<String> moves = new CopyOnWriteArrayList<>();
    private final EmulatedTelegram telegram =
            new EmulatedTelegram(new OutboundLimits(50, 600, 100, 3), new ChatStatusListener() {
                @Override
                public void forbidden(ChatId chat, String description) {}

                @Override
                public void migrated(ChatId from, ChatId to) {
                    moves.add(from.value() + " -> " + to.value());
                }
            });
    private final Outbound outbound = telegram.outbound;
    private final SandboxUser ann = telegram.emulator.user(601, "Ann", Optional.empty(), "en");

    @AfterEach
    void stop() {
        telegram.close();
    }

    @Test
    void the_400_with_migrate_to_chat_id_is_decided_as_chat_migrated() {
        // given
        long group = ann.createGroupWithBot("Friends");
        long supergroup = ann.upgradeToSupergroup(group);

        // when / then
        assertThatThrownBy(() -> telegram.api.sendMessage(
                        new ChatId(group), OptionalInt.empty(), FormattedText.plain("hi"), Optional.empty()))
                .isInstanceOfSatisfying(
                        TelegramException.ChatMigrated.class,
                        e -> assertThat(e.to()).isEqualTo(new ChatId(supergroup)))
                .hasMessageContaining("upgraded to a supergroup");
    }

    @Test
    void a_send_to_the_old_group_arrives_in_the_supergroup_and_later_calls_go_there_directly() {
        // given
        ChatId group = new ChatId(ann.createGroupWithBot("Friends"));
        ChatId supergroup = new ChatId(ann.upgradeToSupergroup(group.value()));

        // when
        MessageId first = outbound.send(group, OptionalInt.empty(), FormattedText.plain("first"), Optional.empty());
        MessageId second = outbound.send(group, OptionalInt.empty(), FormattedText.plain("second"), Optional.empty());
        outbound.typing(group, OptionalInt.empty());
        outbound.edit(group, second, FormattedText.plain("second, edited"));

        // then
        assertThat(telegram.sent(supergroup))
                .extracting(BotEvent::messageId)
                .containsExactly((long) first.value(), (long) second.value());
        assertThat(telegram.events(supergroup, BotEvent.Kind.EDITED))
                .singleElement()
                .satisfies(e -> assertThat(e.text()).isEqualTo("second, edited"));
        assertThat(telegram.events(supergroup, BotEvent.Kind.ACTION)).hasSize(1);
        assertThat(telegram.emulator.rejections())
                .singleElement()
                .satisfies(r -> assertThat(r.description()).contains("upgraded to a supergroup"));
        assertThat(moves).containsExactly(group.value() + " -> " + supergroup.value());
        assertThat(outbound.currentId(group)).isEqualTo(supergroup);
    }

    @Test
    void a_migration_known_from_the_update_needs_no_failed_call() {
        // given
        ChatId group = new ChatId(ann.createGroupWithBot("Friends"));
        ChatId supergroup = new ChatId(ann.upgradeToSupergroup(group.value()));

        // when
        outbound.chatMigrated(group, supergroup);
        outbound.send(group, OptionalInt.empty(), FormattedText.plain("hello"), Optional.empty());

        // then
        assertThat(telegram.sent(supergroup)).hasSize(1);
        assertThat(telegram.emulator.rejections()).isEmpty();
        assertThat(moves).isEmpty();
    }
}

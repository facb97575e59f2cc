package io.grokgram.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokgram.store.Database;
import io.grokgram.store.TestDatabases;
import io.grokgram.telegram.ChatId;
import io.grokgram.telegram.MessageId;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InboxTest {
    private static final ChatKey CHAT = new ChatKey(99, new ChatId(1001), 0);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_repeated_update_is_a_no_op(String kind) {
        try (Database database = TestDatabases.open(kind, dir)) {
            Inbox inbox = new Inbox(database, Clock.systemUTC());

            assertThat(inbox.accept(10, CHAT, InboxEntry.Kind.TEXT, "{\"update_id\":10}"))
                    .isTrue();
            assertThat(inbox.accept(10, CHAT, InboxEntry.Kind.TEXT, "{\"update_id\":10}"))
                    .isFalse();
            assertThat(inbox.unfinished(CHAT)).hasSize(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void unfinished_entries_come_oldest_first_and_done_ones_leave(String kind) {
        try (Database database = TestDatabases.open(kind, dir)) {
            Inbox inbox = new Inbox(database, Clock.systemUTC());
            inbox.accept(12, CHAT, InboxEntry.Kind.TEXT, "{}");
            inbox.accept(11, CHAT, InboxEntry.Kind.COMMAND, "{}");
            inbox.accept(13, new ChatKey(99, new ChatId(2002), 0), InboxEntry.Kind.TEXT, "{}");

            List<InboxEntry> pending = inbox.unfinished(CHAT);
            assertThat(pending).extracting(InboxEntry::updateId).containsExactly(11L, 12L);

            inbox.markDone(pending.getFirst());
            assertThat(inbox.unfinished(CHAT)).extracting(InboxEntry::updateId).containsExactly(12L);
            assertThat(inbox.chatsWithUnfinished(99)).hasSize(2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void the_answer_and_its_sent_parts_survive_for_a_resumed_turn(String kind) {
        try (Database database = TestDatabases.open(kind, dir)) {
            Inbox inbox = new Inbox(database, Clock.systemUTC());
            inbox.accept(20, CHAT, InboxEntry.Kind.TEXT, "{}");
            InboxEntry entry = inbox.unfinished(CHAT).getFirst();

            inbox.markAnswered(entry, "the final answer");
            inbox.recordPart(entry, 0, new MessageId(555));
            inbox.recordPart(entry, 0, new MessageId(556)); // a replayed record must not move the part

            InboxEntry resumed = inbox.unfinished(CHAT).getFirst();
            assertThat(resumed.state()).isEqualTo(InboxEntry.State.ANSWERED);
            assertThat(resumed.finalText()).contains("the final answer");
            assertThat(inbox.sentParts(resumed))
                    .containsEntry(0, new MessageId(555))
                    .hasSize(1);
        }
    }
}

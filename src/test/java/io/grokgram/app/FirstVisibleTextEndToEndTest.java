package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokgram.assistant.TurnStatistics;
import io.grokgram.sandbox.BotEvent;
import io.grokgram.sandbox.SandboxUser;
import io.grokgram.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each answered turn records when the user first saw text of it — the first draft for a slow answer, the answer itself
 * for a quick one — between the provider's first token and the whole turn; the console's overview reports it.
 */
class FirstVisibleTextEndToEndTest {
    private static final long BOT = 7_000_001L;

    static SandboxRig rig;

    @BeforeAll
    static void start(@TempDir Path dir) {
        rig = new SandboxRig(dir, Map.of("GROKGRAM_PREVIEW_DELAY", "200ms"));
    }

    @AfterAll
    static void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    record Timings(long firstTokenMs, long firstVisibleMs, long turnMs) {}

    @Test
    void a_slow_answer_records_its_first_draft_as_the_first_visible_text() {
        SandboxUser user = rig.consentedUser(7_700_001, "Vera");
        int before = rig.botMessages(user).size();
        rig.provider.setPace(Duration.ofMillis(100), Duration.ofMillis(40), 8);

        user.send("#long 1500");
        rig.telegram.awaitEvent(user.chatId(), e -> e.kind() == BotEvent.Kind.DRAFT, Duration.ofSeconds(20));
        rig.awaitBotMessages(user, before + 1);

        Timings turn = timings(user.userId());
        assertThat(turn.firstVisibleMs()).isPositive().isGreaterThanOrEqualTo(turn.firstTokenMs());
        // the draft came while the answer was still being written
        assertThat(turn.firstVisibleMs()).isLessThan(turn.turnMs());
        TurnStatistics.Overview overview;
        try (Database store = rig.store()) {
            Instant now = rig.clock.instant();
            overview = new TurnStatistics(store, BOT).overview(now.minus(Duration.ofHours(1)), now.plusSeconds(60));
        }
        assertThat(overview.p50FirstVisibleMs()).isPositive();
        assertThat(overview.p99FirstVisibleMs()).isGreaterThanOrEqualTo(overview.p50FirstVisibleMs());
    }

    @Test
    void a_quick_answer_without_a_preview_is_first_seen_when_it_is_written() {
        SandboxUser user = rig.consentedUser(7_700_002, "Quinn");
        int before = rig.botMessages(user).size();
        rig.provider.setPace(Duration.ZERO, Duration.ZERO, 64);

        user.send("#echo hello");
        rig.awaitBotMessages(user, before + 1);

        Timings turn = timings(user.userId());
        assertThat(turn.firstVisibleMs()).isGreaterThanOrEqualTo(turn.firstTokenMs());
        assertThat(turn.firstVisibleMs()).isPositive().isEqualTo(turn.turnMs());
    }

    private static Timings timings(long user) {
        try (Database store = rig.store()) {
            List<Timings> rows = store.inTransaction(tx -> tx.query(
                    "SELECT first_token_ms, first_visible_ms, turn_ms FROM turn_usage WHERE user_id = ?"
                            + " AND purpose = 'answer'",
                    row -> new Timings(
                            row.getLong("first_token_ms"), row.getLong("first_visible_ms"), row.getLong("turn_ms")),
                    user));
            assertThat(rows).hasSize(1);
            System.out.println("turn of user " + user + ": " + rows.getFirst()); // the figures, for the record
            return rows.getFirst();
        }
    }
}

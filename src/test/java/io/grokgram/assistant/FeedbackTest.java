package io.grokgram.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokgram.dataset.TrainingTurn;
import io.grokgram.dataset.TurnId;
import io.grokgram.privacy.ContentCipher;
import io.grokgram.privacy.DataSubject;
import io.grokgram.privacy.MasterKey;
import io.grokgram.privacy.Origin;
import io.grokgram.sandbox.MutableClock;
import io.grokgram.store.Database;
import io.grokgram.store.TestDatabases;
import io.grokgram.telegram.ChatId;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Feedback on both engines, content encrypted at rest: a regeneration is kept once per answer it replaces, thumbs and
 * choices are replaced rather than added up, and the dataset's turn source reads a turn with all of it, the group
 * turn as a group one, and an erased user's turn as unreadable (their key is gone).
 */
class FeedbackTest {
    private static final long BOT = 42;
    private static final DataSubject ADA = new DataSubject(1001);
    private static final ChatId GROUP = new ChatId(-5005);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T10:00:00Z"));

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void verdicts_are_recorded_once_and_the_turn_source_reads_them_back(String kind) {
        try (Database database = TestDatabases.open(kind, dir)) {
            ContentCipher cipher = ContentCipher.withMasterKey(database, randomKey(), clock);
            Conversations conversations = new Conversations(database, clock, cipher);
            Feedback feedback = new Feedback(database, clock, cipher);
            long update = 7001;
            ask(database, conversations, new ChatKey(BOT, new ChatId(ADA.telegramUserId()), 0), update, "QUESTION-1");
            ask(database, conversations, new ChatKey(BOT, GROUP, 0), update + 1, "QUESTION-2");

            OptionalInt first = database.inTransaction(
                    tx -> feedback.addAnswer(tx, BOT, update, 0, ADA.telegramUserId(), "ANSWER-AGAIN"));
            OptionalInt doubleTap = database.inTransaction(
                    tx -> feedback.addAnswer(tx, BOT, update, 0, ADA.telegramUserId(), "ANSWER-AGAIN-TWICE"));
            feedback.rate(BOT, update, 0, ADA.telegramUserId(), Feedback.UP);
            feedback.rate(BOT, update, 0, ADA.telegramUserId(), Feedback.DOWN);
            feedback.choose(BOT, update, 0, ADA.telegramUserId());
            feedback.choose(BOT, update, 1, ADA.telegramUserId());

            assertThat(first).hasValue(1);
            assertThat(doubleTap).isEmpty();
            assertThat(feedback.regenerated(BOT, update, 0)).isTrue();
            assertThat(feedback.regenerated(BOT, update, 1)).isFalse();
            long plain = database.inTransaction(tx -> tx.queryOne(
                            "SELECT COUNT(*) AS n FROM turn_answers WHERE content LIKE '%ANSWER%'",
                            row -> row.getLong("n"))
                    .orElseThrow());
            assertThat(plain).as("sealed at rest").isZero();
            TrainingTurns source = new TrainingTurns(database, feedback);
            assertThat(source.turns(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-03T00:00:00Z")))
                    .containsExactly(new TurnId(BOT, update), new TurnId(BOT, update + 1));
            TrainingTurn turn = source.turn(new TurnId(BOT, update)).orElseThrow();
            assertThat(turn.question()).isEqualTo("QUESTION-1");
            assertThat(turn.answers()).containsExactly("ANSWER-TO-QUESTION-1", "ANSWER-AGAIN");
            assertThat(turn.ratings()).isEqualTo(Map.of(0, -1));
            assertThat(turn.chosen()).hasValue(1);
            assertThat(turn.setting()).isEqualTo(TrainingTurn.Setting.PRIVATE);
            assertThat(turn.userId()).isEqualTo(ADA.telegramUserId());
            assertThat(source.turn(new TurnId(BOT, update + 1)).orElseThrow().setting())
                    .isEqualTo(TrainingTurn.Setting.GROUP);

            database.useTransaction(tx -> tx.update("DELETE FROM user_keys WHERE user_id = ?", ADA.telegramUserId()));
            ContentCipher afterErasure = ContentCipher.withMasterKey(database, randomKey(), clock);
            TrainingTurns shredded = new TrainingTurns(database, new Feedback(database, clock, afterErasure));
            assertThat(shredded.turn(new TurnId(BOT, update)).orElseThrow().readable())
                    .isFalse();
            assertThat(shredded.turn(new TurnId(BOT, 999))).isEmpty();
        }
    }

    private static void ask(
            Database database, Conversations conversations, ChatKey chat, long update, String question) {
        String conversation = conversations.current(chat, 0);
        database.useTransaction(tx -> {
            for (var message : List.of(
                    Map.entry(Origin.ADDRESSED, question), Map.entry(Origin.ASSISTANT, "ANSWER-TO-" + question))) {
                conversations.append(
                        tx, conversation, chat, update, ADA.telegramUserId(), message.getKey(), message.getValue(), 3);
            }
        });
    }

    private static MasterKey randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return MasterKey.fromBase64(Base64.getEncoder().encodeToString(bytes));
    }
}

package io.grokgram.assistant;

import io.grokgram.dataset.TrainingTurn;
import io.grokgram.dataset.TurnId;
import io.grokgram.dataset.TurnSource;
import io.grokgram.privacy.Origin;
import io.grokgram.privacy.UnreadableContentException;
import io.grokgram.store.Database;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The assistant's turns as the dataset room reads them: the questions of conversations (private chats and groups;
 * inline and guest answers keep no conversation and never appear) with every answer and the asker's feedback. Content
 * is opened with the asker's key here, as for {@code /mydata}; a turn whose key is gone comes back unreadable.
 */
final class TrainingTurns implements TurnSource {
    private final Database database;
    private final Feedback feedback;

    TrainingTurns(Database database, Feedback feedback) {
        this.database = database;
        this.feedback = feedback;
    }

    @Override
    public List<TurnId> turns(Instant since, Instant until) {
        return database
                .inTransaction(tx -> tx.query(
                        "SELECT bot_id, update_id FROM conversation_messages WHERE origin = ? AND created_at >= ?"
                                + " AND created_at < ? ORDER BY bot_id, update_id",
                        row -> new TurnId(row.getLong("bot_id"), row.getLong("update_id")),
                        Origin.ADDRESSED.name(),
                        since.toEpochMilli(),
                        until.toEpochMilli()))
                .stream()
                .distinct()
                .toList();
    }

    @Override
    public Optional<TrainingTurn> turn(TurnId id) {
        return database.inTransaction(tx -> {
            Optional<Feedback.Turn> found;
            try {
                found = feedback.turn(tx, id.botId(), id.updateId());
            } catch (UnreadableContentException e) {
                return unreadable(tx, id);
            }
            return found.map(turn -> new TrainingTurn(
                    id,
                    turn.userId(),
                    Instant.ofEpochMilli(turn.askedAt()),
                    setting(turn.chatId()),
                    true,
                    turn.quoted().isPresent(),
                    turn.question(),
                    turn.answers(),
                    feedback.ratings(tx, id.botId(), id.updateId()),
                    feedback.chosen(tx, id.botId(), id.updateId())));
        });
    }

    /** A turn whose content cannot be opened: who and when are still known, so the dataset can count it. */
    private static Optional<TrainingTurn> unreadable(io.grokgram.store.Tx tx, TurnId id) {
        return tx.queryOne(
                "SELECT user_id, created_at FROM conversation_messages WHERE bot_id = ? AND update_id = ?"
                        + " AND origin = ?",
                row -> new TrainingTurn(
                        id,
                        row.optionalLong("user_id").orElse(0L),
                        Instant.ofEpochMilli(row.getLong("created_at")),
                        TrainingTurn.Setting.GROUP,
                        false,
                        false,
                        "",
                        List.of(),
                        java.util.Map.of(),
                        OptionalInt.empty()),
                id.botId(),
                id.updateId(),
                Origin.ADDRESSED.name());
    }

    /** Private chats have positive ids, groups and supergroups negative (Bot API); unknown counts as a group. */
    private static TrainingTurn.Setting setting(Optional<Long> chat) {
        return chat.filter(id -> id > 0).isPresent() ? TrainingTurn.Setting.PRIVATE : TrainingTurn.Setting.GROUP;
    }
}

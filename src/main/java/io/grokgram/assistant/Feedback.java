package io.grokgram.assistant;

import io.grokgram.privacy.ContentCipher;
import io.grokgram.privacy.DataSubject;
import io.grokgram.privacy.Origin;
import io.grokgram.store.Database;
import io.grokgram.store.Tx;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * What users said about answers: the answers a turn got again (regenerate), thumbs per answer, and the answer kept
 * among several. Owns the {@code turn_answers}, {@code turn_ratings} and {@code turn_choices} tables. A turn is the
 * update that asked; its answer 0 is the one in the conversation's history, regenerations are 1, 2, … and sealed with
 * the asker's key like every message. Every write is an upsert or keyed insert, so pressing a button twice records
 * one verdict.
 */
final class Feedback {
    static final int UP = 1;
    static final int DOWN = -1;

    private final Database database;
    private final Clock clock;
    private final ContentCipher cipher;

    Feedback(Database database, Clock clock, ContentCipher cipher) {
        this.database = database;
        this.clock = clock;
        this.cipher = cipher;
    }

    /**
     * A turn as its history holds it: who asked, in which conversation and chat, where its messages begin, the
     * question and quote, and every answer (0 the first).
     */
    record Turn(
            long botId,
            long updateId,
            long userId,
            String conversationId,
            int firstSeq,
            long askedAt,
            Optional<Long> chatId,
            long threadId,
            String question,
            Optional<String> quoted,
            List<String> answers) {}

    /** The turn with its answers opened; empty when its messages are gone (erased, expired) or have no answer. */
    Optional<Turn> turn(long botId, long updateId) {
        return database.inTransaction(tx -> turn(tx, botId, updateId));
    }

    Optional<Turn> turn(Tx tx, long botId, long updateId) {
        record Stored(int seq, Origin origin, String content, long user, long at, String conversation) {}
        List<Stored> rows = tx.query(
                "SELECT seq, origin, content, user_id, created_at, conversation_id FROM conversation_messages"
                        + " WHERE bot_id = ? AND update_id = ? ORDER BY conversation_id, seq",
                row -> new Stored(
                        row.getInt("seq"),
                        Origin.valueOf(row.getString("origin")),
                        row.getString("content"),
                        row.optionalLong("user_id").orElse(0L),
                        row.getLong("created_at"),
                        row.getString("conversation_id")),
                botId,
                updateId);
        Optional<Stored> question =
                rows.stream().filter(r -> r.origin() == Origin.ADDRESSED).findFirst();
        Optional<Stored> answer =
                rows.stream().filter(r -> r.origin() == Origin.ASSISTANT).findFirst();
        if (question.isEmpty() || answer.isEmpty() || question.get().user() <= 0) {
            return Optional.empty();
        }
        DataSubject subject = new DataSubject(question.get().user());
        String conversation = question.get().conversation();
        record Place(Optional<Long> chat, long thread) {}
        Place place = tx.queryOne(
                        "SELECT chat_id, thread_id FROM conversations WHERE conversation_id = ?",
                        row -> new Place(Optional.of(row.getLong("chat_id")), row.getLong("thread_id")),
                        conversation)
                .orElse(new Place(Optional.empty(), 0));
        List<String> answers = new java.util.ArrayList<>();
        answers.add(cipher.open(tx, subject, answer.get().content()));
        tx.query(
                        "SELECT content FROM turn_answers WHERE bot_id = ? AND update_id = ? ORDER BY answer_index",
                        row -> row.getString("content"),
                        botId,
                        updateId)
                .forEach(value -> answers.add(cipher.open(tx, subject, value)));
        return Optional.of(new Turn(
                botId,
                updateId,
                subject.telegramUserId(),
                conversation,
                rows.stream().mapToInt(Stored::seq).min().orElse(1),
                question.get().at(),
                place.chat(),
                place.thread(),
                cipher.open(tx, subject, question.get().content()),
                rows.stream()
                        .filter(r -> r.origin() == Origin.QUOTED_BY_USER)
                        .findFirst()
                        .map(r -> cipher.open(tx, subject, r.content())),
                answers));
    }

    /** Whether answer {@code source} of the turn was regenerated already (its button works once). */
    boolean regenerated(long botId, long updateId, int source) {
        return database.inTransaction(tx -> tx.queryOne(
                        "SELECT answer_index FROM turn_answers WHERE bot_id = ? AND update_id = ? AND source_index = ?",
                        row -> row.getInt("answer_index"),
                        botId,
                        updateId,
                        source)
                .isPresent());
    }

    /**
     * Adds a regenerated answer inside the caller's transaction; returns its index, or empty when {@code source} was
     * regenerated meanwhile (the unique key keeps the first).
     */
    OptionalInt addAnswer(Tx tx, long botId, long updateId, int source, long userId, String text) {
        int next = tx.queryOne(
                        "SELECT COALESCE(MAX(answer_index), 0) + 1 AS next FROM turn_answers WHERE bot_id = ?"
                                + " AND update_id = ?",
                        row -> row.getInt("next"),
                        botId,
                        updateId)
                .orElse(1);
        int inserted = tx.update(
                "INSERT INTO turn_answers (bot_id, update_id, answer_index, source_index, user_id, content, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                botId,
                updateId,
                next,
                source,
                userId,
                cipher.seal(tx, new DataSubject(userId), text),
                clock.millis());
        return inserted == 1 ? OptionalInt.of(next) : OptionalInt.empty();
    }

    /** Thumbs up or down on one answer; a second press of either replaces the first. */
    void rate(long botId, long updateId, int index, long userId, int rating) {
        database.useTransaction(tx -> tx.update(
                "INSERT INTO turn_ratings (bot_id, update_id, answer_index, user_id, rating, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (bot_id, update_id, answer_index)"
                        + " DO UPDATE SET rating = excluded.rating, updated_at = excluded.updated_at",
                botId,
                updateId,
                index,
                userId,
                rating,
                clock.millis()));
    }

    /** The answer the user keeps among the turn's answers; a later choice replaces an earlier one. */
    void choose(long botId, long updateId, int index, long userId) {
        database.useTransaction(tx -> tx.update(
                "INSERT INTO turn_choices (bot_id, update_id, answer_index, user_id, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (bot_id, update_id)"
                        + " DO UPDATE SET answer_index = excluded.answer_index, updated_at = excluded.updated_at",
                botId,
                updateId,
                index,
                userId,
                clock.millis()));
    }

    /** Answer index to rating for the turn. */
    Map<Integer, Integer> ratings(Tx tx, long botId, long updateId) {
        Map<Integer, Integer> ratings = new TreeMap<>();
        tx.query(
                        "SELECT answer_index, rating FROM turn_ratings WHERE bot_id = ? AND update_id = ?",
                        row -> new int[] {row.getInt("answer_index"), row.getInt("rating")},
                        botId,
                        updateId)
                .forEach(pair -> ratings.put(pair[0], pair[1]));
        return ratings;
    }

    OptionalInt chosen(Tx tx, long botId, long updateId) {
        return tx.queryOne(
                        "SELECT answer_index FROM turn_choices WHERE bot_id = ? AND update_id = ?",
                        row -> row.getInt("answer_index"),
                        botId,
                        updateId)
                .map(OptionalInt::of)
                .orElse(OptionalInt.empty());
    }
}

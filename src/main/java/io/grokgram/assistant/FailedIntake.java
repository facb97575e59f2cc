package io.grokgram.assistant;

import io.grokgram.store.Database;
import java.time.Clock;
import java.util.UUID;

/**
 * Updates that could not be read, kept apart from the inbox with the reason, so a broken update never blocks the chat
 * behind it and an operator can still see what arrived. Owns the {@code failed_intake} table.
 */
final class FailedIntake {
    /** Enough to diagnose, bounded so a hostile update cannot fill the disk. */
    static final int MAX_PAYLOAD = 64 * 1024;

    private final Database database;
    private final Clock clock;

    FailedIntake(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    void record(long botId, long updateId, String reason, String payload) {
        String kept = payload.length() > MAX_PAYLOAD ? payload.substring(0, MAX_PAYLOAD) : payload;
        database.useTransaction(tx -> tx.update(
                "INSERT INTO failed_intake (id, bot_id, update_id, reason, payload, received_at) VALUES (?, ?, ?, ?, ?, ?)",
                UUID.randomUUID().toString(),
                botId,
                updateId,
                reason,
                kept,
                clock.millis()));
    }

    long count(long botId) {
        return database.inTransaction(tx -> tx.queryOne(
                        "SELECT COUNT(*) AS n FROM failed_intake WHERE bot_id = ?", row -> row.getLong("n"), botId)
                .orElse(0L));
    }
}

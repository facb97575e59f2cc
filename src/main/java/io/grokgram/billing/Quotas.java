package io.grokgram.billing;

import io.grokgram.store.Tx;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns taken from a user's daily quota or their extra turns. Every take is a conditional UPDATE ({@code used < limit},
 * {@code turns > 0}) that the database applies atomically, so concurrent turns of one user on any number of workers
 * never take more than there is: PostgreSQL re-checks the condition on the row's newest version after waiting for a
 * concurrent writer, SQLite has one writer at a time.
 */
final class Quotas {
    static final String DAILY = "daily";
    static final String EXTRA = "extra";

    /** A turn is given back within minutes; after this its reservation is pruned and a release does nothing. */
    private static final Duration KEEP_RESERVATIONS = Duration.ofDays(3);

    /** Takes one turn and returns its reservation id, or empty when neither the day's quota nor extra turns are left. */
    Optional<String> take(Tx tx, long userId, int dailyLimit, Instant now) {
        long day = UtcCalendar.day(now);
        String source = null;
        if (dailyLimit > 0) {
            // the first turn of a day creates the row; concurrent first turns meet on the primary key
            tx.update(
                    "INSERT INTO quota_usage (user_id, day, used) VALUES (?, ?, 0) ON CONFLICT DO NOTHING",
                    userId,
                    day);
            if (tx.update(
                            "UPDATE quota_usage SET used = used + 1 WHERE user_id = ? AND day = ? AND used < ?",
                            userId,
                            day,
                            dailyLimit)
                    == 1) {
                source = DAILY;
            }
        }
        if (source == null
                && tx.update(
                                "UPDATE extra_turns SET turns = turns - 1, updated_at = ? WHERE user_id = ? AND turns > 0",
                                now.toEpochMilli(),
                                userId)
                        == 1) {
            source = EXTRA;
        }
        if (source == null) {
            return Optional.empty();
        }
        String reservationId = "turn-" + UUID.randomUUID();
        tx.update(
                "INSERT INTO quota_reservations (reservation_id, user_id, day, source, state, created_at)"
                        + " VALUES (?, ?, ?, ?, 'taken', ?)",
                reservationId,
                userId,
                day,
                source,
                now.toEpochMilli());
        tx.update(
                "DELETE FROM quota_reservations WHERE user_id = ? AND created_at < ?",
                userId,
                now.minus(KEEP_RESERVATIONS).toEpochMilli());
        return Optional.of(reservationId);
    }

    /** Gives a taken turn back to where it came from; a second release of the same reservation does nothing. */
    void release(Tx tx, String reservationId, Instant now) {
        record Taken(long userId, long day, String source) {}
        Optional<Taken> taken = tx.queryOne(
                "SELECT user_id, day, source FROM quota_reservations WHERE reservation_id = ? AND state = 'taken'",
                row -> new Taken(row.getLong("user_id"), row.getLong("day"), row.getString("source")),
                reservationId);
        if (taken.isEmpty()
                || tx.update(
                                "UPDATE quota_reservations SET state = 'released' WHERE reservation_id = ?"
                                        + " AND state = 'taken'",
                                reservationId)
                        == 0) {
            return;
        }
        Taken turn = taken.get();
        if (turn.source().equals(DAILY)) {
            tx.update(
                    "UPDATE quota_usage SET used = used - 1 WHERE user_id = ? AND day = ? AND used > 0",
                    turn.userId(),
                    turn.day());
        } else {
            addExtra(tx, turn.userId(), 1, now);
        }
    }

    int usedOn(Tx tx, long userId, long day) {
        return tx.queryOne(
                        "SELECT used FROM quota_usage WHERE user_id = ? AND day = ?",
                        row -> row.getInt("used"),
                        userId,
                        day)
                .orElse(0);
    }

    int extraTurns(Tx tx, long userId) {
        return tx.queryOne("SELECT turns FROM extra_turns WHERE user_id = ?", row -> row.getInt("turns"), userId)
                .orElse(0);
    }

    /** Adds bought (or given back) extra turns and returns the new balance. */
    int addExtra(Tx tx, long userId, int turns, Instant now) {
        tx.update(
                "INSERT INTO extra_turns (user_id, turns, updated_at) VALUES (?, ?, ?) ON CONFLICT (user_id)"
                        + " DO UPDATE SET turns = extra_turns.turns + excluded.turns, updated_at = excluded.updated_at",
                userId,
                turns,
                now.toEpochMilli());
        return extraTurns(tx, userId);
    }

    /** Takes back up to {@code turns} extra turns (a refunded pack): what was used already cannot be taken back. */
    void removeExtra(Tx tx, long userId, int turns, Instant now) {
        tx.update(
                "UPDATE extra_turns SET turns = CASE WHEN turns > ? THEN turns - ? ELSE 0 END, updated_at = ?"
                        + " WHERE user_id = ?",
                turns,
                turns,
                now.toEpochMilli(),
                userId);
    }
}

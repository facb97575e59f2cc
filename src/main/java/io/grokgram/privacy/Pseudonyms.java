package io.grokgram.privacy;

import io.grokgram.store.Database;
import io.grokgram.store.Tx;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Each user's pseudonym (table {@code pseudonyms}): 128 random bits, drawn once, never derived from the Telegram id, so
 * nothing but this table links the two. Providers receive it as the request's {@code user} and audit records carry it;
 * deleting the user's row on erasure leaves those records unlinkable.
 *
 * <p>Not cached: it is one indexed read beside the audit write every request makes anyway, and erasure never has to
 * chase a stale copy.
 */
public final class Pseudonyms {
    private static final int RANDOM_BYTES = 16;
    private static final String PREFIX = "u-";

    private final Database database;
    private final SecureRandom random;
    private final Clock clock;

    public Pseudonyms(Database database, SecureRandom random, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The user's pseudonym, drawn on first use. Concurrent first calls agree: each tries to insert its own draw, the
     * primary key keeps the first, and all read back the one that was kept.
     */
    public String of(DataSubject subject) {
        Objects.requireNonNull(subject, "subject");
        return find(subject)
                .orElseGet(() -> database.inTransaction(tx -> {
                    tx.update(
                            "INSERT INTO pseudonyms (user_id, pseudonym, created_at) VALUES (?, ?, ?)"
                                    + " ON CONFLICT (user_id) DO NOTHING",
                            subject.telegramUserId(),
                            draw(),
                            clock.millis());
                    return find(tx, subject).orElseThrow();
                }));
    }

    /** The user's pseudonym if one was drawn (and not erased since). */
    public Optional<String> find(DataSubject subject) {
        Objects.requireNonNull(subject, "subject");
        return database.inTransaction(tx -> find(tx, subject));
    }

    Optional<String> find(Tx tx, DataSubject subject) {
        return tx.queryOne(
                "SELECT pseudonym FROM pseudonyms WHERE user_id = ?",
                row -> row.getString("pseudonym"),
                subject.telegramUserId());
    }

    /** Deletes the mapping inside the erasure's transaction; a later request draws a new, unrelated pseudonym. */
    int erase(Tx tx, DataSubject subject) {
        return tx.update("DELETE FROM pseudonyms WHERE user_id = ?", subject.telegramUserId());
    }

    private String draw() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return PREFIX + HexFormat.of().formatHex(bytes);
    }
}

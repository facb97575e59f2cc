package io.grokgram.privacy;

import io.grokgram.store.Database;
import io.grokgram.store.Row;
import io.grokgram.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The consent history (table {@code consents}): every consent given or withdrawn is appended, never changed, and the
 * newest record of a kind is the one in force. A consent counts only under the current policy version, so a new
 * version asks everyone again.
 *
 * <p>{@link #serviceGranted} is asked for every incoming message, so on a store only this process writes (the embedded
 * SQLite) the newest record per user and kind is cached in memory; {@link #record} and erasure update the cache at once,
 * so a withdrawal stops the very next request. On a store several processes share (workers on one PostgreSQL) nothing
 * is cached: a consent given, withdrawn or erased through one worker must hold on every other at once, or a worker
 * that once saw "granted" would go on sending a user's messages to the provider after the user withdrew through
 * another. Each answer is then one indexed read.
 */
public final class Consents {
    private static final int MAX_LANGUAGE_LENGTH = 35; // the longest BCP 47 tag in common use
    private static final int INSERT_ATTEMPTS = 5;

    private final Database database;
    private final int policyVersion;
    private final Clock clock;
    private final Map<Key, Newest> newest = new ConcurrentHashMap<>();
    private final boolean onlyWriter;

    private record Key(long userId, ConsentKind kind) {}

    /** The newest record known here and its place in the user's history (0 with no record). */
    private record Newest(int seq, Optional<ConsentRecord> record) {
        static final Newest NONE = new Newest(0, Optional.empty());

        Newest later(Newest other) {
            return other.seq > seq ? other : this;
        }
    }

    /** Consents in a store only this process writes: cached (see the class comment). */
    public Consents(Database database, int policyVersion, Clock clock) {
        this(database, policyVersion, clock, true);
    }

    /**
     * @param onlyWriter whether this process is the store's only writer (the embedded SQLite): then the newest records
     *     are cached; with a store other processes write (PostgreSQL shared by workers), every answer is read from it
     */
    public Consents(Database database, int policyVersion, Clock clock, boolean onlyWriter) {
        this.onlyWriter = onlyWriter;
        this.database = Objects.requireNonNull(database, "database");
        if (policyVersion < 1) {
            throw new IllegalArgumentException("the policy version must be at least 1, got " + policyVersion);
        }
        this.policyVersion = policyVersion;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The version of the privacy policy in force; consents given under another version do not count. */
    public int policyVersion() {
        return policyVersion;
    }

    /**
     * Appends a consent given ({@code granted}) or withdrawn under the current policy version, and puts it in force at
     * once.
     *
     * @param language the language the user read the policy in, e.g. {@code en} (empty when unknown)
     */
    public ConsentRecord record(DataSubject subject, ConsentKind kind, boolean granted, String language) {
        return record(subject, kind, granted, language, 0);
    }

    /**
     * Appends a consent as {@link #record(DataSubject, ConsentKind, boolean, String)} does, also recording which version
     * of the text in {@code language} the user read (each language's consent text has its own version).
     */
    public ConsentRecord record(
            DataSubject subject, ConsentKind kind, boolean granted, String language, int textVersion) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(language, "language");
        if (language.length() > MAX_LANGUAGE_LENGTH) {
            throw new IllegalArgumentException(
                    "a language tag has at most " + MAX_LANGUAGE_LENGTH + " characters, got " + language.length());
        }
        ConsentRecord record = new ConsentRecord(
                subject, kind, granted, policyVersion, language, Instant.ofEpochMilli(clock.millis()), textVersion);
        int seq = database.inTransaction(tx -> insert(tx, record));
        // After the commit, and only if newer: a reader that loaded an older record meanwhile, or a concurrent
        // record() that committed before this one but reaches the cache after it, never wins over this one.
        newest.merge(new Key(subject.telegramUserId(), kind), new Newest(seq, Optional.of(record)), Newest::later);
        return record;
    }

    /**
     * For the operator: per policy version and kind, how many users' newest record of that kind was given under that
     * version, granted and withdrawn. Counts only; no user ids.
     */
    public List<ConsentTally> tally() {
        return database.inTransaction(tx -> tx.query(
                "SELECT c.policy_version, c.kind, SUM(c.granted) AS granted, COUNT(*) - SUM(c.granted) AS withdrawn"
                        + " FROM consents c WHERE c.seq = (SELECT MAX(n.seq) FROM consents n"
                        + " WHERE n.user_id = c.user_id AND n.kind = c.kind)"
                        + " GROUP BY c.policy_version, c.kind ORDER BY c.policy_version DESC, c.kind",
                row -> new ConsentTally(
                        row.getInt("policy_version"),
                        ConsentKind.valueOf(row.getString("kind")),
                        row.getLong("granted"),
                        row.getLong("withdrawn"))));
    }

    /** One line of {@link #tally()}. */
    public record ConsentTally(int policyVersion, ConsentKind kind, long granted, long withdrawn) {}

    /** Whether the user's newest service consent is granted under the current policy version. */
    public boolean serviceGranted(DataSubject subject) {
        return granted(subject, ConsentKind.SERVICE);
    }

    /** Whether the user's newest training consent is granted under the current policy version. */
    public boolean trainingGranted(DataSubject subject) {
        return granted(subject, ConsentKind.TRAINING);
    }

    /** The user's newest record of {@code kind}, whatever its version; empty when there is none. */
    public Optional<ConsentRecord> latest(DataSubject subject, ConsentKind kind) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(kind, "kind");
        if (!onlyWriter) {
            return load(subject, kind).record(); // another process may have changed it a moment ago
        }
        return newest.computeIfAbsent(new Key(subject.telegramUserId(), kind), key -> load(subject, kind))
                .record();
    }

    private boolean granted(DataSubject subject, ConsentKind kind) {
        return latest(subject, kind).filter(r -> r.grantsUnder(policyVersion)).isPresent();
    }

    /**
     * The user's whole history, oldest first, read from the store (not the cache): what the training dataset asks to
     * learn whether a consent was in force when a turn was written.
     */
    public List<ConsentRecord> history(DataSubject subject) {
        Objects.requireNonNull(subject, "subject");
        return database.inTransaction(tx -> history(tx, subject));
    }

    /** The user's whole history, oldest first, for an export. */
    List<ConsentRecord> history(Tx tx, DataSubject subject) {
        return tx.query(
                "SELECT kind, granted, policy_version, language, text_version, recorded_at FROM consents WHERE user_id = ?"
                        + " ORDER BY seq",
                row -> read(subject, row),
                subject.telegramUserId());
    }

    /**
     * Deletes the user's history inside the erasure's transaction, and forgets it here at once. If that transaction
     * rolls back the cache still says "no consent" until a restart: the user is asked again, never answered without.
     */
    int erase(Tx tx, DataSubject subject) {
        for (ConsentKind kind : ConsentKind.values()) {
            newest.put(new Key(subject.telegramUserId(), kind), Newest.NONE);
        }
        return tx.update("DELETE FROM consents WHERE user_id = ?", subject.telegramUserId());
    }

    private Newest load(DataSubject subject, ConsentKind kind) {
        return database.inTransaction(tx -> tx.queryOne(
                        "SELECT seq, kind, granted, policy_version, language, text_version, recorded_at FROM consents"
                                + " WHERE user_id = ? AND kind = ? AND seq = (SELECT MAX(seq) FROM consents"
                                + " WHERE user_id = ? AND kind = ?)",
                        row -> new Newest(row.getInt("seq"), Optional.of(read(subject, row))),
                        subject.telegramUserId(),
                        kind.name(),
                        subject.telegramUserId(),
                        kind.name())
                .orElse(Newest.NONE));
    }

    /**
     * Appends with the user's next sequence number. Two writers for the same user (a double tap) can pick the same
     * number on PostgreSQL; the loser's insert does nothing and it takes the next one (its statement then sees the
     * winner's committed row). Returns the record's sequence number.
     */
    private static int insert(Tx tx, ConsentRecord record) {
        long user = record.subject().telegramUserId();
        for (int attempt = 0; attempt < INSERT_ATTEMPTS; attempt++) {
            String id = UUID.randomUUID().toString();
            int inserted = tx.update(
                    "INSERT INTO consents (id, user_id, seq, kind, granted, policy_version, language, text_version,"
                            + " recorded_at) SELECT ?, ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ?, ? FROM consents"
                            + " WHERE user_id = ?"
                            + " ON CONFLICT (user_id, seq) DO NOTHING",
                    id,
                    user,
                    record.kind().name(),
                    record.granted() ? 1 : 0,
                    record.policyVersion(),
                    record.language(),
                    record.textVersion(),
                    record.recordedAt().toEpochMilli(),
                    user);
            if (inserted == 1) {
                return tx.queryOne("SELECT seq FROM consents WHERE id = ?", row -> row.getInt("seq"), id)
                        .orElseThrow();
            }
        }
        throw new IllegalStateException("could not append a consent record after " + INSERT_ATTEMPTS
                + " attempts: too many for one user at once");
    }

    private static ConsentRecord read(DataSubject subject, Row row) {
        return new ConsentRecord(
                subject,
                ConsentKind.valueOf(row.getString("kind")),
                row.getInt("granted") == 1,
                row.getInt("policy_version"),
                row.getString("language"),
                Instant.ofEpochMilli(row.getLong("recorded_at")),
                row.getInt("text_version"));
    }
}

package io.grokgram.console;

import io.grokgram.store.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Sign-in links and sessions of the console, in its own tables. Tokens are 256 random bits; only their SHA-256 is
 * stored, so a copy of the database signs nobody in. A link works once and until it expires; a session until it
 * expires or its operator signs out.
 */
public final class Operators {
    private final Database database;
    private final SecureRandom random;
    private final Clock clock;

    public Operators(Database database, SecureRandom random, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A signed-in operator: who (for logs), their role, and the CSRF token every change must carry. */
    public record Session(String id, String operator, OperatorRole role, String csrf) {
        public Session {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(csrf, "csrf");
        }
    }

    private record Link(String label, OperatorRole role) {}

    /** A new one-time link's token for {@code role}; {@code label} names the operator in logs. */
    public String createLink(OperatorRole role, String label, Duration validFor) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(label, "label");
        if (validFor.isNegative() || validFor.isZero()) {
            throw new IllegalArgumentException("a sign-in link must be valid for some time, got " + validFor);
        }
        String token = token();
        long now = clock.millis();
        // expired links and sessions are worth nothing: each new link sweeps them away
        prune();
        database.useTransaction(tx -> tx.update(
                "INSERT INTO console_links (token_sha256, role, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                sha256(token),
                role.word(),
                label,
                now,
                now + validFor.toMillis()));
        return token;
    }

    /**
     * Spends a link: the one call that finds it unused and unexpired marks it used (a conditional UPDATE, so two
     * concurrent sign-ins with one link cannot both win) and gets a session.
     */
    public Optional<Session> redeem(String token, Duration sessionLength) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        String hash = sha256(token);
        long now = clock.millis();
        Optional<Link> spent = database.inTransaction(tx -> {
            int won = tx.update(
                    "UPDATE console_links SET used_at = ? WHERE token_sha256 = ? AND used_at IS NULL AND expires_at > ?",
                    now,
                    hash,
                    now);
            if (won == 0) {
                return Optional.<Link>empty();
            }
            return tx.queryOne(
                    "SELECT role, label FROM console_links WHERE token_sha256 = ?",
                    row -> new Link(
                            row.getString("label"),
                            OperatorRole.parse(row.getString("role")).orElseThrow()),
                    hash);
        });
        return spent.map(link -> open(link.label(), link.role(), sessionLength));
    }

    /** A session for an operator who proved who they are some other way (the Telegram Login Widget). */
    public Session open(String operator, OperatorRole role, Duration sessionLength) {
        String id = token();
        String csrf = token();
        long now = clock.millis();
        database.useTransaction(tx -> tx.update(
                "INSERT INTO console_sessions (session_sha256, operator, role, csrf, created_at, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                sha256(id),
                operator,
                role.word(),
                csrf,
                now,
                now + sessionLength.toMillis()));
        return new Session(id, operator, role, csrf);
    }

    /** The live session with this id, if any. */
    public Optional<Session> session(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        long now = clock.millis();
        return database.inTransaction(tx -> tx.queryOne(
                "SELECT operator, role, csrf FROM console_sessions WHERE session_sha256 = ? AND expires_at > ?",
                row -> new Session(
                        id,
                        row.getString("operator"),
                        OperatorRole.parse(row.getString("role")).orElseThrow(),
                        row.getString("csrf")),
                sha256(id),
                now));
    }

    public void close(Session session) {
        database.useTransaction(
                tx -> tx.update("DELETE FROM console_sessions WHERE session_sha256 = ?", sha256(session.id())));
    }

    /** Drops expired links and sessions. */
    public void prune() {
        long now = clock.millis();
        database.useTransaction(tx -> {
            tx.update("DELETE FROM console_links WHERE expires_at <= ?", now);
            tx.update("DELETE FROM console_sessions WHERE expires_at <= ?", now);
        });
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

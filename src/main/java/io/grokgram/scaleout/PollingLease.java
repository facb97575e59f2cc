package io.grokgram.scaleout;

import io.grokgram.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The right to long-poll a bot's updates, held by one ingress at a time: a row in {@code intake_lease} with its
 * holder and expiry. Taking it and renewing it are one conditional upsert, so of two ingresses asking at once exactly
 * one gets it; the other gets it only after the holder stopped renewing and the expiry passed. Expiry is measured on
 * the ingresses' clocks, which must agree to well within the lease (NTP does that easily). Owns the {@code
 * intake_lease} table.
 */
public final class PollingLease {
    private final Database database;
    private final long botId;
    private final String holder;
    private final Duration length;
    private final Clock clock;

    public PollingLease(Database database, long botId, String holder, Duration length, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.botId = botId;
        this.holder = Objects.requireNonNull(holder, "holder");
        this.length = Objects.requireNonNull(length, "length");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (holder.isBlank() || holder.length() > 200) {
            throw new IllegalArgumentException("a lease holder is 1 to 200 characters, got '" + holder + "'");
        }
    }

    /** Takes the lease, or renews it when this holder has it; false while another holder's lease runs. */
    public boolean acquire() {
        long now = clock.millis();
        return database.inTransaction(tx -> tx.update(
                        "INSERT INTO intake_lease (bot_id, holder, expires_at) VALUES (?, ?, ?)"
                                + " ON CONFLICT (bot_id) DO UPDATE SET holder = excluded.holder,"
                                + " expires_at = excluded.expires_at"
                                + " WHERE intake_lease.expires_at <= ? OR intake_lease.holder = excluded.holder",
                        botId,
                        holder,
                        now + length.toMillis(),
                        now)
                == 1);
    }

    /** Gives the lease up (a clean stop), so another ingress need not wait for it to expire. */
    public void release() {
        database.useTransaction(
                tx -> tx.update("DELETE FROM intake_lease WHERE bot_id = ? AND holder = ?", botId, holder));
    }

    public Duration length() {
        return length;
    }

    public String holder() {
        return holder;
    }
}

package io.grokgram.billing;

import io.grokgram.store.Tx;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards the operator's provider bill: the month's metered cost against the configured cap, and a pause after the
 * provider said its credits ran out. Only free turns pause; paying users keep their service. The month's cost is one
 * row ({@code provider_spend}) that metering adds to, so the check on every turn reads one row, not a month of usage.
 * The operator hears of 80 % and 100 % once a month each (the row remembers it, for every worker).
 */
final class SpendCap {
    private static final Logger log = LoggerFactory.getLogger(SpendCap.class);
    private static final String CREDITS_PAUSED_UNTIL = "credits_paused_until";
    private static final int WARN_PERCENT = 80;

    private final long capNanoUsd;
    private final Duration outOfCreditsPause;

    SpendCap(long capNanoUsd, Duration outOfCreditsPause) {
        this.capNanoUsd = capNanoUsd;
        this.outOfCreditsPause = outOfCreditsPause;
    }

    /** Until when free turns are paused, if they are now; tells the operator when the month crosses 80 % or 100 %. */
    Optional<Instant> freeTurnsPausedUntil(Tx tx, Instant now) {
        Optional<Instant> credits = tx.queryOne(
                        "SELECT value FROM billing_state WHERE name = ?",
                        row -> Instant.ofEpochMilli(Long.parseLong(row.getString("value"))),
                        CREDITS_PAUSED_UNTIL)
                .filter(until -> until.isAfter(now));
        if (capNanoUsd == 0) {
            return credits;
        }
        YearMonth month = UtcCalendar.month(now);
        long spent = spent(tx, month);
        int percent = percentOfCap(spent);
        if (percent >= WARN_PERCENT) {
            announce(tx, month, spent, percent >= 100 ? 100 : WARN_PERCENT);
        }
        if (percent < 100) {
            return credits;
        }
        Instant nextMonth = UtcCalendar.startOf(month.plusMonths(1));
        return Optional.of(credits.filter(until -> until.isAfter(nextMonth)).orElse(nextMonth));
    }

    /** Adds a turn's cost to its month. */
    void add(Tx tx, Instant at, long costNanoUsd) {
        tx.update(
                "INSERT INTO provider_spend (month, cost_nano_usd, warned) VALUES (?, ?, 0) ON CONFLICT (month)"
                        + " DO UPDATE SET cost_nano_usd = provider_spend.cost_nano_usd + excluded.cost_nano_usd",
                UtcCalendar.month(at).toString(),
                costNanoUsd);
    }

    static long spent(Tx tx, YearMonth month) {
        return tx.queryOne(
                        "SELECT cost_nano_usd FROM provider_spend WHERE month = ?",
                        row -> row.getLong("cost_nano_usd"),
                        month.toString())
                .orElse(0L);
    }

    /** Pauses free turns for the configured time: the provider refuses every call until someone buys credits. */
    Instant outOfCredits(Tx tx, Instant now) {
        Instant until = now.plus(outOfCreditsPause);
        tx.update(
                "INSERT INTO billing_state (name, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (name)"
                        + " DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                CREDITS_PAUSED_UNTIL,
                Long.toString(until.toEpochMilli()),
                now.toEpochMilli());
        return until;
    }

    private int percentOfCap(long spent) {
        return BigDecimal.valueOf(spent)
                .multiply(BigDecimal.valueOf(100))
                .divideToIntegralValue(BigDecimal.valueOf(capNanoUsd))
                .min(BigDecimal.valueOf(1_000))
                .intValueExact();
    }

    private void announce(Tx tx, YearMonth month, long spent, int level) {
        int changed = tx.update(
                "UPDATE provider_spend SET warned = ? WHERE month = ? AND warned < ?", level, month.toString(), level);
        if (changed == 0) {
            return;
        }
        String spentUsd = Money.usd(spent);
        String capUsd = Money.usd(capNanoUsd);
        if (level == 100) {
            log.warn(
                    "provider spend cap reached: {} USD of {} USD in {}; free turns are paused until the month ends"
                            + " (paying users keep their service)",
                    spentUsd,
                    capUsd,
                    month);
        } else {
            log.warn(
                    "provider spend at {} % of the monthly cap: {} USD of {} USD in {}; free turns pause at 100 %",
                    WARN_PERCENT, spentUsd, capUsd, month);
        }
    }
}

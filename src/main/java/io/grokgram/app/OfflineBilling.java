package io.grokgram.app;

import io.grokgram.billing.Billing;
import io.grokgram.store.Database;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The billing room over the configured database, for the operator's commands ({@code ledger settle}, {@code billing
 * report}, {@code payments refund}) that run beside the bot, not inside it. Migrates first, as {@code run} does, so a
 * statement never fails on a store one release behind.
 */
record OfflineBilling(Config config, Database database, Billing billing) implements AutoCloseable {

    static OfflineBilling open(Map<String, String> environment, Clock clock) {
        Config config = ConfigLoader.load(environment, ConfigLoader.Mode.OFFLINE);
        Database database =
                Database.open(config.store().database(), config.store().poolSize(), Duration.ofSeconds(10));
        try {
            database.migrate();
            Billing billing = new Billing(
                    database, config.billing().plans(), config.billing().settings(), clock, new SimpleMeterRegistry());
            return new OfflineBilling(config, database, billing);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** {@code 2026-11}, with a message naming the option when it is something else. */
    static YearMonth month(String value) {
        try {
            return YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--month '" + value + "' is not a month such as 2026-11");
        }
    }

    @Override
    public void close() {
        database.close();
    }
}

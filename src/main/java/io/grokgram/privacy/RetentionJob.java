package io.grokgram.privacy;

import io.grokgram.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes content older than the configured retention, once a day, each holder in a transaction of its own. A maximum
 * age of zero keeps everything (the job does nothing). Audit records are not content and are never expired.
 */
public final class RetentionJob implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);
    private static final Duration INTERVAL = Duration.ofDays(1);

    private final Database database;
    private final List<PersonalDataHolder> holders;
    private final Duration maxAge;
    private final Clock clock;
    private volatile Thread worker;

    public RetentionJob(Database database, List<PersonalDataHolder> holders, Duration maxAge, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.holders = List.copyOf(holders);
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("the retention must not be negative, got " + maxAge);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Deletes what is older than the retention now; returns the rows deleted in all. */
    public int runOnce() {
        if (maxAge.isZero()) {
            return 0;
        }
        long cutoff = clock.millis() - maxAge.toMillis();
        int total = 0;
        for (PersonalDataHolder holder : holders) {
            int deleted = database.inTransaction(tx -> holder.expire(tx, cutoff));
            if (deleted > 0) {
                log.info(
                        "retention: deleted {} rows of {} older than {} days", deleted, holder.name(), maxAge.toDays());
            }
            total += deleted;
        }
        return total;
    }

    /** Runs now and then daily on a virtual thread, until {@link #close()}. Does nothing when everything is kept. */
    public void start() {
        if (maxAge.isZero() || worker != null) {
            return;
        }
        worker = Thread.ofVirtual().name("privacy-retention").start(this::daily);
    }

    private void daily() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                runOnce();
            } catch (RuntimeException e) {
                log.warn("retention run failed; trying again in a day: {}", e.getMessage());
            }
            try {
                Thread.sleep(INTERVAL);
            } catch (InterruptedException e) {
                return; // close(): the thread ends here, nothing to restore it for
            }
        }
    }

    @Override
    public void close() {
        Thread running = worker;
        if (running != null) {
            running.interrupt();
            try {
                running.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package io.grokgram.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.grokgram.sandbox.MutableClock;
import io.grokgram.store.Database;
import io.grokgram.store.TestDatabases;
import io.grokgram.store.Tx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetentionJobTest {
    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void content_older_than_the_retention_goes_and_newer_content_stays(String kind) {
        try (Database database = TestDatabases.open(kind, dir)) {
            database.useTransaction(tx -> tx.update("CREATE TABLE retention_probe (created_at BIGINT NOT NULL)"));
            insert(database, Instant.parse("2025-01-01T00:00:00Z")); // 424 days old
            insert(database, Instant.parse("2025-03-01T09:00:00Z")); // a year and an hour
            insert(database, Instant.parse("2025-03-01T11:00:00Z")); // an hour short of a year
            insert(database, Instant.parse("2026-02-28T00:00:00Z"));
            RetentionJob job = new RetentionJob(database, List.of(new Probe()), Duration.ofDays(365), clock);

            assertThat(job.runOnce()).isEqualTo(2);
            assertThat(job.runOnce()).as("nothing more to delete").isZero();
            assertThat(rows(database)).isEqualTo(2);

            clock.advance(Duration.ofHours(2));
            assertThat(job.runOnce()).isOne();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_retention_of_zero_keeps_everything(String kind) {
        try (Database database = TestDatabases.open(kind, dir)) {
            database.useTransaction(tx -> tx.update("CREATE TABLE retention_probe (created_at BIGINT NOT NULL)"));
            insert(database, Instant.parse("2000-01-01T00:00:00Z"));
            RetentionJob job = new RetentionJob(database, List.of(new Probe()), Duration.ZERO, clock);

            job.start();
            job.close();

            assertThat(job.runOnce()).isZero();
            assertThat(rows(database)).isOne();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void started_it_runs_at_once_and_stops_on_close(String kind) {
        try (Database database = TestDatabases.open(kind, dir)) {
            database.useTransaction(tx -> tx.update("CREATE TABLE retention_probe (created_at BIGINT NOT NULL)"));
            insert(database, Instant.parse("2000-01-01T00:00:00Z"));

            try (RetentionJob job = new RetentionJob(database, List.of(new Probe()), Duration.ofDays(30), clock)) {
                job.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> rows(database) == 0);
            }
        }
    }

    private static void insert(Database database, Instant at) {
        database.useTransaction(
                tx -> tx.update("INSERT INTO retention_probe (created_at) VALUES (?)", at.toEpochMilli()));
    }

    private static long rows(Database database) {
        return database.<List<Long>>inTransaction(
                        tx -> tx.query("SELECT COUNT(*) AS n FROM retention_probe", row -> row.getLong("n")))
                .getFirst();
    }

    /** A room's holder over a table of its own. */
    private static final class Probe implements PersonalDataHolder {
        @Override
        public String name() {
            return "probe";
        }

        @Override
        public JsonNode export(Tx tx, DataSubject subject) {
            return NullNode.getInstance();
        }

        @Override
        public Map<String, Integer> erase(Tx tx, DataSubject subject) {
            return Map.of();
        }

        @Override
        public int expire(Tx tx, long cutoffMillis) {
            return tx.update("DELETE FROM retention_probe WHERE created_at < ?", cutoffMillis);
        }
    }
}

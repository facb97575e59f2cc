package io.grokgram.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void migrating_twice_applies_nothing_the_second_time(String kind) {
        try (Database database = TestDatabases.open(kind, dir)) {
            assertThat(database.migrate()).isZero();
            assertThat(database.isReachable()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_failed_transaction_leaves_nothing_behind(String kind) {
        try (Database database = TestDatabases.open(kind, dir)) {
            assertThatThrownBy(() -> database.useTransaction(tx -> {
                        tx.update(
                                "INSERT INTO intake_offset (bot_id, next_offset, updated_at) VALUES (?, ?, ?)",
                                1L,
                                5L,
                                0L);
                        throw new IllegalStateException("boom");
                    }))
                    .hasMessage("boom");

            assertThat(database.<List<Long>>inTransaction(
                            tx -> tx.query("SELECT * FROM intake_offset", row -> row.getLong("bot_id"))))
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void insert_on_conflict_do_nothing_is_a_no_op_on_both_engines(String kind) {
        try (Database database = TestDatabases.open(kind, dir)) {
            String insert = "INSERT INTO intake_offset (bot_id, next_offset, updated_at) VALUES (?, ?, ?)"
                    + " ON CONFLICT DO NOTHING";
            int first = database.inTransaction(tx -> tx.update(insert, 7L, 1L, 0L));
            int second = database.inTransaction(tx -> tx.update(insert, 7L, 2L, 0L));

            assertThat(first).isOne();
            assertThat(second).isZero();
            assertThat(database.<Optional<Long>>inTransaction(tx -> tx.queryOne(
                            "SELECT next_offset FROM intake_offset WHERE bot_id = ?",
                            row -> row.getLong("next_offset"),
                            7L)))
                    .contains(1L);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void concurrent_writers_on_virtual_threads_all_commit(String kind) throws Exception {
        try (Database database = TestDatabases.open(kind, dir);
                ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> writes = new ArrayList<>();
            for (long bot = 1; bot <= 200; bot++) {
                long id = bot;
                writes.add(executor.submit(() -> database.inTransaction(tx -> tx.update(
                        "INSERT INTO intake_offset (bot_id, next_offset, updated_at) VALUES (?, ?, ?)", id, id, 0L))));
            }
            for (Future<Integer> write : writes) {
                assertThat(write.get()).isOne();
            }
            assertThat(database.<Optional<Long>>inTransaction(
                            tx -> tx.queryOne("SELECT COUNT(*) AS n FROM intake_offset", row -> row.getLong("n"))))
                    .contains(200L);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "jdbc:postgresql://db.example/grok?user=a&password=hunter2",
                "jdbc:postgresql://alice:hunter2@db.example/grok"
            })
    void urls_are_shown_without_passwords(String url) {
        assertThat(Database.redact(url)).doesNotContain("hunter2");
    }

    @org.junit.jupiter.api.Test
    void a_nested_transaction_fails_at_once_instead_of_waiting_for_a_second_connection() {
        try (Database database = TestDatabases.sqlite(dir)) {
            assertThatThrownBy(() -> database.useTransaction(outer -> database.useTransaction(inner -> {})))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("nested transaction");
            assertThat(database.isReachable()).isTrue();
        }
    }

    @org.junit.jupiter.api.Test
    void sqlite_keeps_a_page_cache_large_enough_for_many_conversations() {
        try (Database database = TestDatabases.sqlite(dir)) {
            long kib = database.inTransaction(tx -> tx.queryOne("PRAGMA cache_size", row -> row.getLong("cache_size"))
                    .orElseThrow());
            assertThat(kib)
                    .isEqualTo(Long.parseLong(Database.SQLITE_CACHE_SIZE))
                    .isLessThan(-2000);
        }
    }

    @org.junit.jupiter.api.Test
    void statements_kept_between_transactions_see_new_rows_and_a_query_inside_the_same_query_works() {
        try (Database database = TestDatabases.sqlite(dir)) {
            String insert = "INSERT INTO intake_offset (bot_id, next_offset, updated_at) VALUES (?, ?, ?)";
            String select = "SELECT bot_id, next_offset FROM intake_offset WHERE bot_id >= ? ORDER BY bot_id";
            for (long bot = 1; bot <= 3; bot++) {
                long id = bot;
                database.useTransaction(tx -> tx.update(insert, id, id * 10, 0L));
                List<Long> bots = database.inTransaction(tx -> tx.query(select, row -> row.getLong("bot_id"), 1L));
                assertThat(bots).hasSize((int) bot);
            }
            List<List<Long>> nested = database.inTransaction(tx -> tx.query(
                    select, row -> tx.query(select, inner -> inner.getLong("next_offset"), row.getLong("bot_id")), 2L));
            assertThat(nested).containsExactly(List.of(20L, 30L), List.of(30L));
            assertThatThrownBy(() -> database.useTransaction(tx -> tx.update(insert, 1L, 99L, 0L)))
                    .isInstanceOf(StoreException.StatementFailed.class);
            database.useTransaction(tx -> tx.update(insert, 4L, 40L, 0L));
            List<Long> offsets = database.inTransaction(tx -> tx.query(select, row -> row.getLong("next_offset"), 1L));
            assertThat(offsets).containsExactly(10L, 20L, 30L, 40L);
        }
    }
}

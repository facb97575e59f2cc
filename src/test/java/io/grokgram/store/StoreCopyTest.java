package io.grokgram.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bulk copy from a real SQLite file into a real PostgreSQL schema, and the verifier that proves it. */
class StoreCopyTest {
    private static final List<String> SCHEMA_TABLES = List.of(
            "account_blocks",
            "audit_outcomes",
            "audit_requests",
            "audit_searches",
            "billing_state",
            "chats",
            "consents",
            "console_links",
            "console_sessions",
            "conversation_messages",
            "conversations",
            "data_requests",
            "extra_turns",
            "failed_intake",
            "group_settings",
            "inbox",
            "intake_lease",
            "intake_offset",
            "language_choices",
            "ledger_postings",
            "ledger_transactions",
            "payments",
            "plan_grants",
            "provider_spend",
            "pseudonyms",
            "quota_reservations",
            "quota_usage",
            "refunds",
            "reply_parts",
            "subscriptions",
            "turn_answers",
            "turn_choices",
            "turn_ratings",
            "turn_usage",
            "usage_meter",
            "user_keys");

    @TempDir
    Path dir;

    private Database sqlite;
    private Database postgres;
    private final List<String> progress = new ArrayList<>();

    @BeforeEach
    void open() {
        sqlite = TestDatabases.sqlite(dir);
        postgres = TestDatabases.postgres();
    }

    @AfterEach
    void close() {
        sqlite.close();
        postgres.close();
    }

    @Test
    void every_table_of_the_schema_arrives_with_the_same_count_and_checksum() {
        populate(sqlite);

        CopyOutcome outcome = copy();

        assertThat(outcome).isInstanceOf(CopyOutcome.Copied.class);
        List<TableCheck> tables = ((CopyOutcome.Copied) outcome).tables();
        assertThat(tables).extracting(TableCheck::table).containsExactlyElementsOf(SCHEMA_TABLES);
        assertThat(tables).allMatch(TableCheck::matches);
        assertThat(tables)
                .filteredOn(t -> t.table().equals("billing_state"))
                .singleElement()
                .satisfies(t -> assertThat(t.targetRows()).isEqualTo(7));
        assertThat(((CopyOutcome.Copied) outcome).sequences()).isEmpty();
        assertThat(new StoreCopy(sqlite, postgres).verify()).allMatch(TableCheck::matches);
        assertThat(progress).contains("billing_state 7/7", "intake_offset 3/3", "refunds 0/0");
    }

    @Test
    void values_arrive_exactly_extreme_integers_nulls_and_any_text() {
        populate(sqlite);

        copy();

        for (String sql : List.of(
                "SELECT bot_id, next_offset, updated_at FROM intake_offset ORDER BY bot_id",
                "SELECT name, value, updated_at FROM billing_state ORDER BY updated_at",
                "SELECT charge_id, user_id, period_end, payload, total_amount FROM payments ORDER BY paid_at",
                "SELECT bot_id, update_id, final_text, message_id, user_id, inline_message_id, payload FROM inbox"
                        + " ORDER BY update_id")) {
            assertThat(rows(postgres, sql)).as(sql).isEqualTo(rows(sqlite, sql)).isNotEmpty();
        }
        assertThat(rows(postgres, "SELECT bot_id, next_offset FROM intake_offset ORDER BY bot_id"))
                .contains(List.of(String.valueOf(Long.MAX_VALUE), String.valueOf(Long.MIN_VALUE)));
        assertThat(rows(postgres, "SELECT user_id, period_end FROM payments ORDER BY paid_at"))
                .contains(Arrays.asList(null, null));
    }

    @Test
    void a_long_table_reports_progress_as_it_goes() {
        sqlite.useTransaction(tx -> {
            for (long bot = 1; bot <= 25_000; bot++) {
                tx.update("INSERT INTO intake_offset (bot_id, next_offset, updated_at) VALUES (?, ?, ?)", bot, bot, 0L);
            }
        });

        assertThat(copy()).isInstanceOf(CopyOutcome.Copied.class);

        assertThat(progress)
                .filteredOn(line -> line.startsWith("intake_offset "))
                .containsExactly("intake_offset 10000/25000", "intake_offset 20000/25000", "intake_offset 25000/25000");
        assertThat(count(postgres, "intake_offset")).isEqualTo(25_000);
    }

    @Test
    void a_target_that_already_holds_rows_is_refused_and_left_as_it_was() {
        populate(sqlite);
        assertThat(copy()).isInstanceOf(CopyOutcome.Copied.class);
        long before = count(postgres, "billing_state");

        CopyOutcome second = copy();

        assertThat(second).isInstanceOf(CopyOutcome.TargetNotEmpty.class);
        assertThat(((CopyOutcome.TargetNotEmpty) second).rows()).containsEntry("billing_state", 7L);
        assertThat(count(postgres, "billing_state")).isEqualTo(before);
    }

    @Test
    void the_verifier_finds_a_row_changed_in_the_target_after_the_copy() {
        populate(sqlite);
        copy();

        postgres.useTransaction(
                tx -> tx.update("UPDATE payments SET total_amount = total_amount + 1 WHERE charge_id = 'ch2'"));
        List<TableCheck> checks = new StoreCopy(sqlite, postgres).verify();

        assertThat(checks)
                .filteredOn(t -> !t.matches())
                .extracting(TableCheck::table)
                .containsExactly("payments");
        TableCheck payments = checks.stream()
                .filter(t -> t.table().equals("payments"))
                .findFirst()
                .orElseThrow();
        assertThat(payments.targetRows()).isEqualTo(payments.sourceRows());
        assertThat(payments.targetSha256()).isNotEqualTo(payments.sourceSha256());
    }

    @Test
    void the_verifier_finds_a_row_missing_and_a_null_that_became_a_value() {
        populate(sqlite);
        copy();

        postgres.useTransaction(tx -> {
            tx.update("DELETE FROM consents WHERE user_id = 42 AND seq = 2");
            tx.update("UPDATE payments SET user_id = 0 WHERE user_id IS NULL");
        });
        List<TableCheck> checks = new StoreCopy(sqlite, postgres).verify();

        assertThat(checks)
                .filteredOn(t -> !t.matches())
                .extracting(TableCheck::table)
                .containsExactly("consents", "payments");
        assertThat(checks)
                .filteredOn(t -> t.table().equals("consents"))
                .singleElement()
                .satisfies(t -> assertThat(t.targetRows()).isEqualTo(t.sourceRows() - 1));
    }

    @Test
    void a_copy_that_does_not_verify_is_rolled_back() {
        populate(sqlite);
        // a trigger on the target quietly changes what arrives: the verification must catch it before the commit
        postgres.useTransaction(tx -> {
            tx.update("CREATE FUNCTION shout() RETURNS trigger AS $$ BEGIN NEW.language := upper(NEW.language);"
                    + " RETURN NEW; END $$ LANGUAGE plpgsql");
            tx.update("CREATE TRIGGER shout BEFORE INSERT ON consents FOR EACH ROW EXECUTE FUNCTION shout()");
        });

        CopyOutcome outcome = copy();

        assertThat(outcome).isInstanceOf(CopyOutcome.Mismatched.class);
        assertThat(((CopyOutcome.Mismatched) outcome).tables())
                .filteredOn(t -> !t.matches())
                .extracting(TableCheck::table)
                .containsExactly("consents");
        for (String table : SCHEMA_TABLES) {
            assertThat(count(postgres, table)).as(table).isZero();
        }
    }

    @Test
    void a_value_the_schema_does_not_declare_stops_the_copy_and_leaves_nothing() {
        populate(sqlite);
        // SQLite's loose typing keeps 1.5 as a REAL in a BIGINT column; rounding it would be a silent change
        sqlite.useTransaction(
                tx -> tx.update("INSERT INTO refunds (charge_id, total_amount, refunded_at) VALUES ('x', 1.5, 0)"));

        assertThatThrownBy(this::copy)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refunds.total_amount")
                .hasMessageContaining("Double");

        for (String table : SCHEMA_TABLES) {
            assertThat(count(postgres, table)).as(table).isZero();
        }
    }

    @Test
    void sequences_behind_generated_keys_move_past_the_copied_ones() throws Exception {
        try (Database other = Database.open(TestDatabases.postgresUrl(), 2, Duration.ofSeconds(10))) {
            other.useTransaction(tx -> {
                tx.update("CREATE TABLE notes (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, body TEXT)");
                tx.update("CREATE TABLE tags (id SERIAL PRIMARY KEY, name TEXT)");
                tx.update("INSERT INTO notes (id, body) VALUES (41, 'copied')");
            });

            List<String> advanced;
            try (Connection connection = other.connection()) {
                advanced = StoreCopy.advanceSequences(connection);
            }
            other.useTransaction(tx -> tx.update("INSERT INTO notes (body) VALUES ('new')"));

            assertThat(advanced).containsExactly("notes.id next 42", "tags.id next 1");
            assertThat(rows(other, "SELECT id FROM notes WHERE body = 'new'")).containsExactly(List.of("42"));
        }
    }

    private CopyOutcome copy() {
        return new StoreCopy(sqlite, postgres)
                .copy((table, rows, total) -> progress.add(table + " " + rows + "/" + total));
    }

    /** Rows with the values that go wrong first: 64-bit extremes, NULLs, empty and non-ASCII text, keys in odd order. */
    private static void populate(Database database) {
        database.useTransaction(tx -> {
            tx.update("INSERT INTO intake_offset VALUES (?, ?, ?)", Long.MAX_VALUE, Long.MIN_VALUE, 0L);
            tx.update("INSERT INTO intake_offset VALUES (?, ?, ?)", -1L, 0L, 1L);
            tx.update("INSERT INTO intake_offset VALUES (?, ?, ?)", 7L, 123_456_789_012L, 2L);
            long at = 0;
            for (String name : List.of("Zeta", "alpha", "_under", "émile", "Ω", "a b", "")) {
                tx.update("INSERT INTO billing_state VALUES (?, ?, ?)", name, "value of [" + name + "]\n'\"\\", at++);
            }
            tx.update(
                    "INSERT INTO payments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    "ch1",
                    null,
                    "pack",
                    "pack2",
                    "XTR",
                    10L,
                    "pack|pack2|10",
                    0,
                    2,
                    null,
                    100L);
            tx.update(
                    "INSERT INTO payments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    "ch2",
                    42L,
                    "subscription",
                    "premium",
                    "XTR",
                    250L,
                    "sub|premium|250",
                    1,
                    0,
                    2_000_000L,
                    200L);
            tx.update(
                    "INSERT INTO inbox (bot_id, update_id, chat_id, thread_id, kind, payload, state, final_text,"
                            + " received_at, updated_at, message_id, user_id, inline_message_id)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    1L,
                    10L,
                    -100_200_300L,
                    0L,
                    "message",
                    "{\"text\":\"héllo 👋\"}",
                    "done",
                    "Hi 👋 — ✓",
                    5L,
                    6L,
                    77L,
                    42L,
                    null);
            tx.update(
                    "INSERT INTO inbox (bot_id, update_id, chat_id, thread_id, kind, payload, state, final_text,"
                            + " received_at, updated_at, message_id, user_id, inline_message_id)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    1L,
                    11L,
                    42L,
                    0L,
                    "inline",
                    "",
                    "stored",
                    null,
                    7L,
                    7L,
                    null,
                    null,
                    "AAEx_inline");
            for (int seq = 1; seq <= 3; seq++) {
                tx.update(
                        "INSERT INTO consents (id, user_id, seq, kind, granted, policy_version, language, recorded_at)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        "c" + seq,
                        42L,
                        seq,
                        "SERVICE",
                        seq % 2,
                        1,
                        "en",
                        1_000L * seq);
            }
        });
    }

    private static long count(Database database, String table) {
        return database.inTransaction(tx -> tx.queryOne("SELECT COUNT(*) AS n FROM " + table, row -> row.getLong("n"))
                .orElseThrow());
    }

    /** Every row as its columns' text (NULL as null), to compare two engines' answers value for value. */
    private static List<List<String>> rows(Database database, String sql) {
        try (Connection connection = database.connection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(result.getString(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}

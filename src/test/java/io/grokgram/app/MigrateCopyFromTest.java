package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokgram.billing.Billing;
import io.grokgram.billing.Payment;
import io.grokgram.billing.PaymentOutcome;
import io.grokgram.privacy.ConsentKind;
import io.grokgram.privacy.Consents;
import io.grokgram.privacy.DataSubject;
import io.grokgram.store.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code grokgram migrate --copy-from}: an embedded installation moves into PostgreSQL through the command line. */
class MigrateCopyFromTest {
    private static final long ADA = 7_001_002_003L;
    private static final long BOB = 7_001_002_004L;
    private static final Clock NOVEMBER = Clock.fixed(Instant.parse("2026-11-05T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void an_embedded_installation_moves_into_postgresql_with_its_users_consents_ledger_and_history() {
        String sqlite = dir.resolve("grokgram.db").toString();
        Map<String, Long> balances = populate(Map.of("GROKGRAM_DATABASE", sqlite));
        Map<String, String> postgres = Map.of("GROKGRAM_DATABASE", TestDatabases.postgresUrl());

        Output run = run(() -> Main.execute(postgres, "migrate", "--copy-from", sqlite));

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("applied " + migrations() + " migration(s) to ")
                .contains("  consents: 3 of 3", "  ledger_postings: ")
                .containsPattern("consents +3 +3 +[0-9a-f]{16}  OK")
                .containsPattern("conversation_messages +2 +2 +[0-9a-f]{16}  OK")
                .contains("sequences: none in this schema")
                .contains("every row count and checksum matches")
                .doesNotContain("DIFFERS")
                .doesNotContain("older schema");
        try (OfflineBilling moved = OfflineBilling.open(postgres, NOVEMBER)) {
            assertThat(moved.database().kind()).isEqualTo(io.grokgram.store.Database.Kind.POSTGRESQL);
            assertThat(moved.billing().balances()).isEqualTo(balances).isNotEmpty();
            assertThat(moved.billing().payment("stxSub")).isPresent();
            Consents consents = new Consents(moved.database(), 1, NOVEMBER);
            assertThat(consents.serviceGranted(new DataSubject(ADA))).isTrue();
            assertThat(consents.serviceGranted(new DataSubject(BOB))).isFalse();
            assertThat(moved.database()
                            .<Long>inTransaction(tx -> tx.queryOne(
                                            "SELECT COUNT(*) AS n FROM conversation_messages WHERE content LIKE ?",
                                            row -> row.getLong("n"),
                                            "%👋%")
                                    .orElseThrow()))
                    .isEqualTo(1);
        }
    }

    @Test
    void a_second_copy_into_the_now_populated_database_is_refused() {
        String sqlite = dir.resolve("grokgram.db").toString();
        populate(Map.of("GROKGRAM_DATABASE", sqlite));
        Map<String, String> postgres = Map.of("GROKGRAM_DATABASE", TestDatabases.postgresUrl());
        assertThat(run(() -> Main.execute(postgres, "migrate", "--copy-from", "jdbc:sqlite:" + sqlite))
                        .status())
                .isZero();

        Output again = run(() -> Main.execute(postgres, "migrate", "--copy-from", sqlite));

        assertThat(again.status()).isEqualTo(1);
        assertThat(again.err())
                .contains("already holds rows (")
                .contains("consents: 3")
                .contains("two installations are never merged");
        assertThat(again.out()).doesNotContain("every row count and checksum matches");
    }

    @Test
    void an_sqlite_target_is_refused_and_no_file_is_created() {
        String sqlite = dir.resolve("grokgram.db").toString();
        populate(Map.of("GROKGRAM_DATABASE", sqlite));
        Path other = dir.resolve("other.db");

        Output run = run(
                () -> Main.execute(Map.of("GROKGRAM_DATABASE", other.toString()), "migrate", "--copy-from", sqlite));

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err())
                .contains("--copy-from copies an embedded store into PostgreSQL")
                .contains("(SQLite)");
        assertThat(other).doesNotExist();
    }

    @Test
    void a_source_file_that_does_not_exist_is_refused_instead_of_created_empty() {
        Path missing = dir.resolve("typo.db");

        Output run = run(() -> Main.execute(
                Map.of("GROKGRAM_DATABASE", TestDatabases.postgresUrl()),
                "migrate",
                "--copy-from",
                missing.toString()));

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("there is no SQLite file " + missing);
        assertThat(missing).doesNotExist();
    }

    @Test
    void a_source_at_an_older_schema_is_migrated_first_and_says_so() throws Exception {
        Path sqlite = dir.resolve("old.db");
        String url = "jdbc:sqlite:" + sqlite;
        Flyway.configure()
                .dataSource(url, null, null)
                .locations("classpath:db/migration")
                .target("3")
                .load()
                .migrate();
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO consents VALUES ('c1', " + ADA + ", 1, 'SERVICE', 1, 1, 'de', 5)");
        }
        Map<String, String> postgres = Map.of("GROKGRAM_DATABASE", TestDatabases.postgresUrl());

        Output run = run(() -> Main.execute(postgres, "migrate", "--copy-from", url));

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("the source was at an older schema: applied " + (migrations() - 3)
                        + " migration(s) to jdbc:sqlite:" + sqlite)
                .containsPattern("consents +1 +1 +[0-9a-f]{16}  OK");
        try (OfflineBilling moved = OfflineBilling.open(postgres, NOVEMBER)) {
            assertThat(new Consents(moved.database(), 1, NOVEMBER).serviceGranted(new DataSubject(ADA)))
                    .isTrue();
        }
    }

    /** Payments, a refund, metering, consents and a conversation written by the rooms; returns the ledger balances. */
    private static Map<String, Long> populate(Map<String, String> env) {
        try (OfflineBilling store = OfflineBilling.open(env, NOVEMBER)) {
            Billing billing = store.billing();
            credit(
                    billing,
                    new Payment(ADA, "XTR", 250, billing.subscriptionPayload(ADA), "stxSub", Optional.empty(), true));
            credit(
                    billing,
                    new Payment(
                            BOB, "XTR", 100, billing.packPayload(BOB, "pack100"), "stxPack", Optional.empty(), false));
            billing.reverse("stxPack", 100);
            billing.meter(ADA, "premium", "answer", 2_000, 1_000, 300, 200, Optional.of(2_500_000L));
            billing.meter(BOB, "free", "inline", 500, 0, 80, 0, Optional.empty());
            Consents consents = new Consents(store.database(), 1, NOVEMBER);
            consents.record(new DataSubject(ADA), ConsentKind.SERVICE, true, "en");
            consents.record(new DataSubject(BOB), ConsentKind.SERVICE, true, "");
            consents.record(new DataSubject(BOB), ConsentKind.SERVICE, false, "");
            store.database().useTransaction(tx -> {
                tx.update(
                        "INSERT INTO conversations (bot_id, chat_id, thread_id, scope_user, conversation_id, started_at,"
                                + " summary, summary_upto) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        1L,
                        ADA,
                        0L,
                        0L,
                        "conv-1",
                        10L,
                        null,
                        0);
                tx.update(
                        "INSERT INTO conversation_messages (conversation_id, seq, role, origin, content, tokens, bot_id,"
                                + " update_id, created_at, user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        "conv-1",
                        1,
                        "user",
                        "user",
                        "Hallo 👋, was kostet das?",
                        9,
                        1L,
                        100L,
                        11L,
                        ADA);
                tx.update(
                        "INSERT INTO conversation_messages (conversation_id, seq, role, origin, content, tokens, bot_id,"
                                + " update_id, created_at, user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        "conv-1",
                        2,
                        "assistant",
                        "model",
                        "250 Stars im Monat.",
                        6,
                        1L,
                        100L,
                        12L,
                        ADA);
            });
            return billing.balances();
        }
    }

    private static void credit(Billing billing, Payment payment) {
        assertThat(billing.credit(payment)).isInstanceOf(PaymentOutcome.Credited.class);
    }

    private record Output(int status, String out, String err) {}

    private static Output run(IntSupplier command) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBuffer = new ByteArrayOutputStream();
        ByteArrayOutputStream errBuffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(outBuffer, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errBuffer, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = command.getAsInt();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new Output(
                status, outBuffer.toString(StandardCharsets.UTF_8), errBuffer.toString(StandardCharsets.UTF_8));
    }

    /** How many migrations the schema has (each room's issue adds one): counted, so a new one needs no edit here. */
    private static long migrations() {
        try (var files = java.nio.file.Files.list(
                Path.of(MigrateCopyFromTest.class.getResource("/db/migration").toURI()))) {
            return files.filter(file -> file.getFileName().toString().matches("V[0-9]+__.*\\.sql"))
                    .count();
        } catch (java.io.IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot list the migrations", e);
        }
    }
}

package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grokgram.store.TestDatabases;
import io.grokgram.store.TestPostgres;
import io.grokgram.tools.Knowledge;
import io.grokgram.tools.RetrievalHitRateTest;
import io.grokgram.tools.ToolException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code knowledge_search} with its index in PostgreSQL (pgvector): what several workers share instead of a Lucene
 * folder each. On the machine's PostgreSQL, where {@code .ci/run} installs pgvector ({@code bin/pgvector.sh}); a
 * PostgreSQL without it (an embedded one on a fresh developer machine) skips these tests, saying why.
 */
class PgVectorKnowledgeTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void pgvectorIsInstalled() {
        TestDatabases.assumePgvector(TestDatabases.postgresUrl());
    }

    @Test
    void the_right_article_is_in_the_top_three_for_nine_questions_in_ten_from_an_index_every_worker_shares()
            throws Exception {
        String url = TestDatabases.postgresUrl();
        try (Knowledge indexer = KnowledgeIndexes.open(url);
                Knowledge worker = KnowledgeIndexes.open(url)) {
            // the first run (inside hitRate) writes 52 rows; the second reads none again
            assertThat(RetrievalHitRateTest.hitRate(indexer, "pgvector", RetrievalHitRateTest.QUESTIONS))
                    .isGreaterThanOrEqualTo(0.9);
            assertThat(indexer.index(RetrievalHitRateTest.resource("knowledge/docs")))
                    .isEqualTo(new Knowledge.IndexReport(0, 0, 52, 0, List.of()));
            // another process asks the same rows: same answers, nothing indexed on its side
            for (String questions : List.of(RetrievalHitRateTest.HELD_OUT, RetrievalHitRateTest.FRESH)) {
                assertThat(RetrievalHitRateTest.hitRate(worker, "pgvector", questions))
                        .as(questions)
                        .isGreaterThanOrEqualTo(0.9);
            }
        }
    }

    @Test
    void a_second_run_writes_only_what_changed_and_drops_what_is_gone() throws Exception {
        String url = TestDatabases.postgresUrl();
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Files.writeString(docs.resolve("refunds.md"), "# Refunds\n\nWebsite purchases are refunded within 14 days.\n");
        Files.writeString(docs.resolve("limits.txt"), "Limits\n\nTwenty questions a day.\n");
        Files.writeString(docs.resolve("notes.docx"), "not a supported type");
        try (Knowledge knowledge = KnowledgeIndexes.open(url)) {
            assertThat(knowledge.index(docs)).isEqualTo(new Knowledge.IndexReport(2, 0, 0, 0, List.of()));

            Files.writeString(docs.resolve("limits.txt"), "Limits\n\nFifty questions a day since November.\n");
            Files.delete(docs.resolve("refunds.md"));
            assertThat(knowledge.index(docs)).isEqualTo(new Knowledge.IndexReport(0, 1, 0, 1, List.of()));

            assertThat(knowledge.search("how do I get my money back", 3))
                    .extracting(Knowledge.Hit::path)
                    .containsExactly("limits.txt");
            assertThat(knowledge.search("how many questions can I ask per day", 1))
                    .singleElement()
                    .satisfies(hit -> assertThat(hit.excerpt()).contains("Fifty questions"));
        }
    }

    @Test
    void the_index_command_reports_its_run_without_the_databases_password() throws Exception {
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Files.writeString(docs.resolve("refunds.md"), "# Refunds\n\nWebsite purchases are refunded within 14 days.\n");
        // the machine's PostgreSQL trusts loopback, so the password is carried but never asked for
        String url = TestDatabases.postgresUrl() + "&password=hunter2";
        KnowledgeCommand.Index command = new KnowledgeCommand.Index(Map.of("GROKGRAM_KNOWLEDGE_INDEX", url));
        command.folder = docs;
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = command.call();
        } finally {
            System.setOut(original);
        }
        assertThat(status).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("1 added")
                .contains("password=***")
                .doesNotContain("hunter2");
    }

    @Test
    void a_database_that_fails_during_a_search_is_the_tools_failure_not_the_turns() throws Exception {
        String url = TestDatabases.postgresUrl();
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Files.writeString(docs.resolve("refunds.md"), "# Refunds\n\nWebsite purchases are refunded within 14 days.\n");
        try (Knowledge knowledge = KnowledgeIndexes.open(url)) {
            knowledge.index(docs);
            try (Connection connection = DriverManager.getConnection(url);
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE knowledge_documents"); // what a restore or a wrong migration might do
            }
            // the tool loop turns a ToolException into "Tool failed: …" for the model; anything else fails the turn
            assertThatThrownBy(() -> knowledge.search("how do refunds work", 3))
                    .isInstanceOf(ToolException.class)
                    .hasMessage("the documents could not be searched")
                    .message()
                    .doesNotContain("127.0.0.1");
        }
    }

    @Test
    void a_stopped_bot_leaves_no_connection_to_its_shared_knowledge_index() throws Exception {
        // the bot's knowledge pool names itself, so its connections can be told from every other test's
        String name = "gg-kb-" + UUID.randomUUID().toString().substring(0, 8);
        String url = TestDatabases.postgresUrl() + "&ApplicationName=" + name;
        try (Knowledge indexer = KnowledgeIndexes.open(url)) {
            indexer.index(RetrievalHitRateTest.resource("knowledge/docs"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> connectionsNamed(name) == 0);
        SandboxRig rig = new SandboxRig(dir, Map.of("GROKGRAM_KNOWLEDGE_INDEX", url));
        assertThat(connectionsNamed(name)).as("the running bot holds its pool").isPositive();

        rig.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> connectionsNamed(name) == 0);
    }

    private static int connectionsNamed(String name) throws Exception {
        try (Connection connection = DriverManager.getConnection(TestPostgres.baseUrl());
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?")) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}

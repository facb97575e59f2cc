package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokgram.sandbox.ChatMessage;
import io.grokgram.sandbox.SandboxUser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code grokgram sandbox} with no knowledge index of the operator's: the shipped help articles are copied beside the
 * sandbox database and indexed, and a question to the sandbox's bot about them is answered by knowledge_search, citing
 * the article.
 */
class SandboxKnowledgeTest {
    private static final int PORT = 18_080; // only written into the settings; nothing binds it here

    private static Map<String, String> sandboxEnvironment(Map<String, String> operator, ByteArrayOutputStream out) {
        Config base = ConfigLoader.load(operator, ConfigLoader.Mode.SANDBOX);
        return SandboxCommand.environment(operator, base, PORT, new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @Test
    void a_question_in_the_sandbox_is_answered_from_the_shipped_articles(@TempDir Path dir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, String> env = sandboxEnvironment(
                Map.of("GROKGRAM_DATABASE", dir.resolve("grokgram-sandbox.db").toString()), out);

        Path index = dir.resolve("grokgram-sandbox-knowledge").resolve("index");
        assertThat(env).containsEntry("GROKGRAM_KNOWLEDGE_INDEX", index.toString());
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("knowledge_search: " + SandboxKnowledge.ARTICLES.size() + " help articles about Grokgram")
                .contains(index.toString());
        assertThat(dir.resolve("grokgram-sandbox-knowledge").resolve("docs").resolve("refunds.md"))
                .isRegularFile();

        try (SandboxRig rig = new SandboxRig(
                dir,
                Map.of(
                        "GROKGRAM_KNOWLEDGE_INDEX",
                        env.get("GROKGRAM_KNOWLEDGE_INDEX"),
                        "GROKGRAM_PREVIEW_DELAY",
                        "0ms"))) {
            SandboxUser user = rig.consentedUser(8_200_001, "Rosa");
            int before = rig.botMessages(user).size();
            user.send(SandboxCommand.DOCS_QUESTION);
            ChatMessage answer = rig.awaitBotMessages(user, before + 1).getLast();

            // the refunds article, cited by number and named among the sources with its file
            assertThat(answer.text())
                    .contains("Refunds of Telegram Stars")
                    .contains("send /paysupport")
                    .containsPattern("\\[\\d]")
                    .containsPattern("\\d\\. Refunds of Telegram Stars \\(refunds.md\\)");
        }
    }

    @Test
    void a_restart_reads_no_unchanged_article_again_and_drops_stray_files(@TempDir Path dir) throws IOException {
        Map<String, String> operator = Map.of("GROKGRAM_DATABASE", "jdbc:sqlite:" + dir.resolve("sandbox.db"));
        sandboxEnvironment(operator, new ByteArrayOutputStream());
        Path stray = dir.resolve("grokgram-sandbox-knowledge").resolve("docs").resolve("stray.md");
        Files.writeString(stray, "# Stray\n\nNot one of the shipped articles.\n");

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        sandboxEnvironment(operator, again);

        assertThat(again.toString(StandardCharsets.UTF_8))
                .contains("(0 read, " + SandboxKnowledge.ARTICLES.size() + " unchanged)");
        assertThat(stray).doesNotExist();
    }

    @Test
    void every_article_in_the_resources_is_shipped() throws Exception {
        Path folder = Path.of(SandboxKnowledgeTest.class
                .getClassLoader()
                .getResource("sandbox/knowledge")
                .toURI());
        try (var files = Files.list(folder)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(SandboxKnowledge.ARTICLES);
        }
    }

    @Test
    void the_operators_own_knowledge_index_wins(@TempDir Path dir) {
        Path own = dir.resolve("own-index");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, String> env = sandboxEnvironment(
                Map.of(
                        "GROKGRAM_DATABASE", dir.resolve("grokgram-sandbox.db").toString(),
                        "GROKGRAM_KNOWLEDGE_INDEX", own.toString()),
                out);

        assertThat(env).containsEntry("GROKGRAM_KNOWLEDGE_INDEX", own.toString());
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("knowledge_search");
        assertThat(dir.resolve("grokgram-sandbox-knowledge")).doesNotExist();
    }
}

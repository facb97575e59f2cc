package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokgram.tools.KnowledgeBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code grokgram knowledge index DIR} takes its setting where the bot does, and checks it the same way. */
class KnowledgeCommandTest {
    @TempDir
    Path dir;

    @Test
    void the_index_named_in_the_settings_file_is_the_one_written() throws IOException {
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Files.writeString(docs.resolve("refunds.md"), "# Refunds\n\nWebsite purchases are refunded within 14 days.\n");
        Path index = dir.resolve("index");
        Path settings = dir.resolve("grokgram.properties");
        Files.writeString(settings, "GROKGRAM_KNOWLEDGE_INDEX=" + index + "\n");

        int status =
                Main.execute(Map.of("GROKGRAM_CONFIG", settings.toString()), "knowledge", "index", docs.toString());

        assertThat(status).isZero();
        assertThat(new KnowledgeBase(index).search("refunded purchases", 3))
                .singleElement()
                .satisfies(hit -> assertThat(hit.path()).isEqualTo("refunds.md"));
    }

    @Test
    void an_index_url_the_bot_would_refuse_is_refused_here_too() throws IOException {
        Path docs = Files.createDirectories(dir.resolve("docs"));

        int status = Main.execute(
                Map.of("GROKGRAM_KNOWLEDGE_INDEX", "jdbc:sqlite:" + dir.resolve("kb.db")),
                "knowledge",
                "index",
                docs.toString());

        assertThat(status).isNotZero();
        assertThat(dir.resolve("kb.db")).doesNotExist();
        assertThat(Files.exists(Path.of("jdbc:sqlite:" + dir.resolve("kb.db")))).isFalse();
    }
}

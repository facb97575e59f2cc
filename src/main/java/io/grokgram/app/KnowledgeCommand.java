package io.grokgram.app;

import io.grokgram.store.Database;
import io.grokgram.tools.Knowledge;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The operator's documents for {@code knowledge_search}: {@code grokgram knowledge index DIR}. */
@Command(
        name = "knowledge",
        description = "The operator's documents that knowledge_search answers from (see `knowledge index`).",
        subcommands = {KnowledgeCommand.Index.class})
final class KnowledgeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    /**
     * Brings the index named by GROKGRAM_KNOWLEDGE_INDEX up to date with a folder of Markdown, HTML, text and PDF
     * files: only files whose content changed are read again, and files that are gone leave the index.
     */
    @Command(
            name = "index",
            description = "Index a folder of .md, .html, .txt and .pdf files into GROKGRAM_KNOWLEDGE_INDEX; only"
                    + " changed files are read again.")
    static final class Index implements Callable<Integer> {
        @Parameters(index = "0", description = "The folder of documents.")
        Path folder;

        private final Map<String, String> environment;

        Index(Map<String, String> environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            // the same settings as the bot's (environment and GROKGRAM_CONFIG file), checked the same way
            Config config = ConfigLoader.load(environment, ConfigLoader.Mode.OFFLINE);
            String index = config.tools().knowledgeIndex().orElse("");
            if (index.isEmpty()) {
                System.err.println("grokgram: set " + Setting.KNOWLEDGE_INDEX.key()
                        + " to the folder the index is kept in, or a jdbc:postgresql: URL (the bot reads it from the same"
                        + " setting)");
                return 2;
            }
            Knowledge.IndexReport report;
            try (Knowledge knowledge = KnowledgeIndexes.open(index)) {
                report = knowledge.index(folder);
            }
            System.out.printf(
                    "knowledge index %s: %d added, %d updated, %d unchanged, %d removed%n",
                    Database.redact(index), // a jdbc:postgresql: index may carry its password
                    report.added(),
                    report.updated(),
                    report.unchanged(),
                    report.removed());
            report.skipped().forEach(skipped -> System.out.println("  skipped " + skipped));
            return report.skipped().isEmpty() ? 0 : 1;
        }
    }
}

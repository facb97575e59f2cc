package io.grokgram.app;

import io.grokgram.tools.Knowledge;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sandbox's own documents for {@code knowledge_search}: short help articles about Grokgram, shipped in the jar, so a
 * sandbox user can watch the tool answer without an operator's folder. Each start copies them into
 * {@code grokgram-sandbox-knowledge/docs} and brings {@code grokgram-sandbox-knowledge/index} up to date the way
 * {@code grokgram knowledge index} does ({@link KnowledgeIndexes#open}), so only articles that changed are read again.
 */
final class SandboxKnowledge {
    static final String FOLDER = "grokgram-sandbox-knowledge";

    /** A jar cannot be listed like a folder, so the shipped articles are named here (under {@link #RESOURCES}). */
    static final List<String> ARTICLES = List.of(
            "plans-and-prices.md",
            "daily-quota.md",
            "privacy-and-consent.md",
            "mydata-and-forget.md",
            "inline-mode.md",
            "groups-and-mentions.md",
            "training-data-consent.md",
            "refunds.md");

    private static final String RESOURCES = "sandbox/knowledge/";

    private SandboxKnowledge() {}

    /** Where the index went and what bringing it up to date did. */
    record Prepared(Path index, Knowledge.IndexReport report) {}

    /** Copies the articles into a folder under {@code beside} and indexes them; returns the index's folder. */
    static Prepared prepare(Path beside) {
        Path root = beside.resolve(FOLDER).toAbsolutePath().normalize();
        Path docs = root.resolve("docs");
        Path index = root.resolve("index");
        refresh(docs);
        try (Knowledge knowledge = KnowledgeIndexes.open(index.toString())) {
            return new Prepared(index, knowledge.index(docs));
        }
    }

    /**
     * Replaces the folder's content with the jar's articles: an article a newer jar dropped leaves the folder, and so the
     * index. Rewriting an unchanged article keeps its content hash, so the index does not read it again.
     */
    private static void refresh(Path docs) {
        try {
            if (Files.isDirectory(docs)) {
                try (Stream<Path> old = Files.walk(docs)) {
                    for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                        if (!path.equals(docs)) {
                            Files.delete(path);
                        }
                    }
                }
            }
            Files.createDirectories(docs);
            for (String article : ARTICLES) {
                try (InputStream in =
                        SandboxKnowledge.class.getClassLoader().getResourceAsStream(RESOURCES + article)) {
                    if (in == null) {
                        throw new IllegalStateException("the sandbox article " + RESOURCES + article
                                + " is missing from the class path (a broken build?)");
                    }
                    Files.copy(in, docs.resolve(article), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy the sandbox's help articles to " + docs, e);
        }
    }
}

package io.grokgram.tools;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code knowledge_search}'s documents: an index of the operator's folder, kept up to date by {@link #index} and asked by
 * {@link #search}. Two kinds: {@link KnowledgeBase} (a Lucene index on this machine's disk) and {@link VectorKnowledge}
 * (rows in a database that every worker shares, pgvector in PostgreSQL).
 */
public interface Knowledge extends AutoCloseable {
    /** Brings the index up to date with the documents under {@code folder}, reading only files that changed. */
    IndexReport index(Path folder);

    /** The best {@code limit} documents for {@code question}; empty when there is no index yet or nothing matches. */
    List<Hit> search(String question, int limit);

    /** Lets go of what the index holds open (a connection pool); a no-op for an index on disk. */
    @Override
    default void close() {}

    /** What one run of {@link #index} did. */
    record IndexReport(int added, int updated, int unchanged, int removed, List<String> skipped) {
        public IndexReport {
            skipped = List.copyOf(skipped);
        }
    }

    /** A document that matched, with the passage that matched best. */
    record Hit(String path, String title, String excerpt, float score) {}
}

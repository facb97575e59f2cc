package io.grokgram.app;

import io.grokgram.store.KnowledgeRows;
import io.grokgram.tools.DocumentVectors;
import io.grokgram.tools.Embedder;
import io.grokgram.tools.Knowledge;
import io.grokgram.tools.KnowledgeBase;
import io.grokgram.tools.VectorKnowledge;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The knowledge index GROKGRAM_KNOWLEDGE_INDEX names: a folder (a Lucene index on this machine's disk) or a
 * {@code jdbc:postgresql:} URL (rows with pgvector, one index every worker shares). The bot and
 * {@code grokgram knowledge index} open it the same way, with the embedding model when it is on the class path.
 */
final class KnowledgeIndexes {
    static final String DATABASE_PREFIX = "jdbc:postgresql:";

    private KnowledgeIndexes() {}

    static Knowledge open(String setting) {
        if (setting.startsWith(DATABASE_PREFIX)) {
            return new VectorKnowledge(new Rows(KnowledgeRows.open(setting)), Embedder.local());
        }
        return new KnowledgeBase(Path.of(setting), Embedder.local());
    }

    /** The store room's rows as the tools room asks for them (neither room knows the other). */
    private record Rows(KnowledgeRows rows) implements DocumentVectors {
        @Override
        public Map<String, String> hashes() {
            return rows.hashes();
        }

        @Override
        public void put(String path, String hash, String title, String body, Optional<float[]> vector) {
            rows.put(path, hash, title, body, vector);
        }

        @Override
        public void remove(String path) {
            rows.remove(path);
        }

        @Override
        public List<Stored> nearest(float[] vector, int limit) {
            return stored(rows.nearest(vector, limit));
        }

        @Override
        public List<Stored> matching(String question, int limit) {
            return stored(rows.matching(question, limit));
        }

        @Override
        public void close() {
            rows.close();
        }

        private static List<Stored> stored(List<KnowledgeRows.Row> found) {
            return found.stream()
                    .map(row -> new Stored(row.path(), row.title(), row.body(), row.score()))
                    .toList();
        }
    }
}

package io.grokgram.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code knowledge_search} over documents kept in a shared database ({@link DocumentVectors}, pgvector in PostgreSQL):
 * one index for every worker, written once by {@code grokgram knowledge index}, instead of a Lucene folder on each
 * machine. With the embedding model a question finds the documents nearest in meaning; without it (or over rows
 * written without it) the database ranks by words.
 */
public final class VectorKnowledge implements Knowledge {
    private static final Logger log = LoggerFactory.getLogger(VectorKnowledge.class);

    private final DocumentVectors rows;
    private final Optional<Embedder> embedder;

    public VectorKnowledge(DocumentVectors rows, Optional<Embedder> embedder) {
        this.rows = Objects.requireNonNull(rows, "rows");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
    }

    @Override
    public IndexReport index(Path folder) {
        List<KnowledgeFolder.File> files = KnowledgeFolder.files(folder);
        try {
            return KnowledgeFolder.update(
                    files, rows.hashes(), KnowledgeFolder.modelSuffix(embedder), new KnowledgeFolder.Index() {
                        @Override
                        public void put(String path, String hash, DocumentText text) {
                            rows.put(
                                    path,
                                    hash,
                                    text.title(),
                                    text.body(),
                                    embedder.map(model -> model.embed(text.whole())));
                        }

                        @Override
                        public void remove(String path) {
                            rows.remove(path);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("could not update the knowledge index", e);
        }
    }

    /**
     * @throws ToolException when the database fails: the tool loop tells the model the documents could not be searched,
     *     as for a Lucene index that cannot be read, instead of failing the whole turn; the cause (which names the
     *     database) goes to the log, not to the provider
     */
    @Override
    public List<Hit> search(String question, int limit) {
        List<DocumentVectors.Stored> found;
        try {
            found = embedder.isPresent() ? rows.nearest(embedder.get().embed(question), limit) : List.of();
            if (found.isEmpty()) { // no model, or rows written without it: rank by words
                found = rows.matching(question, limit);
            }
        } catch (RuntimeException e) {
            log.warn("knowledge_search: the shared index could not be searched: {}", e.toString());
            throw new ToolException("the documents could not be searched", e);
        }
        return found.stream()
                .map(row -> new Hit(row.path(), row.title(), KnowledgeBase.excerpt(row.body(), question), row.score()))
                .toList();
    }

    @Override
    public void close() {
        rows.close();
    }
}

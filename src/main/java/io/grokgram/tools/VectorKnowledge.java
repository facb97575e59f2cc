package io.grokgram.tools;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code knowledge_search} over documents kept in a shared database ({@link DocumentVectors}, pgvector in PostgreSQL):
 * one index for every worker, written once by {@code grokgram knowledge index}, instead of a Lucene folder on each
 * machine. With the embedding model a question finds the documents nearest in meaning; without it (or over rows
 * written without it) the database ranks by words.
 */
public final class VectorKnowledge implements Knowledge {
    private final DocumentVectors rows;
    private final Optional<Embedder> embedder;

    public VectorKnowledge(DocumentVectors rows, Optional<Embedder> embedder) {
        this.rows = Objects.requireNonNull(rows, "rows");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
    }

    @Override
    public IndexReport index(Path folder) {
        List<KnowledgeFolder.File> files = KnowledgeFolder.files(folder);
        Map<String, String> known = rows.hashes();
        int added = 0;
        int updated = 0;
        int unchanged = 0;
        List<String> skipped = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (KnowledgeFolder.File file : files) {
            seen.add(file.path());
            // the model's name joins the hash: switching semantic ranking on or off re-reads every file
            String hash = file.sha256() + embedder.map(e -> "+" + e.name()).orElse("");
            if (hash.equals(known.get(file.path()))) {
                unchanged++;
                continue;
            }
            DocumentText text;
            try {
                text = file.text();
            } catch (IOException | RuntimeException e) {
                skipped.add(file.path() + ": " + e.getMessage());
                continue;
            }
            rows.put(
                    file.path(),
                    hash,
                    text.title(),
                    text.body(),
                    embedder.map(model -> model.embed(text.title() + "\n" + text.body())));
            if (known.containsKey(file.path())) {
                updated++;
            } else {
                added++;
            }
        }
        int removed = 0;
        for (String path : known.keySet()) {
            if (!seen.contains(path)) {
                rows.remove(path);
                removed++;
            }
        }
        return new IndexReport(added, updated, unchanged, removed, skipped);
    }

    @Override
    public List<Hit> search(String question, int limit) {
        List<DocumentVectors.Stored> found =
                embedder.isPresent() ? rows.nearest(embedder.get().embed(question), limit) : List.of();
        if (found.isEmpty()) { // no model, or rows written without it: rank by words
            found = rows.matching(question, limit);
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

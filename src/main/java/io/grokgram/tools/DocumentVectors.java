package io.grokgram.tools;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where {@link VectorKnowledge} keeps its documents: rows in a shared database (pgvector in PostgreSQL), written by
 * {@code grokgram knowledge index} and read by every worker. The tools room never sees JDBC; the store room implements
 * the rows and the composition root connects the two.
 */
public interface DocumentVectors extends AutoCloseable {
    /** The stored hash of every document, by path: what the next index run compares each file against. */
    Map<String, String> hashes();

    /** Adds or replaces one document; {@code vector} is empty when no embedding model is installed. */
    void put(String path, String hash, String title, String body, Optional<float[]> vector);

    void remove(String path);

    /** The {@code limit} documents whose vectors are nearest to {@code vector} (cosine), nearest first. */
    List<Stored> nearest(float[] vector, int limit);

    /** The {@code limit} documents that best match the question's words (the database's own full-text ranking). */
    List<Stored> matching(String question, int limit);

    @Override
    void close();

    /** A stored document and how well it matched. */
    record Stored(String path, String title, String body, float score) {}
}

package io.grokgram.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The operator's folder as both kinds of {@link Knowledge} read it: the files of the supported types, in a stable
 * order, each with its path relative to the folder and a hash of its content (what decides whether it is read again).
 */
final class KnowledgeFolder {
    static final Set<String> EXTENSIONS = Set.of("md", "markdown", "txt", "text", "html", "htm", "pdf");

    private KnowledgeFolder() {}

    /** One supported file: its path under the folder ("billing/refunds.md"), its bytes and their SHA-256. */
    record File(String path, Path file, byte[] bytes, String sha256) {
        /** Title and body; a file that cannot be read as a document throws (the caller reports it as skipped). */
        DocumentText text() throws IOException {
            return DocumentText.of(file, bytes);
        }
    }

    /** @throws IllegalArgumentException when {@code folder} is not a folder */
    static List<File> files(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("not a folder: " + folder);
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            List<Path> paths = walk.filter(Files::isRegularFile)
                    .filter(file -> EXTENSIONS.contains(extension(file)))
                    .sorted()
                    .toList();
            List<File> files = new ArrayList<>();
            for (Path path : paths) {
                byte[] bytes = Files.readAllBytes(path);
                String relative = folder.relativize(path).toString().replace('\\', '/');
                files.add(new File(relative, path, bytes, sha256(bytes)));
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the documents in " + folder, e);
        }
    }

    /** Where {@link #update} writes: one kind of index. */
    interface Index {
        void put(String path, String hash, DocumentText text) throws IOException;

        void remove(String path) throws IOException;
    }

    /**
     * Brings {@code index} up to date with {@code files}: a file whose hash (content hash plus {@code hashSuffix}, which
     * names the index format and the embedding model, so a change of either re-reads everything) matches {@code known}
     * is left alone, a changed or new one is read and put, a known path with no file is removed.
     */
    static Knowledge.IndexReport update(List<File> files, Map<String, String> known, String hashSuffix, Index index)
            throws IOException {
        int added = 0;
        int updated = 0;
        int unchanged = 0;
        List<String> skipped = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (File file : files) {
            seen.add(file.path());
            String hash = file.sha256() + hashSuffix;
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
            index.put(file.path(), hash, text);
            if (known.containsKey(file.path())) {
                updated++;
            } else {
                added++;
            }
        }
        int removed = 0;
        for (String path : known.keySet()) {
            if (!seen.contains(path)) {
                index.remove(path);
                removed++;
            }
        }
        return new Knowledge.IndexReport(added, updated, unchanged, removed, skipped);
    }

    /** The hash suffix for an index with or without an embedding model: its name, so switching it re-reads every file. */
    static String modelSuffix(java.util.Optional<Embedder> embedder) {
        return embedder.map(model -> "+" + model.name()).orElse("");
    }

    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

package io.grokgram.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
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

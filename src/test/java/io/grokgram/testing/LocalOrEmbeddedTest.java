package io.grokgram.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The once-per-JVM choice between the machine's server and an embedded one, with fakes for both: the modes, the one
 * probe and the one start, and failures that name the server, what was tried and the fix. The real servers' probes,
 * starts and texts are tested with them ({@code TestRedisTest}, {@code TestPostgresTest}).
 */
class LocalOrEmbeddedTest {
    private static final String LOCAL_URL = "fake://127.0.0.1:7000";
    private static final String EMBEDDED_URL = "fake://127.0.0.1:40001";
    private static final LocalOrEmbedded.Texts TEXTS = new LocalOrEmbedded.Texts(
            "Fake",
            "grokgram.test.fake",
            "nothing answers on 127.0.0.1:7000",
            "no password",
            "the fake tests use an embedded fake at",
            e -> "the embedded fake did not start (" + e.getMessage() + "). Fix: start a fake.");

    private final AtomicInteger probes = new AtomicInteger();
    private final AtomicInteger starts = new AtomicInteger();

    @Test
    void auto_uses_the_machines_server_when_it_answers_and_never_starts_one() {
        LocalOrEmbedded<String> server = chooser("auto", local(true), embedded());

        assertThat(server.chosen()).isEqualTo(LOCAL_URL);
        assertThat(starts).hasValue(0);
    }

    @Test
    void auto_without_an_answer_probes_once_and_starts_the_embedded_one_once() {
        LocalOrEmbedded<String> server = chooser("auto", local(false), embedded());

        for (int call = 0; call < 3; call++) {
            assertThat(server.chosen()).isEqualTo(EMBEDDED_URL);
        }
        assertThat(probes).hasValue(1);
        assertThat(starts).hasValue(1);
    }

    @Test
    void a_failed_start_fails_every_call_saying_what_was_tried_and_is_not_retried() {
        IOException broken = new IOException("binary missing");
        LocalOrEmbedded<String> server = chooser("auto", local(false), () -> {
            starts.incrementAndGet();
            throw broken;
        });

        for (int call = 0; call < 2; call++) {
            assertThatThrownBy(server::chosen)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Fake for the tests: nothing answers on 127.0.0.1:7000, and the embedded fake did not"
                            + " start (binary missing). Fix: start a fake.")
                    .hasCause(broken);
        }
        assertThat(starts).hasValue(1);
    }

    @Test
    void embedded_mode_starts_the_embedded_one_without_asking_the_machines() {
        LocalOrEmbedded<String> server = chooser(" Embedded ", local(true), embedded());

        assertThat(server.mode()).isEqualTo("embedded");
        assertThat(server.chosen()).isEqualTo(EMBEDDED_URL);
        assertThat(probes).hasValue(0);
    }

    @Test
    void a_failed_start_in_embedded_mode_names_the_property_as_the_reason() {
        LocalOrEmbedded<String> server = chooser("embedded", local(true), () -> {
            throw new IllegalStateException("no binaries for this CPU");
        });

        assertThatThrownBy(server::chosen)
                .hasMessageStartingWith("Fake for the tests: grokgram.test.fake=embedded, and the embedded fake did not"
                        + " start (no binaries for this CPU)");
    }

    @Test
    void local_mode_without_an_answer_fails_with_how_to_run_it_instead_of_starting_one() {
        LocalOrEmbedded<String> server = chooser("local", local(false), embedded());

        assertThatThrownBy(server::chosen)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Fake for the tests: grokgram.test.fake=local, but nothing answers on 127.0.0.1:7000."
                        + " Start it (no password) or drop the property to fall back to the embedded server.");
        assertThat(starts).hasValue(0);
    }

    @Test
    void an_unknown_mode_is_refused_with_the_accepted_ones() {
        LocalOrEmbedded<String> server = chooser("docker", local(true), embedded());

        assertThatThrownBy(server::chosen)
                .hasMessage("grokgram.test.fake is 'docker'; accepted: auto (the default), local or embedded");
        assertThat(probes).hasValue(0);
        assertThat(starts).hasValue(0);
    }

    private LocalOrEmbedded<String> chooser(String mode, BooleanSupplier local, LocalOrEmbedded.Start<String> start) {
        return new LocalOrEmbedded<>(
                TEXTS, mode, LOCAL_URL, local, start, LoggerFactory.getLogger(LocalOrEmbeddedTest.class));
    }

    private BooleanSupplier local(boolean answers) {
        return () -> {
            probes.incrementAndGet();
            return answers;
        };
    }

    private LocalOrEmbedded.Start<String> embedded() {
        return () -> {
            starts.incrementAndGet();
            return EMBEDDED_URL;
        };
    }
}

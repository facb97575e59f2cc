package io.grokgram.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The once-per-JVM choice between the machine's Redis and the embedded one (with fakes for both), and the embedded
 * redis-server started for real: from the jar, on this machine, answering PING and our own client.
 */
class TestRedisTest {
    private static final URI EMBEDDED_URL = URI.create("redis://127.0.0.1:40001/0");

    private final AtomicInteger probes = new AtomicInteger();
    private final AtomicInteger starts = new AtomicInteger();

    @Test
    void a_redis_on_6379_is_used_and_the_embedded_one_never_started() {
        TestRedis redis = new TestRedis("auto", local(true), embedded());

        assertThat(redis.chosen()).isEqualTo(TestRedis.LOCAL_URL);
        assertThat(starts).hasValue(0);
    }

    @Test
    void nothing_on_6379_starts_the_embedded_one_once() {
        TestRedis redis = new TestRedis("auto", local(false), embedded());

        assertThat(redis.chosen()).isEqualTo(EMBEDDED_URL);
        assertThat(redis.chosen()).isEqualTo(EMBEDDED_URL);
        assertThat(probes).hasValue(1);
        assertThat(starts).hasValue(1);
    }

    @Test
    void a_failed_embedded_start_says_what_was_tried_and_how_to_fix_it_every_time() {
        TestRedis redis = new TestRedis("auto", local(false), () -> {
            starts.incrementAndGet();
            throw new IOException("Failed to start Redis service", new IOException("libssl.so.3: cannot open"));
        });

        for (int call = 0; call < 2; call++) {
            assertThatThrownBy(redis::chosen)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("nothing answers PING on 127.0.0.1:6379")
                    .hasMessageContaining("embedded redis-server")
                    .hasMessageContaining("libssl.so.3: cannot open")
                    .hasMessageContaining("Fix: start a Redis on 127.0.0.1:6379");
        }
        assertThat(starts).hasValue(1);
    }

    @Test
    void embedded_mode_starts_the_embedded_one_even_when_6379_answers() {
        TestRedis redis = new TestRedis("embedded", local(true), embedded());

        assertThat(redis.chosen()).isEqualTo(EMBEDDED_URL);
        assertThat(probes).hasValue(0);
    }

    @Test
    void local_mode_without_a_local_server_fails_instead_of_starting_one() {
        TestRedis redis = new TestRedis("local", local(false), embedded());

        assertThatThrownBy(redis::chosen).hasMessageContaining("nothing answers PING on 127.0.0.1:6379");
        assertThat(starts).hasValue(0);
    }

    @Test
    void an_unknown_mode_is_refused_with_the_accepted_ones() {
        TestRedis redis = new TestRedis("docker", local(true), embedded());

        assertThatThrownBy(redis::chosen).hasMessageContaining("'docker'").hasMessageContaining("auto");
    }

    @Test
    void an_open_port_that_is_not_redis_does_not_count_as_redis() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            InetSocketAddress address = new InetSocketAddress(silent.getInetAddress(), silent.getLocalPort());

            assertThat(TestRedis.answersPing(address)).isFalse();
        }
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void the_embedded_redis_starts_for_real_answers_ping_and_serves_our_client() {
        TestRedis embedded = new TestRedis("embedded", local(true), TestRedis::startEmbedded);

        URI url = embedded.chosen();

        assertThat(url.getPort()).isNotEqualTo(6379);
        assertThat(TestRedis.answersPing(new InetSocketAddress(url.getHost(), url.getPort())))
                .isTrue();
        try (SharedState redis = SharedState.connect(url, Duration.ofSeconds(2))) {
            String key = "grokgram:test:embedded:" + UUID.randomUUID();
            redis.put(key, "kept", Duration.ofMinutes(1));
            assertThat(redis.get(key)).contains("kept");
        }
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void an_embedded_server_stops_and_starts_again_on_the_same_port() throws IOException {
        int port = TestRedis.freePort();
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);

        try (TestRedisServer server = TestRedisServer.embedded(port)) {
            assertThat(server.binary()).startsWith("embedded redis-server");
            assertThat(TestRedis.answersPing(address)).isTrue();

            server.stop();
            assertThat(TestRedis.answersPing(address)).isFalse();
        }

        try (TestRedisServer again = TestRedisServer.embedded(port)) {
            assertThat(again.url()).hasPort(port);
            assertThat(TestRedis.answersPing(address)).isTrue();
        }
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void a_private_server_prefers_the_redis_server_on_the_path() throws IOException {
        int port = TestRedis.freePort();
        Optional<String> onPath = TestRedisServer.onPath("redis-server").map(Object::toString);

        try (TestRedisServer server = TestRedis.startPrivate(port)) {
            assertThat(TestRedis.answersPing(new InetSocketAddress("127.0.0.1", port)))
                    .isTrue();
            if (onPath.isPresent()
                    && !System.getProperty(TestRedis.MODE_PROPERTY, "auto").equals("embedded")) {
                assertThat(server.binary()).isEqualTo("redis-server " + onPath.get());
            } else {
                assertThat(server.binary()).startsWith("embedded redis-server");
            }
        }
    }

    @Test
    void a_server_that_cannot_bind_fails_with_its_startup_log() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> TestRedisServer.embedded(taken.getLocalPort()))
                    .isInstanceOf(IOException.class)
                    .rootCause()
                    .hasMessageContaining("Address already in use");
        }
    }

    private BooleanSupplier local(boolean answers) {
        return () -> {
            probes.incrementAndGet();
            return answers;
        };
    }

    private TestRedis.EmbeddedStart embedded() {
        return () -> {
            starts.incrementAndGet();
            return EMBEDDED_URL;
        };
    }
}

package io.grokgram.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grokgram.testing.LocalOrEmbedded;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What is Redis's in the choice between the machine's Redis and the embedded one (the URL, the texts, the PING probe;
 * the choice itself is {@code LocalOrEmbeddedTest}'s), and the embedded redis-server started for real: from the jar, on
 * this machine, answering PING and our own client.
 */
class TestRedisTest {
    private static final URI EMBEDDED_URL = URI.create("redis://127.0.0.1:40001/0");

    @Test
    void a_redis_answering_on_6379_is_used_as_database_0() {
        TestRedis redis = new TestRedis("auto", () -> true, embedded());

        assertThat(redis.chosen()).isEqualTo(URI.create("redis://127.0.0.1:6379/0"));
    }

    @Test
    void nothing_on_6379_and_a_failed_embedded_start_says_what_was_tried_with_the_servers_log_and_the_fix() {
        TestRedis redis = new TestRedis("auto", () -> false, () -> {
            throw new IOException("Failed to start Redis service", new IOException("libssl.so.3: cannot open"));
        });

        assertThatThrownBy(redis::chosen)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Redis for the tests: nothing answers PING on 127.0.0.1:6379, and the embedded"
                        + " redis-server (com.github.codemonstur embedded-redis, binaries in the jar) did not start"
                        + " (java.io.IOException: Failed to start Redis service; caused by java.io.IOException:"
                        + " libssl.so.3: cannot open). Fix: start a Redis on 127.0.0.1:6379 (no password; .ci/run"
                        + " does, or install the redis-server package), or check the server's startup log quoted"
                        + " above (binaries exist for Linux and macOS on x86-64 and arm64 and for Windows; the Linux"
                        + " x86-64 one needs OpenSSL 3 (libssl.so.3)).");
    }

    @Test
    void local_mode_without_a_redis_on_6379_says_how_to_start_one() {
        TestRedis redis = new TestRedis("local", () -> false, embedded());

        assertThatThrownBy(redis::chosen)
                .hasMessage("Redis for the tests: grokgram.test.redis=local, but nothing answers PING on"
                        + " 127.0.0.1:6379. Start it (no password; .ci/run does) or drop the property to fall back"
                        + " to the embedded server.");
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
        TestRedis embedded = new TestRedis("embedded", () -> true, TestRedis::startEmbedded);

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

    private static LocalOrEmbedded.Start<URI> embedded() {
        return () -> EMBEDDED_URL;
    }
}

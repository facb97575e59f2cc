package io.grokgram.shared;

import io.grokgram.testing.LocalOrEmbedded;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which Redis the tests of this JVM use, decided once: the one on 127.0.0.1:6379 when it answers PING (every machine
 * here, CI included), else a redis-server from the embedded-redis jar on a free port, so a developer machine needs
 * nothing installed. That server is stopped at JVM exit. If neither works the tests fail with a message that says what
 * was tried and how to fix it; they never skip.
 *
 * <p>The system property {@code grokgram.test.redis} ({@code auto}, {@code local} or {@code embedded}) overrides the
 * probe, e.g. to exercise the embedded server on a machine that also runs one. That choice is {@link LocalOrEmbedded}'s,
 * shared with the PostgreSQL of the store tests; this class holds what is Redis's: the PING probe, the embedded start
 * and the texts.
 *
 * <p>Tests share this Redis (and a local one with other runs), so they keep to keys of their own: a bot id or a UUID
 * of the test's. A test that must lose and regain Redis starts a {@link #startPrivate private} server instead.
 */
public final class TestRedis {
    private static final Logger log = LoggerFactory.getLogger(TestRedis.class);
    static final URI LOCAL_URL = URI.create("redis://127.0.0.1:6379/0");
    static final String MODE_PROPERTY = "grokgram.test.redis";
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 6379);
    private static final int PROBE_TIMEOUT_MS = 500;
    /** A free port can be taken between finding it and the server binding it: then try another. */
    private static final int EMBEDDED_ATTEMPTS = 3;

    private static final byte[] PING = "*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PONG = "+PONG\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final LocalOrEmbedded.Texts TEXTS = new LocalOrEmbedded.Texts(
            "Redis",
            MODE_PROPERTY,
            "nothing answers PING on 127.0.0.1:6379",
            "no password; .ci/run does",
            "the Redis tests use an embedded redis-server at",
            e ->
                    "the embedded redis-server (com.github.codemonstur embedded-redis, binaries in the jar) did not start ("
                            + causes(e) + "). Fix: start a Redis on"
                            + " 127.0.0.1:6379 (no password; .ci/run does, or install the redis-server package), or"
                            + " check the server's startup log quoted above (binaries exist for Linux and macOS on"
                            + " x86-64 and arm64 and for Windows; the Linux x86-64 one needs OpenSSL 3 (libssl.so.3)).");
    private static final TestRedis JVM =
            new TestRedis(System.getProperty(MODE_PROPERTY, "auto"), TestRedis::localAnswers, TestRedis::startEmbedded);

    private final LocalOrEmbedded<URI> server;

    TestRedis(String mode, BooleanSupplier local, LocalOrEmbedded.Start<URI> embedded) {
        this.server = new LocalOrEmbedded<>(TEXTS, mode, LOCAL_URL, local, embedded, log);
    }

    /** {@code redis://HOST:PORT/0} of this JVM's Redis; starts the embedded one the first time if it is needed. */
    public static URI url() {
        return JVM.chosen();
    }

    public static String host() {
        return url().getHost();
    }

    public static int port() {
        return url().getPort();
    }

    /**
     * A Redis of the caller's own on {@code port}, for a test that stops it and starts it again: the {@code
     * redis-server} on the {@code PATH} when there is one, else the embedded one (always the embedded one with {@code
     * grokgram.test.redis=embedded}). The caller closes it.
     */
    public static TestRedisServer startPrivate(int port) throws IOException {
        Optional<TestRedisServer> fromPath =
                JVM.server.mode().equals("embedded") ? Optional.empty() : TestRedisServer.fromPath(port);
        return fromPath.isPresent() ? fromPath.get() : TestRedisServer.embedded(port);
    }

    /** A port nothing listens on right now, on 127.0.0.1. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The URL of the chosen server, chosen on the first call. */
    URI chosen() {
        return server.chosen();
    }

    /** The library says "Failed to start Redis service" and puts the server's startup log in the cause. */
    private static String causes(Throwable e) {
        StringBuilder text = new StringBuilder(e.toString());
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            text.append("; caused by ").append(cause);
        }
        return text.toString();
    }

    /** The JVM's embedded server: on a free port, living until the JVM exits (the library's shutdown hook). */
    static URI startEmbedded() throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < EMBEDDED_ATTEMPTS; attempt++) {
            try {
                return TestRedisServer.embedded(freePort()).url();
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    /** Whether the Redis every machine here runs answers on 127.0.0.1:6379. */
    static boolean localAnswers() {
        return answersPing(LOCAL);
    }

    /**
     * Whether a Redis at {@code address} answers PING with PONG; a port that is open but not Redis, or a Redis that
     * wants a password ({@code -NOAUTH}), is no Redis the tests can use.
     */
    static boolean answersPing(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, PROBE_TIMEOUT_MS);
            socket.setSoTimeout(PROBE_TIMEOUT_MS);
            socket.getOutputStream().write(PING);
            InputStream in = socket.getInputStream();
            return Arrays.equals(in.readNBytes(PONG.length), PONG);
        } catch (IOException e) {
            return false;
        }
    }
}

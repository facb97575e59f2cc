package io.grokgram.shared;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * A redis-server process a test started on 127.0.0.1: either the binary on the {@code PATH} or the one shipped in the
 * embedded-redis jar. Nothing is persisted (no RDB, no AOF). {@link #close} stops it and waits for it to exit; the
 * library also stops it at JVM exit, so a server a test forgot does not outlive the run.
 */
public final class TestRedisServer implements AutoCloseable {
    private static File extracted;

    private final RedisServer server;
    private final int port;
    private final String binary;

    private TestRedisServer(RedisServer server, int port, String binary) {
        this.server = server;
        this.port = port;
        this.binary = binary;
    }

    /** Starts the redis-server shipped in the embedded-redis jar and returns once it accepts connections. */
    public static TestRedisServer embedded(int port) throws IOException {
        return start(port, TestRedisServer::extractedBinary, "embedded redis-server (from the embedded-redis jar)");
    }

    /** Starts the {@code redis-server} on the {@code PATH}, if there is one, and returns once it accepts connections. */
    public static Optional<TestRedisServer> fromPath(int port) throws IOException {
        Optional<Path> onPath = onPath("redis-server");
        if (onPath.isEmpty()) {
            return Optional.empty();
        }
        File file = onPath.get().toFile();
        return Optional.of(start(port, () -> file, "redis-server " + file));
    }

    private static TestRedisServer start(int port, ExecutableProvider binary, String name) throws IOException {
        RedisServer server = RedisServer.newRedisServer()
                .executableProvider(binary)
                .bind("127.0.0.1")
                .port(port)
                // a test server keeps nothing: no dump.rdb or AOF written next to the binary
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
        // start() waits for "Ready to accept connections" on the server's output, and fails with the startup log
        // (e.g. "Address already in use") when it ends without it
        server.start();
        return new TestRedisServer(server, port, name);
    }

    /**
     * The jar's binary for this OS and CPU, written to a temp folder once per JVM (about 10 MB), not once per start:
     * tests that stop and start servers would otherwise copy it each time.
     */
    private static synchronized File extractedBinary() throws IOException {
        if (extracted == null) {
            extracted = ExecutableProvider.newJarResourceProvider().get();
        }
        return extracted;
    }

    static Optional<Path> onPath(String name) {
        String path = Objects.requireNonNullElse(System.getenv("PATH"), "");
        return Pattern.compile(Pattern.quote(File.pathSeparator))
                .splitAsStream(path)
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:PORT/0}. */
    public URI url() {
        return URI.create("redis://127.0.0.1:" + port + "/0");
    }

    /** Which binary runs, for log lines and failure messages. */
    public String binary() {
        return binary;
    }

    /**
     * Stops the server (SIGTERM) and waits until the process has exited; clients then find the port closed. Stopping
     * a stopped server does nothing; to have it back, start a new one on the same {@link #port}.
     */
    public void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            if (e.getCause() instanceof InterruptedException) {
                // the library wraps the interrupted wait for the process: keep the flag for our caller
                Thread.currentThread().interrupt();
            }
            throw new UncheckedIOException("could not stop " + binary + " on port " + port, e);
        }
    }

    /** Same as {@link #stop}. */
    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return binary + " on 127.0.0.1:" + port;
    }
}

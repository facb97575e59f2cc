package io.grokgram.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Duration;

/**
 * An embedded PostgreSQL for the tests, started at most once per JVM from the binaries that come as Maven artifacts.
 * It lives until the JVM exits (the library's shutdown hook stops the server and removes its data directory).
 */
final class EmbeddedPostgresServer {
    /** The first start extracts the binaries (about 14 MB); initdb then takes a few seconds on a slow disk. */
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private EmbeddedPostgresServer() {}

    /** Starts a server on a free port and returns the base JDBC URL of its {@code postgres} database. */
    static String start() throws IOException {
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setPGStartupWait(STARTUP_WAIT)
                .setRegisterShutdownHook(true)
                .start();
        return server.getJdbcUrl("postgres", "postgres");
    }
}

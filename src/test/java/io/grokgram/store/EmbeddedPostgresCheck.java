package io.grokgram.store;

import java.time.Duration;

/**
 * Starts the embedded PostgreSQL, migrates a store on it and prints its version: what {@link EmbeddedPostgresTest}
 * runs in a JVM of an unprivileged user when the tests themselves run as root (PostgreSQL refuses root).
 */
final class EmbeddedPostgresCheck {
    static final String OK = "embedded PostgreSQL ok: ";

    private EmbeddedPostgresCheck() {}

    public static void main(String[] args) throws Exception {
        System.out.println(OK + migrateAndAsk(EmbeddedPostgresServer.start()));
        // the library's shutdown hook stops the server and removes its data directory
        System.exit(0);
    }

    /** Migrates a fresh store at {@code baseUrl}, writes and reads a row, and returns the server's version. */
    static String migrateAndAsk(String baseUrl) {
        try (Database database = Database.open(baseUrl, 2, Duration.ofSeconds(10))) {
            database.migrate();
            database.useTransaction(tx -> tx.update(
                    "INSERT INTO intake_offset (bot_id, next_offset, updated_at) VALUES (?, ?, ?)", 1L, 42L, 0L));
            long offset = database.inTransaction(tx -> tx.queryOne(
                            "SELECT next_offset FROM intake_offset WHERE bot_id = ?",
                            row -> row.getLong("next_offset"),
                            1L)
                    .orElseThrow());
            if (offset != 42L) {
                throw new IllegalStateException("read back offset " + offset + ", wrote 42");
            }
            return database.inTransaction(
                    tx -> tx.queryOne("SHOW server_version", row -> row.getString("server_version"))
                            .orElseThrow());
        }
    }
}

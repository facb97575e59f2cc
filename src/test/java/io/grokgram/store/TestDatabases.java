package io.grokgram.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Real databases for tests: an SQLite file in a temporary folder, and a fresh schema in the PostgreSQL every machine
 * here runs (127.0.0.1:5432, database {@code test}; {@code .ci/run} starts it when it is down) or, on a machine without
 * one, in an embedded PostgreSQL ({@link TestPostgres}). Never a mock.
 */
public final class TestDatabases {
    /** The machine's PostgreSQL; {@link #postgres()} falls back to an embedded one when nothing answers there. */
    public static final String POSTGRES_BASE = TestPostgres.LOCAL_URL;

    private TestDatabases() {}

    public static Database sqlite(Path dir) {
        Database database = Database.open(dir.resolve("grokgram-test.db").toString(), 4, Duration.ofSeconds(10));
        database.migrate();
        return database;
    }

    /** A PostgreSQL database in a schema of its own, so tests never see each other's rows. */
    public static Database postgres() {
        Database database = Database.open(postgresUrl(), 4, Duration.ofSeconds(10));
        database.migrate();
        return database;
    }

    /** The JDBC URL of a new, empty schema of its own (not migrated): what an operator's fresh PostgreSQL is. */
    public static String postgresUrl() {
        String schema =
                "gg_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String base = TestPostgres.baseUrl();
        try (Connection connection = DriverManager.getConnection(base);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL at " + base + " is needed by the store tests and is not reachable: " + e.getMessage(),
                    e);
        }
        return base + "&currentSchema=" + schema;
    }

    /**
     * Skips the calling test, saying why, when the PostgreSQL at {@code url} has no pgvector: an embedded PostgreSQL on a
     * fresh developer machine. {@code .ci/run} installs it on the machine's PostgreSQL ({@code bin/pgvector.sh}).
     */
    public static void assumePgvector(String url) {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("SELECT count(*) FROM pg_available_extensions WHERE name = 'vector'")) {
            rows.next();
            Assumptions.assumeTrue(
                    rows.getInt(1) == 1,
                    "pgvector is not installed in the PostgreSQL at hand; bin/pgvector.sh installs it");
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + TestPostgres.baseUrl() + " did not answer", e);
        }
    }

    public static Database open(String kind, Path dir) {
        return switch (kind) {
            case "sqlite" -> sqlite(dir);
            case "postgresql" -> postgres();
            default -> throw new IllegalArgumentException(kind);
        };
    }
}

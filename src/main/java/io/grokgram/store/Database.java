package io.grokgram.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store: a connection pool over SQLite (the embedded default) or PostgreSQL, migrated by Flyway, handing out
 * transactions. Both run the same migrations and the same SQL.
 *
 * <p>SQLite gets exactly one pooled connection. SQLite has one writer at a time; with several connections a writer that
 * finds the database busy waits inside native code, which pins its virtual thread's carrier — with two carriers that can
 * stall the very thread holding the lock. One connection makes every wait a pool wait, which virtual threads handle, and
 * a turn's writes are a few small statements.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /** Which engine a URL names; rooms rarely need it, the migrations never do. */
    public enum Kind {
        SQLITE,
        POSTGRESQL
    }

    /** SQLite's {@code cache_size}: negative means KiB, so 64 MiB for the one connection. */
    static final String SQLITE_CACHE_SIZE = "-65536";

    /** Bound while the current thread is inside a transaction. */
    private static final ScopedValue<Boolean> IN_TRANSACTION = ScopedValue.newInstance();

    private final HikariDataSource dataSource;
    private final Kind kind;
    private final String displayUrl;
    private final Statements statements;

    private Database(HikariDataSource dataSource, Kind kind, String displayUrl) {
        this.dataSource = dataSource;
        this.kind = kind;
        this.displayUrl = displayUrl;
        this.statements = kind == Kind.SQLITE ? Statements.cached() : Statements.PER_USE;
    }

    /**
     * Opens the database a setting names: a {@code jdbc:sqlite:} or {@code jdbc:postgresql:} URL, or a file path that
     * means an SQLite file. Does not migrate; call {@link #migrate()}.
     */
    public static Database open(String setting, int maxPoolSize, Duration connectionTimeout) {
        String url = jdbcUrl(setting);
        Kind kind = kindOf(url);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName("grokgram-store");
        config.setConnectionTimeout(connectionTimeout.toMillis());
        config.setAutoCommit(true);
        if (kind == Kind.SQLITE) {
            config.setMaximumPoolSize(1);
            config.setMinimumIdle(1);
            // WAL lets readers run beside the writer and survives a crash; NORMAL sync is durable in WAL mode
            // except for the last transactions on power loss, not on a process crash.
            // The page cache is per connection and SQLite's default is 2 MiB: a turn reads its conversation, inbox
            // and quota rows, scattered across a file of many chats, and missed pages came back through pread from
            // the file and the WAL (a fifth of the bot's CPU per turn in a profile). 64 MiB is a ceiling, filled
            // only as pages are read; it changes no data and no durability.
            config.setDataSourceProperties(toProperties(Map.of(
                    "journal_mode", "WAL",
                    "synchronous", "NORMAL",
                    "busy_timeout", "10000",
                    "foreign_keys", "true",
                    "cache_size", SQLITE_CACHE_SIZE,
                    // no room reads generated keys; with it on, the driver matched each update against an INSERT
                    // pattern and compiled and ran SELECT last_insert_rowid() after it (11 times a turn)
                    "jdbc.get_generated_keys", "false")));
        } else {
            config.setMaximumPoolSize(maxPoolSize);
            config.setMinimumIdle(Math.min(2, maxPoolSize));
        }
        try {
            HikariDataSource dataSource = new HikariDataSource(config);
            Database database = new Database(dataSource, kind, redact(url));
            log.info("store opened: {} ({})", database.displayUrl, kind);
            return database;
        } catch (RuntimeException e) {
            throw new StoreException.Unavailable("cannot open database " + redact(url) + ": " + e.getMessage(), e);
        }
    }

    /** Applies every pending migration and returns how many ran. */
    public int migrate() {
        try {
            MigrateResult result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .loggers("slf4j")
                    .load()
                    .migrate();
            if (result.migrationsExecuted > 0) {
                log.info(
                        "store migrated to version {} ({} migrations)",
                        result.targetSchemaVersion,
                        result.migrationsExecuted);
            }
            return result.migrationsExecuted;
        } catch (RuntimeException e) {
            throw new StoreException.Unavailable("cannot migrate " + displayUrl + ": " + e.getMessage(), e);
        }
    }

    /** Whether the database answers a trivial query within a second: what health checks ask. */
    public boolean isReachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(1);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    public Kind kind() {
        return kind;
    }

    /** The URL for logs, with any password removed. */
    public String displayUrl() {
        return displayUrl;
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. Transactions do not
     * nest: code that already holds a {@link Tx} must pass it on. A nested call fails at once instead of waiting for a
     * second connection that, on SQLite's single connection, would never come.
     */
    public <T> T inTransaction(Function<Tx, T> work) {
        Objects.requireNonNull(work, "work");
        if (IN_TRANSACTION.isBound()) {
            throw new IllegalStateException("nested transaction: pass the caller's Tx instead of opening another");
        }
        try {
            return ScopedValue.where(IN_TRANSACTION, Boolean.TRUE).call(() -> run(work));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new StoreException("transaction failed on " + displayUrl + ": " + e.getMessage(), e);
        }
    }

    private <T> T run(Function<Tx, T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.apply(new Tx(connection, statements));
                connection.commit();
                return result;
            } catch (RuntimeException | Error e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("transaction failed on " + displayUrl + ": " + e.getMessage(), e);
        }
    }

    /**
     * A connection of the pool for work that outgrows {@link Tx}: the bulk copy streams rows between two databases and
     * manages its own transactions. The caller closes it.
     */
    Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** Like {@link #inTransaction(Function)} for work that returns nothing. */
    public void useTransaction(Consumer<Tx> work) {
        inTransaction(tx -> {
            work.accept(tx);
            return null;
        });
    }

    @Override
    public void close() {
        statements.close();
        dataSource.close();
    }

    static String jdbcUrl(String setting) {
        if (setting.startsWith("jdbc:")) {
            return setting;
        }
        return "jdbc:sqlite:" + Path.of(setting).toAbsolutePath().normalize();
    }

    /** Which engine a setting names (a JDBC URL or a file path), without opening anything. */
    public static Kind kindOf(String setting) {
        String url = jdbcUrl(setting);
        if (url.startsWith("jdbc:sqlite:")) {
            return Kind.SQLITE;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return Kind.POSTGRESQL;
        }
        throw new IllegalArgumentException("unsupported database URL " + redact(url)
                + " (expected jdbc:sqlite:FILE, jdbc:postgresql://HOST/DB or a file path)");
    }

    /**
     * The file an SQLite setting names ({@code jdbc:sqlite:FILE}, with or without {@code file:} and URL parameters, or a
     * bare path); empty for PostgreSQL and for in-memory databases. Lets a caller refuse a file that does not exist
     * before {@link #open} would quietly create an empty one.
     */
    public static Optional<Path> sqliteFile(String setting) {
        String url = jdbcUrl(setting);
        if (kindOf(url) != Kind.SQLITE) {
            return Optional.empty();
        }
        String file = url.substring("jdbc:sqlite:".length());
        int query = file.indexOf('?');
        file = query < 0 ? file : file.substring(0, query);
        file = file.startsWith("file:") ? file.substring("file:".length()) : file;
        if (file.isEmpty() || file.equals(":memory:")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(file).toAbsolutePath().normalize());
    }

    /** Removes a password from a JDBC URL so it can be logged. */
    public static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
    }

    private static Properties toProperties(Map<String, String> values) {
        Properties properties = new Properties();
        properties.putAll(values);
        return properties;
    }

    private static void rollbackQuietly(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}

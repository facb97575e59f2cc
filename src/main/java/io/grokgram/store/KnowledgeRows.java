package io.grokgram.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rows of a knowledge index kept in PostgreSQL with pgvector, shared by every worker: one row per document with its
 * text, its content hash, its embedding (a pgvector {@code vector}, empty without a model) and a generated
 * {@code tsvector} of its words. Nearest-neighbour search is exact (a scan ordered by cosine distance): an operator's
 * help centre has thousands of documents, where a scan takes milliseconds; an HNSW index would pay from far more.
 *
 * <p>The table is derived data, rebuilt from the folder by {@code grokgram knowledge index}, so it is created here rather
 * than by a migration: the migrations must run on PostgreSQL servers without pgvector and on SQLite. It uses its own
 * small pool, since the index may live in another database than the store.
 */
public final class KnowledgeRows implements AutoCloseable {
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    private final HikariDataSource pool;
    private final String displayUrl;
    /** The schema pgvector's type and operators live in, to qualify them whatever the connection's search path. */
    private final String vectorSchema;

    private KnowledgeRows(HikariDataSource pool, String displayUrl, String vectorSchema) {
        this.pool = pool;
        this.displayUrl = displayUrl;
        this.vectorSchema = vectorSchema;
    }

    /** A stored document and how well it matched. */
    public record Row(String path, String title, String body, float score) {}

    /**
     * Connects to the PostgreSQL at {@code jdbcUrl}, creates the {@code vector} extension (in {@code public}) when it is
     * installed but not yet created, and the table when missing.
     *
     * @throws StoreException.Unavailable when the database cannot be reached or has no pgvector, saying which
     */
    public static KnowledgeRows open(String jdbcUrl) {
        if (Database.kindOf(jdbcUrl) != Database.Kind.POSTGRESQL) {
            throw new IllegalArgumentException("a knowledge index in a database needs a jdbc:postgresql: URL");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("grokgram-knowledge");
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        String display = Database.redact(jdbcUrl);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException.Unavailable("cannot open the knowledge index at " + display, e);
        }
        try (Connection connection = pool.getConnection()) {
            String schema = vectorSchema(connection, display);
            // CREATE ... IF NOT EXISTS is not atomic in PostgreSQL: workers starting together on a fresh database
            // would fail with a duplicate key in pg_type, so they take turns, the lock held until the commit
            connection.setAutoCommit(false);
            try (var statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(hashtext('grokgram.knowledge_documents'))");
                statement.execute("CREATE TABLE IF NOT EXISTS knowledge_documents (path text PRIMARY KEY,"
                        + " hash text NOT NULL, title text NOT NULL, body text NOT NULL, embedding " + schema
                        + ".vector, words tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english', title), 'A')"
                        + " || to_tsvector('english', body)) STORED)");
                statement.execute(
                        "CREATE INDEX IF NOT EXISTS knowledge_documents_words ON knowledge_documents USING gin (words)");
            }
            connection.commit();
            connection.setAutoCommit(true);
            return new KnowledgeRows(pool, display, schema);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            if (e instanceof StoreException known) {
                throw known;
            }
            throw new StoreException.Unavailable(
                    "cannot prepare the knowledge index at " + display + ": " + e.getMessage(), e);
        }
    }

    public Map<String, String> hashes() {
        Map<String, String> hashes = new HashMap<>();
        query("SELECT path, hash FROM knowledge_documents", statement -> {}, rows -> {
            while (rows.next()) {
                hashes.put(rows.getString(1), rows.getString(2));
            }
        });
        return hashes;
    }

    public void put(String path, String hash, String title, String body, Optional<float[]> vector) {
        update(
                "INSERT INTO knowledge_documents (path, hash, title, body, embedding) VALUES (?, ?, ?, ?, ?::"
                        + vectorSchema + ".vector) ON CONFLICT (path) DO UPDATE SET hash = excluded.hash,"
                        + " title = excluded.title, body = excluded.body, embedding = excluded.embedding",
                statement -> {
                    statement.setString(1, path);
                    statement.setString(2, hash);
                    statement.setString(3, title);
                    statement.setString(4, body);
                    statement.setString(5, vector.map(KnowledgeRows::literal).orElse(null));
                });
    }

    public void remove(String path) {
        update("DELETE FROM knowledge_documents WHERE path = ?", statement -> statement.setString(1, path));
    }

    /** Nearest by cosine distance among rows embedded with a vector of the same length (the same model). */
    public List<Row> nearest(float[] vector, int limit) {
        String distance = "embedding OPERATOR(" + vectorSchema + ".<=>) ?::" + vectorSchema + ".vector";
        return rows(
                "SELECT path, title, body, 1 - (" + distance + ") FROM knowledge_documents WHERE embedding IS NOT NULL"
                        + " AND " + vectorSchema + ".vector_dims(embedding) = ? ORDER BY " + distance
                        + ", path LIMIT ?",
                statement -> {
                    String literal = literal(vector);
                    statement.setString(1, literal);
                    statement.setInt(2, vector.length);
                    statement.setString(3, literal);
                    statement.setInt(4, limit);
                });
    }

    /** Ranked by PostgreSQL's full text (English stemming, title words weighted up), any of the question's words. */
    public List<Row> matching(String question, int limit) {
        return rows(
                "SELECT path, title, body, ts_rank_cd(words, query) AS score FROM knowledge_documents,"
                        + " to_tsquery('english', replace(plainto_tsquery('english', ?)::text, ' & ', ' | ')) query"
                        + " WHERE words @@ query ORDER BY score DESC, path LIMIT ?",
                statement -> {
                    statement.setString(1, question);
                    statement.setInt(2, limit);
                });
    }

    @Override
    public void close() {
        pool.close();
    }

    /** The schema of the {@code vector} extension, created in {@code public} when installed but not yet created. */
    private static String vectorSchema(Connection connection, String display) throws SQLException {
        Optional<String> schema = createdIn(connection);
        if (schema.isEmpty()) {
            try (var statement = connection.createStatement()) {
                statement.execute("CREATE EXTENSION IF NOT EXISTS vector WITH SCHEMA public");
            } catch (SQLException e) {
                // another worker may have created it at the same moment; anything else means it is not installed
                schema = createdIn(connection);
                if (schema.isEmpty()) {
                    throw new StoreException.Unavailable(
                            "the PostgreSQL at " + display + " has no pgvector (the vector extension): install it"
                                    + " (bin/pgvector.sh builds it) or have its owner run CREATE EXTENSION vector; "
                                    + e.getMessage(),
                            e);
                }
            }
            schema = createdIn(connection);
        }
        String name = schema.orElseThrow();
        if (!SCHEMA_NAME.matcher(name).matches()) {
            throw new StoreException.Unavailable("pgvector lives in a schema with an unusual name: " + name, null);
        }
        return name;
    }

    private static Optional<String> createdIn(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT n.nspname FROM pg_extension e"
                        + " JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'vector'");
                ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
        }
    }

    /** pgvector's text form: {@code [0.1,-0.2,…]}. */
    private static String literal(float[] vector) {
        StringBuilder text = new StringBuilder(vector.length * 10).append('[');
        for (int i = 0; i < vector.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(vector[i]);
        }
        return text.append(']').toString();
    }

    private List<Row> rows(String sql, Binder binder) {
        List<Row> found = new ArrayList<>();
        query(sql, binder, rows -> {
            while (rows.next()) {
                found.add(new Row(rows.getString(1), rows.getString(2), rows.getString(3), rows.getFloat(4)));
            }
        });
        return found;
    }

    private void query(String sql, Binder binder, Reader reader) {
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                reader.read(rows);
            }
        } catch (SQLException e) {
            throw new StoreException.StatementFailed("knowledge index at " + displayUrl + ": " + sql, e);
        }
    }

    private void update(String sql, Binder binder) {
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException.StatementFailed("knowledge index at " + displayUrl + ": " + sql, e);
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    private interface Reader {
        void read(ResultSet rows) throws SQLException;
    }
}

package io.grokgram.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where {@link Tx} gets its prepared statements. SQLite compiles every statement in native code and the driver keeps
 * no cache, so a turn's thirty-odd statements were compiled afresh each time; {@link #cached()} keeps them compiled on
 * the physical connection between transactions. PostgreSQL's driver caches its own, so it gets {@link #PER_USE}.
 */
abstract sealed class Statements permits Statements.PerUse, Statements.Cached {
    static final Statements PER_USE = new PerUse();

    /** Compiled statements kept; the hot path uses a few dozen, the rest are rare (admin, retention). */
    static final int MAX_CACHED = 128;

    static Statements cached() {
        return new Cached();
    }

    /** A statement for {@code sql} on the transaction's {@code connection}, to hand back with {@link #release}. */
    abstract PreparedStatement take(Connection connection, String sql) throws SQLException;

    /**
     * Hands a statement back after its use; {@code reusable} is false after a failure, and the statement is closed.
     */
    abstract void release(String sql, PreparedStatement statement, boolean reusable) throws SQLException;

    /** Closes what is kept; called before the pool closes. */
    abstract void close();

    private static final class PerUse extends Statements {
        @Override
        PreparedStatement take(Connection connection, String sql) throws SQLException {
            return connection.prepareStatement(sql);
        }

        @Override
        void release(String sql, PreparedStatement statement, boolean reusable) throws SQLException {
            statement.close();
        }

        @Override
        void close() {}
    }

    /**
     * Keyed by SQL on the pool's physical connection (the pool's proxy would close them with each borrow). A statement
     * is taken out while in use, so a query run while another with the same SQL is still being read gets a fresh
     * one. Used by one transaction at a time (SQLite's pool has one connection), guarded all the same.
     */
    private static final class Cached extends Statements {
        private final Map<String, PreparedStatement> idle = new LinkedHashMap<>(64, 0.75f, true);
        private Connection physical;

        @Override
        synchronized PreparedStatement take(Connection connection, String sql) throws SQLException {
            Connection current = connection.unwrap(Connection.class);
            if (current != physical) {
                close(); // the pool replaced its connection: the old one's statements died with it
                physical = current;
            }
            PreparedStatement statement = idle.remove(sql);
            if (statement != null) {
                statement.clearParameters();
                return statement;
            }
            return current.prepareStatement(sql);
        }

        @Override
        synchronized void release(String sql, PreparedStatement statement, boolean reusable) throws SQLException {
            if (!reusable || statement.isClosed() || idle.containsKey(sql)) {
                statement.close();
                return;
            }
            idle.put(sql, statement);
            if (idle.size() > MAX_CACHED) {
                var eldest = idle.entrySet().iterator().next();
                idle.remove(eldest.getKey());
                eldest.getValue().close();
            }
        }

        @Override
        synchronized void close() {
            List<PreparedStatement> kept = new ArrayList<>(idle.values());
            idle.clear();
            for (PreparedStatement statement : kept) {
                try {
                    statement.close();
                } catch (SQLException e) {
                    // closing a statement of a connection already gone: nothing is left to free
                }
            }
        }
    }
}

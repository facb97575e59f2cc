package io.grokgram.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A database transaction in progress. Rooms run their own SQL through it with positional {@code ?} parameters; values
 * may be {@code String}, {@code Long}, {@code Integer} or {@code null} (no booleans: SQLite and PostgreSQL
 * store them differently, so the schema uses integers 0/1 or state words). The SQL must be the portable
 * subset that SQLite and PostgreSQL share (e.g. {@code INSERT … ON CONFLICT DO NOTHING}).
 */
public final class Tx {
    private final Connection connection;
    private final Statements statements;

    Tx(Connection connection, Statements statements) {
        this.connection = connection;
        this.statements = statements;
    }

    /** Runs an insert, update or delete and returns the number of rows it changed. */
    public int update(String sql, Object... args) {
        try {
            PreparedStatement statement = prepare(sql, args);
            boolean done = false;
            try {
                int changed = statement.executeUpdate();
                done = true;
                return changed;
            } finally {
                statements.release(sql, statement, done);
            }
        } catch (SQLException e) {
            throw new StoreException.StatementFailed(sql, e);
        }
    }

    public <T> List<T> query(String sql, Function<Row, T> mapper, Object... args) {
        try {
            PreparedStatement statement = prepare(sql, args);
            boolean done = false;
            try {
                List<T> result = new ArrayList<>();
                try (ResultSet resultSet = statement.executeQuery()) {
                    Row row = new Row(resultSet);
                    while (resultSet.next()) {
                        result.add(mapper.apply(row));
                    }
                }
                done = true;
                return result;
            } finally {
                statements.release(sql, statement, done);
            }
        } catch (SQLException e) {
            throw new StoreException.StatementFailed(sql, e);
        }
    }

    public <T> Optional<T> queryOne(String sql, Function<Row, T> mapper, Object... args) {
        List<T> rows = query(sql, mapper, args);
        if (rows.size() > 1) {
            throw new IllegalStateException("expected at most one row, got " + rows.size() + " for [" + sql + "]");
        }
        return rows.stream().findFirst();
    }

    private PreparedStatement prepare(String sql, Object[] args) throws SQLException {
        PreparedStatement statement = statements.take(connection, sql);
        try {
            for (int i = 0; i < args.length; i++) {
                bind(statement, i + 1, args[i]);
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statements.release(sql, statement, false);
            throw e;
        }
    }

    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        switch (value) {
            case null -> statement.setNull(index, Types.NULL);
            case String s -> statement.setString(index, s);
            case Long l -> statement.setLong(index, l);
            case Integer i -> statement.setInt(index, i);
            default ->
                throw new IllegalArgumentException(
                        "unsupported parameter type " + value.getClass().getName() + " at position " + index);
        }
    }
}

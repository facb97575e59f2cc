package io.grokgram.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * One row of a result, read by column name. A thin view over the JDBC result set so that JDBC types stay in this room;
 * valid only inside the mapper it is given to.
 */
public final class Row {
    private final ResultSet resultSet;

    Row(ResultSet resultSet) {
        this.resultSet = resultSet;
    }

    public long getLong(String column) {
        try {
            return resultSet.getLong(column);
        } catch (SQLException e) {
            throw new StoreException("cannot read column " + column, e);
        }
    }

    public int getInt(String column) {
        try {
            return resultSet.getInt(column);
        } catch (SQLException e) {
            throw new StoreException("cannot read column " + column, e);
        }
    }

    public String getString(String column) {
        return optionalString(column)
                .orElseThrow(
                        () -> new IllegalStateException("column " + column + " is null where a value is required"));
    }

    public Optional<String> optionalString(String column) {
        try {
            return Optional.ofNullable(resultSet.getString(column));
        } catch (SQLException e) {
            throw new StoreException("cannot read column " + column, e);
        }
    }

    public Optional<Long> optionalLong(String column) {
        try {
            long value = resultSet.getLong(column);
            return resultSet.wasNull() ? Optional.empty() : Optional.of(value);
        } catch (SQLException e) {
            throw new StoreException("cannot read column " + column, e);
        }
    }
}

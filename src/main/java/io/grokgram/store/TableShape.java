package io.grokgram.store;

import java.sql.Types;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A table as the bulk copy sees it: its columns in order and the columns that order its rows (the primary key, or every
 * column for a table without one).
 */
record TableShape(String name, List<Column> columns, List<Column> order) {
    TableShape {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        order = List.copyOf(order);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("table " + name + " has no columns");
        }
    }

    /** A column and its JDBC type; only integers and text exist in the schema (see {@link Tx} on booleans). */
    record Column(String name, int jdbcType, String typeName) {
        Column {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(typeName, "typeName");
        }

        boolean text() {
            return switch (jdbcType) {
                case Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.NVARCHAR, Types.NCHAR, Types.LONGNVARCHAR ->
                    true;
                default -> false;
            };
        }

        boolean integer() {
            return switch (jdbcType) {
                case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> true;
                default -> false;
            };
        }
    }

    String columnList() {
        return columns.stream().map(c -> quote(c.name())).collect(Collectors.joining(", "));
    }

    /**
     * The rows in key order, the same on both engines: PostgreSQL compares text by the database's collation (often
     * {@code en_US}), SQLite by bytes, so text keys on PostgreSQL are compared {@code COLLATE "C"}, which is byte order
     * of UTF-8 as in SQLite. Without that the two checksums would hash the same rows in different orders.
     */
    String selectInKeyOrder(Database.Kind kind) {
        String orderBy = order.stream()
                .map(c -> quote(c.name()) + (kind == Database.Kind.POSTGRESQL && c.text() ? " COLLATE \"C\"" : ""))
                .collect(Collectors.joining(", "));
        return "SELECT " + columnList() + " FROM " + quote(name) + " ORDER BY " + orderBy;
    }

    String insert() {
        String marks = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
        return "INSERT INTO " + quote(name) + " (" + columnList() + ") VALUES (" + marks + ")";
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}

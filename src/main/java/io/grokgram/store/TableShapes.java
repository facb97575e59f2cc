package io.grokgram.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the tables of a database from its JDBC metadata, so the copy follows the schema the migrations made instead of a
 * list that the next migration would leave behind. On PostgreSQL only the connection's current schema counts.
 */
final class TableShapes {
    /** Flyway's own bookkeeping: each side keeps its own history, written by its own migrate. */
    static final String FLYWAY_HISTORY = "flyway_schema_history";

    private TableShapes() {}

    /**
     * Every table but Flyway's and SQLite's own, by lower-case name, in name order. Metadata name patterns treat
     * {@code _} as a wildcard, so every answer is filtered to the exact schema and table.
     */
    static Map<String, TableShape> read(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String schema = connection.getSchema();
        Map<String, TableShape> tables = new TreeMap<>();
        for (String table : tableNames(meta, schema)) {
            List<TableShape.Column> columns = columns(meta, schema, table);
            List<TableShape.Column> key = primaryKey(meta, schema, table, columns);
            tables.put(table.toLowerCase(Locale.ROOT), new TableShape(table, columns, key.isEmpty() ? columns : key));
        }
        return tables;
    }

    private static List<String> tableNames(DatabaseMetaData meta, String schema) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rows = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                String name = rows.getString("TABLE_NAME");
                boolean ours = schema == null || schema.equals(rows.getString("TABLE_SCHEM"));
                if (ours && !name.equalsIgnoreCase(FLYWAY_HISTORY) && !name.startsWith("sqlite_")) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static List<TableShape.Column> columns(DatabaseMetaData meta, String schema, String table)
            throws SQLException {
        Map<Integer, TableShape.Column> columns = new TreeMap<>();
        try (ResultSet rows = meta.getColumns(null, schema, table, "%")) {
            while (rows.next()) {
                if (exact(rows, schema, table)) {
                    columns.put(
                            rows.getInt("ORDINAL_POSITION"),
                            new TableShape.Column(
                                    rows.getString("COLUMN_NAME"),
                                    rows.getInt("DATA_TYPE"),
                                    rows.getString("TYPE_NAME")));
                }
            }
        }
        return List.copyOf(columns.values());
    }

    private static List<TableShape.Column> primaryKey(
            DatabaseMetaData meta, String schema, String table, List<TableShape.Column> columns) throws SQLException {
        Map<Integer, String> key = new TreeMap<>();
        try (ResultSet rows = meta.getPrimaryKeys(null, schema, table)) {
            while (rows.next()) {
                key.put(rows.getInt("KEY_SEQ"), rows.getString("COLUMN_NAME"));
            }
        }
        List<TableShape.Column> result = new ArrayList<>();
        for (String name : key.values()) {
            columns.stream()
                    .filter(c -> c.name().equalsIgnoreCase(name))
                    .findFirst()
                    .ifPresent(result::add);
        }
        return result;
    }

    private static boolean exact(ResultSet rows, String schema, String table) throws SQLException {
        return table.equals(rows.getString("TABLE_NAME"))
                && (schema == null || schema.equals(rows.getString("TABLE_SCHEM")));
    }
}

package io.grokgram.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
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
     * Every table but Flyway's and SQLite's own, by lower-case name, in name order. Columns and keys are asked for once
     * for the whole schema where the driver allows (PostgreSQL's catalog queries are slow enough to matter when repeated
     * per table). Metadata name patterns treat {@code _} as a wildcard, so answers are filtered to exact names.
     */
    static Map<String, TableShape> read(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String schema = connection.getSchema();
        List<String> names = tableNames(meta, schema);
        Map<String, Map<Integer, TableShape.Column>> columns = columns(meta, schema);
        Map<String, Map<Integer, String>> keys = primaryKeys(meta, schema, names);
        Map<String, TableShape> tables = new TreeMap<>();
        for (String table : names) {
            List<TableShape.Column> ordered =
                    List.copyOf(columns.getOrDefault(table, Map.of()).values());
            List<TableShape.Column> key = new ArrayList<>();
            for (String name : keys.getOrDefault(table, Map.of()).values()) {
                ordered.stream()
                        .filter(c -> c.name().equalsIgnoreCase(name))
                        .findFirst()
                        .ifPresent(key::add);
            }
            tables.put(table.toLowerCase(Locale.ROOT), new TableShape(table, ordered, key.isEmpty() ? ordered : key));
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

    /** Table to (ordinal position to column), for the whole schema in one call. */
    private static Map<String, Map<Integer, TableShape.Column>> columns(DatabaseMetaData meta, String schema)
            throws SQLException {
        Map<String, Map<Integer, TableShape.Column>> columns = new TreeMap<>();
        try (ResultSet rows = meta.getColumns(null, schema, "%", "%")) {
            while (rows.next()) {
                if (schema == null || schema.equals(rows.getString("TABLE_SCHEM"))) {
                    columns.computeIfAbsent(rows.getString("TABLE_NAME"), t -> new TreeMap<>())
                            .put(
                                    rows.getInt("ORDINAL_POSITION"),
                                    new TableShape.Column(
                                            rows.getString("COLUMN_NAME"),
                                            rows.getInt("DATA_TYPE"),
                                            rows.getString("TYPE_NAME")));
                }
            }
        }
        return columns;
    }

    /**
     * Table to (key sequence to column). PostgreSQL's driver answers for every table at once (a null table); SQLite's
     * needs a table name, and asks the file, which is quick.
     */
    private static Map<String, Map<Integer, String>> primaryKeys(
            DatabaseMetaData meta, String schema, List<String> tables) throws SQLException {
        Map<String, Map<Integer, String>> keys = new TreeMap<>();
        List<String> asked =
                meta.getDatabaseProductName().equals("PostgreSQL") ? Collections.singletonList(null) : tables;
        for (String table : asked) {
            try (ResultSet rows = meta.getPrimaryKeys(null, schema, table)) {
                while (rows.next()) {
                    if (schema == null || schema.equals(rows.getString("TABLE_SCHEM"))) {
                        keys.computeIfAbsent(rows.getString("TABLE_NAME"), t -> new TreeMap<>())
                                .put(rows.getInt("KEY_SEQ"), rows.getString("COLUMN_NAME"));
                    }
                }
            }
        }
        return keys;
    }
}

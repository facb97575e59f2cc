package io.grokgram.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Moves every row of one store into another that is empty, and proves it: what {@code grokgram migrate --copy-from}
 * does when an embedded installation moves to PostgreSQL. Both databases must already be migrated to the same version.
 *
 * <p>The copy runs in one transaction on the target, and the target's tables are locked against writers for its length
 * on PostgreSQL. Before committing it compares every table on both sides (row count and SHA-256, see {@link
 * TableCheck}); on any difference it rolls back, so the target ends either with a verified copy or as it was. The source
 * is read inside one transaction too, so it is one consistent snapshot even if something still writes to it.
 *
 * <p>Tables come from the schema (JDBC metadata), not from a list: whatever a future migration adds is copied, and a
 * column type the copy cannot carry exactly fails loudly instead of being approximated.
 */
public final class StoreCopy {
    private static final int BATCH = 1_000;
    private static final int REPORT_EVERY = 10_000;

    private final Database source;
    private final Database target;

    public StoreCopy(Database source, Database target) {
        this.source = Objects.requireNonNull(source, "source");
        this.target = Objects.requireNonNull(target, "target");
    }

    /** Copies and verifies, or refuses when the target already holds rows; see {@link CopyOutcome}. */
    public CopyOutcome copy(CopyProgress progress) {
        Objects.requireNonNull(progress, "progress");
        return withBoth((from, to) -> {
            List<TableShape> tables = sameTables(from, to);
            lockForCopy(to, tables);
            Map<String, Long> occupied = occupied(to, tables);
            if (!occupied.isEmpty()) {
                return new CopyOutcome.TargetNotEmpty(occupied);
            }
            for (TableShape table : tables) {
                copyTable(from, to, table, progress);
            }
            List<String> sequences = target.kind() == Database.Kind.POSTGRESQL ? advanceSequences(to) : List.of();
            List<TableCheck> checks = compare(from, to, tables);
            if (checks.stream().allMatch(TableCheck::matches)) {
                to.commit();
                return new CopyOutcome.Copied(checks, sequences);
            }
            return new CopyOutcome.Mismatched(checks);
        });
    }

    /** Compares every table on both sides as they are now, changing nothing: the check an operator can repeat. */
    public List<TableCheck> verify() {
        return withBoth((from, to) -> compare(from, to, sameTables(from, to)));
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection from, Connection to) throws SQLException;
    }

    /** Both connections in a transaction; whatever {@code work} did not commit is rolled back. */
    private <T> T withBoth(Work<T> work) {
        try (Connection from = source.connection();
                Connection to = target.connection()) {
            from.setAutoCommit(false);
            to.setAutoCommit(false);
            T result;
            try {
                result = work.run(from, to);
            } catch (SQLException | RuntimeException | Error e) {
                // the work's failure is the story; a rollback that fails too (a lost connection) is told beside it
                try {
                    end(from, to);
                } catch (SQLException | RuntimeException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
            end(from, to);
            return result;
        } catch (SQLException e) {
            throw new StoreException(
                    "copy from " + source.displayUrl() + " to " + target.displayUrl() + " failed: " + e.getMessage(),
                    e);
        }
    }

    private static void end(Connection from, Connection to) throws SQLException {
        to.rollback();
        from.rollback();
        to.setAutoCommit(true);
        from.setAutoCommit(true);
    }

    /** The tables both sides share, in name order; any difference means they are not at the same schema version. */
    private static List<TableShape> sameTables(Connection from, Connection to) throws SQLException {
        Map<String, TableShape> sourceTables = TableShapes.read(from);
        Map<String, TableShape> targetTables = TableShapes.read(to);
        if (!sourceTables.keySet().equals(targetTables.keySet())) {
            throw new IllegalStateException("the two databases have different tables: only in the source "
                    + difference(sourceTables.keySet(), targetTables.keySet()) + ", only in the target "
                    + difference(targetTables.keySet(), sourceTables.keySet())
                    + "; migrate both with this version first");
        }
        List<TableShape> tables = new ArrayList<>();
        for (TableShape table : targetTables.values()) {
            TableShape other = sourceTables.get(table.name().toLowerCase(Locale.ROOT));
            if (!names(table).equals(names(other))) {
                throw new IllegalStateException("table " + table.name() + " has columns " + names(other)
                        + " in the source and " + names(table) + " in the target");
            }
            for (TableShape.Column column : table.columns()) {
                if (!column.integer() && !column.text()) {
                    throw new IllegalStateException("column " + table.name() + "." + column.name() + " is "
                            + column.typeName() + "; the copy carries integers and text exactly and nothing else");
                }
            }
            tables.add(table);
        }
        return tables;
    }

    /**
     * On PostgreSQL, keeps writers out of the target's tables until the copy commits (readers may still look), so the
     * emptiness check and the verification see only the copy.
     */
    private void lockForCopy(Connection to, List<TableShape> tables) throws SQLException {
        if (target.kind() != Database.Kind.POSTGRESQL || tables.isEmpty()) {
            return;
        }
        String names = tables.stream().map(t -> TableShape.quote(t.name())).collect(Collectors.joining(", "));
        execute(to, "LOCK TABLE " + names + " IN EXCLUSIVE MODE");
    }

    private static Map<String, Long> occupied(Connection to, List<TableShape> tables) throws SQLException {
        Map<String, Long> occupied = new LinkedHashMap<>();
        for (TableShape table : tables) {
            long rows = count(to, table);
            if (rows > 0) {
                occupied.put(table.name(), rows);
            }
        }
        return occupied;
    }

    private void copyTable(Connection from, Connection to, TableShape table, CopyProgress progress)
            throws SQLException {
        long total = count(from, table);
        String select = table.selectInKeyOrder(source.kind());
        long rows = 0;
        try (PreparedStatement read = from.prepareStatement(select);
                PreparedStatement write = to.prepareStatement(table.insert())) {
            read.setFetchSize(BATCH);
            try (ResultSet result = read.executeQuery()) {
                while (result.next()) {
                    for (int i = 0; i < table.columns().size(); i++) {
                        bind(
                                write,
                                i + 1,
                                result.getObject(i + 1),
                                table,
                                table.columns().get(i));
                    }
                    write.addBatch();
                    rows++;
                    if (rows % BATCH == 0) {
                        write.executeBatch();
                    }
                    if (rows % REPORT_EVERY == 0) {
                        progress.copied(table.name(), rows, total);
                    }
                }
            }
            write.executeBatch();
        } catch (SQLException e) {
            throw new StoreException.StatementFailed(table.insert(), e);
        }
        progress.copied(table.name(), rows, total);
    }

    /** Binds a value exactly: integers as 64-bit, text as text, NULL with the target column's type. */
    private static void bind(
            PreparedStatement statement, int index, Object value, TableShape table, TableShape.Column column)
            throws SQLException {
        switch (value) {
            case null -> statement.setNull(index, column.jdbcType());
            case Long l -> statement.setLong(index, l);
            case Integer i -> statement.setLong(index, i);
            case Short s -> statement.setLong(index, s);
            case String s -> statement.setString(index, s);
            default -> throw TableDigest.unsupported(value, table, column);
        }
    }

    /**
     * Moves every sequence behind a column of the target (serial or identity) past the largest copied value, so the
     * next generated key does not collide with a copied one. V1–V5 use none (keys are Telegram ids, random ids or
     * composite), so today this finds nothing; it is here for the migration that adds one.
     */
    static List<String> advanceSequences(Connection to) throws SQLException {
        List<String[]> columns = new ArrayList<>();
        String find = "SELECT table_name, column_name FROM information_schema.columns"
                + " WHERE table_schema = current_schema()"
                + " AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')"
                + " ORDER BY table_name, column_name";
        try (Statement statement = to.createStatement();
                ResultSet rows = statement.executeQuery(find)) {
            while (rows.next()) {
                columns.add(new String[] {rows.getString(1), rows.getString(2)});
            }
        }
        List<String> advanced = new ArrayList<>();
        for (String[] column : columns) {
            String table = TableShape.quote(column[0]);
            String sql = "SELECT setval(pg_get_serial_sequence(?, ?), COALESCE((SELECT MAX("
                    + TableShape.quote(column[1]) + ") FROM " + table + "), 0) + 1, false)";
            try (PreparedStatement statement = to.prepareStatement(sql)) {
                statement.setString(1, table);
                statement.setString(2, column[1]);
                try (ResultSet next = statement.executeQuery()) {
                    next.next();
                    advanced.add(column[0] + "." + column[1] + " next " + next.getLong(1));
                }
            }
        }
        return advanced;
    }

    private List<TableCheck> compare(Connection from, Connection to, List<TableShape> tables) {
        List<TableCheck> checks = new ArrayList<>();
        for (TableShape table : tables) {
            TableDigest.Tally left = TableDigest.of(from, source.kind(), table);
            TableDigest.Tally right = TableDigest.of(to, target.kind(), table);
            checks.add(new TableCheck(table.name(), left.rows(), right.rows(), left.sha256(), right.sha256()));
        }
        return List.copyOf(checks);
    }

    private static long count(Connection connection, TableShape table) throws SQLException {
        String sql = "SELECT COUNT(*) FROM " + TableShape.quote(table.name());
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new StoreException.StatementFailed(sql, e);
        }
    }

    private static void execute(Connection connection, String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new StoreException.StatementFailed(sql, e);
        }
    }

    private static Set<String> names(TableShape table) {
        return table.columns().stream()
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String difference(Set<String> left, Set<String> right) {
        TreeSet<String> only = new TreeSet<>(left);
        only.removeAll(right);
        return only.toString();
    }
}

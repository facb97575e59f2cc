package io.grokgram.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * A table's row count and SHA-256 over its rows in key order, each value rendered canonically, so the same rows give the
 * same checksum on SQLite and on PostgreSQL whatever Java type each driver returns.
 *
 * <p>Rendering: {@code N} for NULL; {@code I} + decimal + {@code ;} for an integer (SQLite's driver returns an
 * {@code Integer} or a {@code Long} depending on the value, PostgreSQL's by column type: both become one form);
 * {@code S} + UTF-8 length + {@code :} + UTF-8 bytes for text. Every value delimits itself and a table's column count is
 * fixed, so no two different tables of rows render alike. Anything else (a REAL or a BLOB that SQLite's loose typing let
 * in) is refused, naming the table and column: the copy handles exactly what the schema declares.
 */
final class TableDigest {
    private static final int FETCH_SIZE = 1_000;

    private TableDigest() {}

    /** Counts and hashes {@code table} through {@code connection}, which must not be in autocommit on PostgreSQL. */
    static Tally of(Connection connection, Database.Kind kind, TableShape table) {
        String sql = table.selectInKeyOrder(kind);
        MessageDigest sha = sha256();
        long rows = 0;
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setFetchSize(FETCH_SIZE);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    for (int i = 0; i < table.columns().size(); i++) {
                        sha.update(render(
                                result.getObject(i + 1), table, table.columns().get(i)));
                    }
                    rows++;
                }
            }
        } catch (SQLException e) {
            throw new StoreException.StatementFailed(sql, e);
        }
        return new Tally(rows, HexFormat.of().formatHex(sha.digest()));
    }

    static byte[] render(Object value, TableShape table, TableShape.Column column) {
        return switch (value) {
            case null -> new byte[] {'N'};
            case Long l -> ("I" + l + ";").getBytes(StandardCharsets.US_ASCII);
            case Integer i -> ("I" + i + ";").getBytes(StandardCharsets.US_ASCII);
            case Short s -> ("I" + s + ";").getBytes(StandardCharsets.US_ASCII);
            case String s -> {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                byte[] head = ("S" + utf8.length + ":").getBytes(StandardCharsets.US_ASCII);
                byte[] out = new byte[head.length + utf8.length];
                System.arraycopy(head, 0, out, 0, head.length);
                System.arraycopy(utf8, 0, out, head.length, utf8.length);
                yield out;
            }
            default -> throw unsupported(value, table, column);
        };
    }

    static IllegalStateException unsupported(Object value, TableShape table, TableShape.Column column) {
        return new IllegalStateException(table.name() + "." + column.name() + " (" + column.typeName() + ") holds a "
                + value.getClass().getSimpleName()
                + " value; the copy handles integers, text and NULL, which is all the schema declares");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** What one side holds of a table. */
    record Tally(long rows, String sha256) {}
}

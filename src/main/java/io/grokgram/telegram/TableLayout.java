package io.grokgram.telegram;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.node.Node;

/**
 * Lays a GFM table out as monospaced text: Telegram has no table entity, and a {@code pre} block is the only place
 * where padding with spaces lines columns up. Widths count code points, which is right for Latin, Cyrillic and most
 * emoji and close enough for wide CJK characters. Inline markup inside cells becomes plain text because nothing may be
 * nested inside {@code pre}.
 */
final class TableLayout {

    private static final String COLUMN_SEPARATOR = " | ";
    private static final String RULE_SEPARATOR = "-|-";

    private final List<List<String>> rows = new ArrayList<>();
    private final List<TableCell.Alignment> alignments = new ArrayList<>();
    private int headRows;

    private TableLayout() {}

    static String layout(TableBlock table) {
        TableLayout layout = new TableLayout();
        for (Node section = table.getFirstChild(); section != null; section = section.getNext()) {
            for (Node row = section.getFirstChild(); row != null; row = row.getNext()) {
                layout.addRow(row, section instanceof TableHead);
            }
        }
        return layout.toText();
    }

    private void addRow(Node row, boolean head) {
        List<String> cells = new ArrayList<>();
        int column = 0;
        for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext(), column++) {
            cells.add(PlainText.of(cell).strip());
            if (column >= alignments.size() && cell instanceof TableCell tableCell) {
                alignments.add(tableCell.getAlignment());
            }
        }
        rows.add(cells);
        if (head) {
            headRows++;
        }
    }

    private String toText() {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], width(row.get(c)));
            }
        }
        List<String> lines = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            if (r == headRows && headRows > 0) {
                lines.add(rule(widths));
            }
            lines.add(line(rows.get(r), widths));
        }
        return String.join("\n", lines);
    }

    private String line(List<String> row, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            if (c > 0) {
                line.append(COLUMN_SEPARATOR);
            }
            String cell = c < row.size() ? row.get(c) : "";
            TableCell.Alignment alignment = c < alignments.size() ? alignments.get(c) : null;
            line.append(pad(cell, widths[c], alignment));
        }
        return line.toString().stripTrailing();
    }

    private static String rule(int[] widths) {
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            if (c > 0) {
                rule.append(RULE_SEPARATOR);
            }
            rule.append("-".repeat(Math.max(1, widths[c])));
        }
        return rule.toString();
    }

    private static String pad(String cell, int width, TableCell.Alignment alignment) {
        int space = Math.max(1, width) - width(cell);
        int before = switch (alignment) {
            case RIGHT -> space;
            case CENTER -> space / 2;
            case LEFT -> 0;
            case null -> 0;
        };
        return " ".repeat(before) + cell + " ".repeat(space - before);
    }

    private static int width(String cell) {
        return cell.codePointCount(0, cell.length());
    }
}

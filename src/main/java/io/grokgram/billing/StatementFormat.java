package io.grokgram.billing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link SettlementStatement}: CSV, text and HTML. Deterministic by construction: no clock, no locale (numbers
 * are plain digits), fixed line endings. Dollar figures are shown with 2 decimals, rounded half-even; the Star figures
 * they come from are exact.
 */
final class StatementFormat {
    private StatementFormat() {}

    static String csv(SettlementStatement statement) {
        StringBuilder out = new StringBuilder("booked_at,tx_id,kind,charge_id,item_id,line,account,amount_stars\n");
        for (SettlementStatement.Line line : statement.lines()) {
            out.append(String.join(
                            ",",
                            line.bookedAt().toString(),
                            field(line.txId()),
                            line.kind(),
                            field(line.chargeId()),
                            field(line.itemId()),
                            Integer.toString(line.line()),
                            field(line.account()),
                            Long.toString(line.amountStars())))
                    .append('\n');
        }
        return out.toString();
    }

    /** The summary's lines: label and value pairs, shared by the text and the HTML. */
    private static List<String[]> rows(SettlementStatement s) {
        List<String[]> rows = new ArrayList<>();
        rows.add(row("Receipts", stars(s.receiptStars(), s) + " from " + count(s.receiptCount(), "payment")));
        rows.add(row("Refunds", stars(s.refundStars(), s) + " in " + count(s.refundCount(), "refund")));
        rows.add(row("Net (receipts - refunds)", stars(s.netStars(), s)));
        rows.add(row("Provider share (payable:provider)", stars(s.providerShareStars(), s)));
        rows.add(row("Platform share (revenue:platform)", stars(s.platformShareStars(), s)));
        s.netByItem().forEach((item, net) -> rows.add(row("Net of " + item, stars(net, s))));
        rows.add(row(
                "Provider token cost (metered)",
                Money.usdCost(s.providerCostNanoUsd()) + " USD (" + s.providerCostNanoUsd() + " nano-USD) over "
                        + count(s.turns(), "turn")
                        + (s.unpricedTurns() == 0
                                ? ""
                                : ", " + s.unpricedTurns() + " of them without a configured price (not included)")));
        rows.add(row("Ledger postings", s.lines().size() + " lines in " + s.fileStem() + ".csv"));
        rows.add(row("CSV SHA-256", s.csvSha256()));
        return rows;
    }

    private static String rule(SettlementStatement s) {
        return String.format(
                Locale.ROOT,
                "Share agreement: %d basis points to the provider; of each receipt the provider gets"
                        + " floor(gross x bps / 10000) Stars and the platform the rest. Dollar figures at %s USD per"
                        + " Star, rounded half-even to the cent (provider cost to the hundredth of a cent).",
                s.providerShareBasisPoints(),
                s.usdPerStar().toPlainString());
    }

    static String text(SettlementStatement s) {
        StringBuilder out = new StringBuilder();
        out.append("Grokgram settlement statement ").append(s.month()).append(" (UTC)\n\n");
        for (String[] row : rows(s)) {
            out.append(String.format(Locale.ROOT, "%-36s %s", row[0], row[1])).append('\n');
        }
        out.append('\n').append(rule(s)).append('\n');
        return out.toString();
    }

    static String html(SettlementStatement s) {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Settlement ")
                .append(s.month())
                .append("</title>\n<style>body{font-family:sans-serif}td{padding:2px 12px}"
                        + "td:last-child{font-family:monospace}</style>\n</head>\n<body>\n")
                .append("<h1>Grokgram settlement statement ")
                .append(s.month())
                .append(" (UTC)</h1>\n<table>\n");
        for (String[] row : rows(s)) {
            out.append("<tr><td>")
                    .append(escape(row[0]))
                    .append("</td><td>")
                    .append(escape(row[1]))
                    .append("</td></tr>\n");
        }
        out.append("</table>\n<p>").append(escape(rule(s))).append("</p>\n</body>\n</html>\n");
        return out.toString();
    }

    private static String stars(long stars, SettlementStatement s) {
        return stars + " Stars (" + Money.usd(stars, s.usdPerStar()) + " USD)";
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String[] row(String label, String value) {
        return new String[] {label, value};
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
    private static String field(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}

package io.grokgram.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Whether each plan earns more than it costs, for one UTC month: per plan (and per pack) the users, turns, revenue in
 * Stars and dollars, the provider's token cost and the platform's margin — its share of the revenue minus the token
 * cost, since the platform pays the provider's API bill and the provider's revenue share both.
 */
public record BillingReport(YearMonth month, BigDecimal usdPerStar, List<Row> rows) {

    /**
     * One plan or pack.
     *
     * @param kind {@code plan} or {@code pack}
     * @param users people who used the plan this month (for a pack: who bought it)
     * @param netStars receipts minus refunds booked this month
     * @param platformStars the platform's share of {@code netStars}
     * @param unpricedTurns turns of a model without a configured price: their cost is missing from {@code
     *     providerCostNanoUsd}
     */
    public record Row(
            String id,
            String kind,
            long users,
            long turns,
            long netStars,
            long platformStars,
            long providerCostNanoUsd,
            long unpricedTurns) {
        public Row {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(kind, "kind");
        }
    }

    public BillingReport {
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(usdPerStar, "usdPerStar");
        rows = List.copyOf(rows);
    }

    /** The platform's margin of a row in dollars: its share of revenue at the configured rate, minus token cost. */
    public BigDecimal marginUsd(Row row) {
        return BigDecimal.valueOf(row.platformStars())
                .multiply(usdPerStar)
                .subtract(Money.dollars(row.providerCostNanoUsd()));
    }

    /** A fixed-width table for the terminal, with a total line. */
    public String text() {
        String format = "%-12s %-5s %7s %9s %11s %12s %14s %12s\n";
        StringBuilder out = new StringBuilder();
        out.append("Grokgram billing report ")
                .append(month)
                .append(" (UTC), ")
                .append(usdPerStar.toPlainString())
                .append(" USD per Star\n\n");
        out.append(String.format(
                Locale.ROOT,
                format,
                "plan",
                "kind",
                "users",
                "turns",
                "net Stars",
                "revenue USD",
                "provider USD",
                "margin USD"));
        Row total = new Row("total", "", 0, 0, 0, 0, 0, 0);
        for (Row row : rows) {
            out.append(line(format, row, false));
            total = new Row(
                    "total",
                    "",
                    total.users() + row.users(),
                    total.turns() + row.turns(),
                    total.netStars() + row.netStars(),
                    total.platformStars() + row.platformStars(),
                    total.providerCostNanoUsd() + row.providerCostNanoUsd(),
                    total.unpricedTurns() + row.unpricedTurns());
        }
        out.append(line(format, total, true));
        out.append(
                "\nrevenue: net Stars at the rate; margin: the platform's share of revenue minus provider token cost.");
        if (total.unpricedTurns() > 0) {
            out.append("\n")
                    .append(total.unpricedTurns())
                    .append(" turns ran on a model without a configured price:"
                            + " their cost is missing (set GROKGRAM_LLM_PRICES).");
        }
        return out.append('\n').toString();
    }

    private String line(String format, Row row, boolean total) {
        return String.format(
                Locale.ROOT,
                format,
                row.id(),
                row.kind(),
                // a user can be in several rows (a Free user who bought a pack): the total counts no users
                total ? "-" : Long.toString(row.users()),
                row.turns(),
                row.netStars(),
                BigDecimal.valueOf(row.netStars())
                        .multiply(usdPerStar)
                        .setScale(2, RoundingMode.HALF_EVEN)
                        .toPlainString(),
                Money.usdCost(row.providerCostNanoUsd()),
                marginUsd(row).setScale(4, RoundingMode.HALF_EVEN).toPlainString());
    }
}

package io.grokgram.billing;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A month's settlement between the platform and the model provider, from the ledger (in Stars) and metering (provider
 * cost in nano-dollars), for both partners to sign off. Every figure comes from rows booked in the month (UTC), so the
 * same ledger gives the same statement and the same bytes: nothing in it depends on when it was made.
 *
 * @param netStars receipts minus refunds; equals {@code providerShareStars + platformShareStars}
 * @param netByItem net Stars per plan or pack id, in id order
 * @param providerCostNanoUsd the month's metered provider cost (turns without a configured price count as 0)
 * @param lines every ledger posting of the month, in booking order
 */
public record SettlementStatement(
        YearMonth month,
        int providerShareBasisPoints,
        BigDecimal usdPerStar,
        int receiptCount,
        long receiptStars,
        int refundCount,
        long refundStars,
        long netStars,
        long providerShareStars,
        long platformShareStars,
        Map<String, Long> netByItem,
        long turns,
        long providerCostNanoUsd,
        long unpricedTurns,
        List<Line> lines) {

    /** One ledger posting: debits positive, credits negative, in Stars. */
    public record Line(
            Instant bookedAt,
            String txId,
            String kind,
            String chargeId,
            String itemId,
            int line,
            String account,
            long amountStars) {
        public Line {
            Objects.requireNonNull(bookedAt, "bookedAt");
            Objects.requireNonNull(txId, "txId");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(chargeId, "chargeId");
            Objects.requireNonNull(itemId, "itemId");
            Objects.requireNonNull(account, "account");
        }
    }

    public SettlementStatement {
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(usdPerStar, "usdPerStar");
        netByItem = Collections.unmodifiableMap(new TreeMap<>(netByItem));
        lines = List.copyOf(lines);
        if (netStars != receiptStars - refundStars || netStars != providerShareStars + platformShareStars) {
            throw new IllegalStateException("the settlement of " + month + " does not add up: net " + netStars
                    + ", receipts " + receiptStars + ", refunds " + refundStars + ", shares " + providerShareStars
                    + " + " + platformShareStars);
        }
    }

    /** {@code settlement-2026-11}: the name of the statement's files without their extension. */
    public String fileStem() {
        return "settlement-" + month;
    }

    /** One line per posting of the month (UTF-8, LF), with a header; the bytes the checksum covers. */
    public byte[] csv() {
        return StatementFormat.csv(this).getBytes(StandardCharsets.UTF_8);
    }

    /** SHA-256 of {@link #csv()}, lowercase hex: both partners can check they hold the same postings. */
    public String csvSha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(csv()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The readable summary (plain text), with the CSV's checksum. */
    public String summary() {
        return StatementFormat.text(this);
    }

    /** The same summary as an HTML page. */
    public String html() {
        return StatementFormat.html(this);
    }
}

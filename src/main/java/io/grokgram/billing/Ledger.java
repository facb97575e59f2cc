package io.grokgram.billing;

import io.grokgram.store.Tx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The revenue-share ledger: double-entry, in whole Stars, append-only (this class only ever inserts). A receipt debits
 * {@code telegram:stars} (what Telegram holds for us) with the gross and credits {@code revenue:platform} and {@code
 * payable:provider} with their shares; a refund books the exact negation of its receipt, so it reverses both sides even
 * if the share changed in between. Debits are positive, credits negative; every transaction sums to zero, and so do all
 * accounts together.
 *
 * <p>Rounding: the provider gets {@code floor(gross × bps / 10000)} Stars, the platform the rest, so no Star is ever
 * lost or invented (a 1-Star receipt at 50 % gives the provider 0 and the platform 1).
 */
final class Ledger {
    static final String TELEGRAM_STARS = "telegram:stars";
    static final String PLATFORM_REVENUE = "revenue:platform";
    static final String PROVIDER_PAYABLE = "payable:provider";

    static final String RECEIPT = "receipt";
    static final String REFUND = "refund";

    /** One line of a ledger transaction, with its transaction's fields. */
    record Posting(
            String txId,
            String kind,
            String chargeId,
            String itemId,
            long bookedAt,
            int line,
            String account,
            long amount) {}

    private final int providerShareBasisPoints;

    Ledger(int providerShareBasisPoints) {
        if (providerShareBasisPoints < 0 || providerShareBasisPoints > 10_000) {
            throw new IllegalArgumentException("basis points 0 to 10000, got " + providerShareBasisPoints);
        }
        this.providerShareBasisPoints = providerShareBasisPoints;
    }

    /** The provider's share of {@code gross}, rounded down; the platform keeps the remainder. */
    static long providerShare(long gross, int basisPoints) {
        if (gross < 0) {
            throw new IllegalArgumentException("a receipt is not negative: " + gross);
        }
        return Math.multiplyExact(gross, (long) basisPoints) / 10_000;
    }

    /** Books a receipt of {@code gross} Stars for {@code chargeId} inside the caller's transaction (the payment's). */
    void receipt(Tx tx, String chargeId, String itemId, long gross, long bookedAt) {
        long provider = providerShare(gross, providerShareBasisPoints);
        book(
                tx,
                RECEIPT + ":" + chargeId,
                RECEIPT,
                chargeId,
                itemId,
                bookedAt,
                List.of(
                        Map.entry(TELEGRAM_STARS, gross),
                        Map.entry(PLATFORM_REVENUE, -(gross - provider)),
                        Map.entry(PROVIDER_PAYABLE, -provider)));
    }

    /** Books the negation of {@code chargeId}'s receipt and returns the gross it took back. */
    long refund(Tx tx, String chargeId, long bookedAt) {
        List<Posting> receipt = tx.query(
                "SELECT t.tx_id, t.kind, t.charge_id, t.item_id, t.booked_at, p.line, p.account, p.amount"
                        + " FROM ledger_transactions t JOIN ledger_postings p ON p.tx_id = t.tx_id"
                        + " WHERE t.tx_id = ? ORDER BY p.line",
                Ledger::posting,
                RECEIPT + ":" + chargeId);
        if (receipt.isEmpty()) {
            throw new IllegalStateException("no receipt booked for charge " + chargeId + " (payments and receipts are"
                    + " written in one transaction)");
        }
        List<Map.Entry<String, Long>> reversed = new ArrayList<>();
        receipt.forEach(posting -> reversed.add(Map.entry(posting.account(), -posting.amount())));
        book(tx, REFUND + ":" + chargeId, REFUND, chargeId, receipt.getFirst().itemId(), bookedAt, reversed);
        return receipt.stream()
                .filter(posting -> posting.account().equals(TELEGRAM_STARS))
                .mapToLong(Posting::amount)
                .sum();
    }

    /** The postings booked in {@code [fromMillis, toMillis)}, in a stable order: time, transaction, line. */
    static List<Posting> postings(Tx tx, long fromMillis, long toMillis) {
        return tx.query(
                "SELECT t.tx_id, t.kind, t.charge_id, t.item_id, t.booked_at, p.line, p.account, p.amount"
                        + " FROM ledger_transactions t JOIN ledger_postings p ON p.tx_id = t.tx_id"
                        + " WHERE t.booked_at >= ? AND t.booked_at < ? ORDER BY t.booked_at, t.tx_id, p.line",
                Ledger::posting,
                fromMillis,
                toMillis);
    }

    /** Every account's balance over all time, by account name. */
    static Map<String, Long> balances(Tx tx) {
        Map<String, Long> balances = new LinkedHashMap<>();
        tx.query(
                "SELECT account, SUM(amount) AS balance FROM ledger_postings GROUP BY account ORDER BY account",
                row -> balances.put(row.getString("account"), row.getLong("balance")));
        return balances;
    }

    private static void book(
            Tx tx,
            String txId,
            String kind,
            String chargeId,
            String itemId,
            long bookedAt,
            List<Map.Entry<String, Long>> lines) {
        long sum = lines.stream().mapToLong(Map.Entry::getValue).sum();
        if (sum != 0) {
            throw new IllegalStateException("ledger transaction " + txId + " does not balance: " + lines);
        }
        tx.update(
                "INSERT INTO ledger_transactions (tx_id, kind, charge_id, item_id, booked_at) VALUES (?, ?, ?, ?, ?)",
                txId,
                kind,
                chargeId,
                itemId,
                bookedAt);
        for (int i = 0; i < lines.size(); i++) {
            tx.update(
                    "INSERT INTO ledger_postings (tx_id, line, account, amount) VALUES (?, ?, ?, ?)",
                    txId,
                    i + 1,
                    lines.get(i).getKey(),
                    lines.get(i).getValue());
        }
    }

    private static Posting posting(io.grokgram.store.Row row) {
        return new Posting(
                row.getString("tx_id"),
                row.getString("kind"),
                row.getString("charge_id"),
                row.getString("item_id"),
                row.getLong("booked_at"),
                row.getInt("line"),
                row.getString("account"),
                row.getLong("amount"));
    }
}

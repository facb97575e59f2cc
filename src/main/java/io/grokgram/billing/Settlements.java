package io.grokgram.billing;

import io.grokgram.store.Tx;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Builds the month's settlement statement and billing report from the ledger, the payments and metering. */
final class Settlements {
    private Settlements() {}

    static SettlementStatement settle(Tx tx, YearMonth month, BillingSettings settings) {
        List<Ledger.Posting> postings = Ledger.postings(
                tx,
                UtcCalendar.startOf(month).toEpochMilli(),
                UtcCalendar.startOf(month.plusMonths(1)).toEpochMilli());
        int receipts = 0;
        int refunds = 0;
        long receiptStars = 0;
        long refundStars = 0;
        long provider = 0;
        long platform = 0;
        Map<String, Long> netByItem = new TreeMap<>();
        List<SettlementStatement.Line> lines = new ArrayList<>();
        for (Ledger.Posting posting : postings) {
            lines.add(new SettlementStatement.Line(
                    Instant.ofEpochMilli(posting.bookedAt()),
                    posting.txId(),
                    posting.kind(),
                    posting.chargeId(),
                    posting.itemId(),
                    posting.line(),
                    posting.account(),
                    posting.amount()));
            switch (posting.account()) {
                case Ledger.TELEGRAM_STARS -> {
                    if (posting.kind().equals(Ledger.RECEIPT)) {
                        receipts++;
                        receiptStars += posting.amount();
                    } else {
                        refunds++;
                        refundStars -= posting.amount();
                    }
                    netByItem.merge(posting.itemId(), posting.amount(), Long::sum);
                }
                case Ledger.PROVIDER_PAYABLE -> provider -= posting.amount();
                case Ledger.PLATFORM_REVENUE -> platform -= posting.amount();
                default -> throw new IllegalStateException("unknown ledger account " + posting.account());
            }
        }
        long turns = 0;
        long cost = 0;
        long unpriced = 0;
        for (Metering.PlanUsage usage : Metering.month(tx, month)) {
            turns += usage.turns();
            cost += usage.costNanoUsd();
            unpriced += usage.unpricedTurns();
        }
        return new SettlementStatement(
                month,
                settings.providerShareBasisPoints(),
                settings.usdPerStar(),
                receipts,
                receiptStars,
                refunds,
                refundStars,
                receiptStars - refundStars,
                provider,
                platform,
                netByItem,
                turns,
                cost,
                unpriced,
                lines);
    }

    static BillingReport report(Tx tx, YearMonth month, Plans plans, BillingSettings settings) {
        long from = UtcCalendar.startOf(month).toEpochMilli();
        long to = UtcCalendar.startOf(month.plusMonths(1)).toEpochMilli();
        Map<String, long[]> revenue = new HashMap<>(); // item -> {net Stars, platform Stars}
        Map<String, String> kinds = new HashMap<>();
        tx.query(
                "SELECT pay.kind, t.item_id, p.account, SUM(p.amount) AS amount FROM ledger_transactions t"
                        + " JOIN ledger_postings p ON p.tx_id = t.tx_id JOIN payments pay ON pay.charge_id = t.charge_id"
                        + " WHERE t.booked_at >= ? AND t.booked_at < ? GROUP BY pay.kind, t.item_id, p.account",
                row -> {
                    String item = row.getString("item_id");
                    kinds.put(item, row.getString("kind"));
                    long[] sums = revenue.computeIfAbsent(item, key -> new long[2]);
                    switch (row.getString("account")) {
                        case Ledger.TELEGRAM_STARS -> sums[0] += row.getLong("amount");
                        case Ledger.PLATFORM_REVENUE -> sums[1] -= row.getLong("amount");
                        default -> {}
                    }
                    return item;
                },
                from,
                to);
        Map<String, Long> buyers = new HashMap<>();
        tx.query(
                "SELECT item_id, COUNT(DISTINCT user_id) AS buyers FROM payments WHERE kind = 'pack'"
                        + " AND paid_at >= ? AND paid_at < ? GROUP BY item_id",
                row -> buyers.put(row.getString("item_id"), row.getLong("buyers")),
                from,
                to);
        Map<String, Metering.PlanUsage> usage = new HashMap<>();
        Metering.month(tx, month).forEach(plan -> usage.put(plan.planId(), plan));

        Map<String, String> order = new LinkedHashMap<>(); // id -> kind, in the order rows are shown
        order.put(plans.free().id(), "plan");
        order.put(plans.premium().id(), "plan");
        TreeSet<String> otherPlans = new TreeSet<>(usage.keySet());
        kinds.forEach((item, kind) -> {
            if (kind.equals(Payloads.Kind.SUBSCRIPTION.word())) {
                otherPlans.add(item);
            }
        });
        otherPlans.forEach(id -> order.putIfAbsent(id, "plan"));
        TreeSet<String> packs = new TreeSet<>();
        plans.packs().forEach(pack -> packs.add(pack.id()));
        kinds.forEach((item, kind) -> {
            if (kind.equals(Payloads.Kind.PACK.word())) {
                packs.add(item);
            }
        });
        packs.forEach(id -> order.putIfAbsent(id, "pack"));

        List<BillingReport.Row> rows = new ArrayList<>();
        order.forEach((id, kind) -> {
            long[] money = revenue.getOrDefault(id, new long[2]);
            Metering.PlanUsage used = usage.get(id);
            rows.add(new BillingReport.Row(
                    id,
                    kind,
                    kind.equals("pack") ? buyers.getOrDefault(id, 0L) : used == null ? 0 : used.users(),
                    used == null ? 0 : used.turns(),
                    money[0],
                    money[1],
                    used == null ? 0 : used.costNanoUsd(),
                    used == null ? 0 : used.unpricedTurns()));
        });
        return new BillingReport(month, settings.usdPerStar(), rows);
    }
}

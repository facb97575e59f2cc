package io.grokgram.billing;

import static io.grokgram.billing.BillingRig.ADA;
import static io.grokgram.billing.BillingRig.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.grokgram.privacy.DataSubject;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** /mydata shows what billing holds; /forget erases it and detaches what the law keeps, with the ledger intact. */
class BillingDataTest {
    /** Every column of every billing table (V5), so a user id anywhere would be found. */
    private static final Map<String, List<String>> COLUMNS = Map.ofEntries(
            Map.entry("quota_usage", List.of("user_id", "day", "used")),
            Map.entry("extra_turns", List.of("user_id", "turns", "updated_at")),
            Map.entry(
                    "quota_reservations", List.of("reservation_id", "user_id", "day", "source", "state", "created_at")),
            Map.entry(
                    "subscriptions",
                    List.of("user_id", "plan_id", "started_at", "expires_at", "charge_id", "auto_renew", "updated_at")),
            Map.entry(
                    "payments",
                    List.of(
                            "charge_id",
                            "user_id",
                            "kind",
                            "item_id",
                            "currency",
                            "total_amount",
                            "payload",
                            "recurring",
                            "turns",
                            "period_end",
                            "paid_at")),
            Map.entry("refunds", List.of("charge_id", "total_amount", "refunded_at")),
            Map.entry("ledger_transactions", List.of("tx_id", "kind", "charge_id", "item_id", "booked_at")),
            Map.entry("ledger_postings", List.of("tx_id", "line", "account", "amount")),
            Map.entry(
                    "usage_meter",
                    List.of(
                            "user_id",
                            "plan_id",
                            "day",
                            "purpose",
                            "turns",
                            "prompt_tokens",
                            "cached_tokens",
                            "completion_tokens",
                            "reasoning_tokens",
                            "cost_nano_usd",
                            "unpriced_turns")),
            Map.entry("provider_spend", List.of("month", "cost_nano_usd", "warned")),
            Map.entry("billing_state", List.of("name", "value", "updated_at")));

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void the_export_holds_plan_subscription_payments_quota_and_usage(String kind) {
        try (BillingRig rig = new BillingRig(kind, dir)) {
            rig.subscribe(ADA);
            rig.buyPack(ADA, "pack2");
            rig.billing.admit(ADA);
            rig.billing.meter(ADA, "premium", "answer", 100, 10, 20, 30, Optional.of(5L));
            rig.subscribe(BOB);

            JsonNode export =
                    rig.database.inTransaction(tx -> rig.billing.personalData().export(tx, new DataSubject(ADA)));

            assertThat(export.path("plan").asText()).isEqualTo("premium");
            assertThat(export.at("/subscription/paid_until").asText()).isEqualTo("2026-12-05T10:00:00Z");
            assertThat(export.path("extra_turns").asInt()).isEqualTo(2);
            assertThat(export.path("payments")).hasSize(2);
            assertThat(export.at("/payments/0/charge_id").asText()).isEqualTo("stxCharge1");
            assertThat(export.at("/daily_turns/0/day").asText()).isEqualTo("2026-11-05");
            assertThat(export.at("/usage/0/reasoning_tokens").asLong()).isEqualTo(30);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void after_erasure_no_user_id_remains_payments_stay_detached_and_the_ledger_still_balances(String kind) {
        try (BillingRig rig = new BillingRig(kind, dir)) {
            rig.subscribe(ADA);
            rig.buyPack(ADA, "pack2");
            rig.billing.admit(ADA);
            rig.billing.meter(ADA, "premium", "answer", 100, 10, 20, 30, Optional.of(5_000L));
            rig.subscribe(BOB);
            rig.buyPack(BOB, "pack2");
            rig.billing.reverse("stxCharge4", 10);
            rig.billing.admit(BOB);
            rig.billing.meter(BOB, "premium", "answer", 100, 10, 20, 30, Optional.of(7_000L));
            Map<String, Long> balances = rig.billing.balances();
            SettlementStatement before = rig.billing.settle(YearMonth.of(2026, 11));

            Map<String, Integer> erased =
                    rig.database.inTransaction(tx -> rig.billing.personalData().erase(tx, new DataSubject(ADA)));

            assertThat(erased)
                    .containsEntry("payments_detached", 2)
                    .containsEntry("subscriptions", 1)
                    .containsEntry("quota_usage", 1)
                    .containsEntry("usage_records", 1);
            COLUMNS.forEach((table, columns) -> assertThat(values(rig, table, columns))
                    .as(table)
                    .isNotEmpty()
                    .noneMatch(value -> value.contains(Long.toString(ADA))));
            assertThat(rig.count("SELECT COUNT(*) AS n FROM payments WHERE user_id IS NULL"))
                    .isEqualTo(2);
            assertThat(rig.count("SELECT COUNT(*) AS n FROM payments")).isEqualTo(4);
            assertThat(rig.billing.balances()).isEqualTo(balances);
            assertThat(balances.values().stream().mapToLong(Long::longValue).sum())
                    .isZero();
            SettlementStatement after = rig.billing.settle(YearMonth.of(2026, 11));
            assertThat(after.csv()).isEqualTo(before.csv());
            assertThat(after.providerCostNanoUsd()).as("usage stays counted").isEqualTo(12_000L);
            assertThat(rig.billing.planOf(ADA).id()).isEqualTo("free");
            assertThat(rig.billing.planOf(BOB).id()).as("others untouched").isEqualTo("premium");

            assertThat(rig.billing.reverse("stxCharge2", 10))
                    .as("a detached payment can still be refunded in the ledger")
                    .isInstanceOf(RefundOutcome.Reversed.class);
            assertThat(rig.billing.balances().values().stream()
                            .mapToLong(Long::longValue)
                            .sum())
                    .isZero();
        }
    }

    /** Every value of every row of {@code table}, as text. */
    private static List<String> values(BillingRig rig, String table, List<String> columns) {
        return rig.database.inTransaction(tx -> columns.stream()
                .flatMap(column -> tx
                        .query(
                                "SELECT CAST(" + column + " AS TEXT) AS v FROM " + table,
                                row -> row.optionalString("v").orElse(""))
                        .stream())
                .toList());
    }
}

package io.grokgram.billing;

import static io.grokgram.billing.BillingRig.ADA;
import static io.grokgram.billing.BillingRig.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The month's settlement: figures that add up, and the same bytes every time it is made. */
class SettlementTest {
    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    private static final YearMonth DECEMBER = YearMonth.of(2026, 12);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void the_figures_add_up_and_a_refund_counts_in_the_month_it_was_booked(String kind) {
        try (BillingRig rig = new BillingRig(kind, dir)) {
            november(rig);

            SettlementStatement statement = rig.billing.settle(NOVEMBER);

            assertThat(statement.receiptCount()).isEqualTo(4);
            assertThat(statement.receiptStars()).isEqualTo(250 + 250 + 10 + 100);
            assertThat(statement.refundCount()).isEqualTo(1);
            assertThat(statement.refundStars()).isEqualTo(10);
            assertThat(statement.netStars()).isEqualTo(600);
            assertThat(statement.netStars()).isEqualTo(statement.receiptStars() - statement.refundStars());
            assertThat(statement.providerShareStars() + statement.platformShareStars())
                    .isEqualTo(statement.netStars());
            assertThat(statement.providerShareStars()).isEqualTo(125 + 125 + 50);
            assertThat(statement.netByItem())
                    .containsExactly(Map.entry("pack100", 100L), Map.entry("pack2", 0L), Map.entry("premium", 500L));
            assertThat(statement.turns()).isEqualTo(3);
            assertThat(statement.providerCostNanoUsd()).isEqualTo(1_500_000L);
            assertThat(statement.unpricedTurns()).isEqualTo(1);
            assertThat(statement.lines()).hasSize(5 * 3);

            rig.clock.set("2026-12-02T08:00:00Z");
            rig.billing.reverse(rig.billing.activeChargeId(ADA).orElseThrow(), 250);
            SettlementStatement december = rig.billing.settle(DECEMBER);

            assertThat(december.receiptStars()).isZero();
            assertThat(december.refundStars()).isEqualTo(250);
            assertThat(december.netStars()).isEqualTo(-250);
            assertThat(december.providerShareStars()).isEqualTo(-125);
            assertThat(december.platformShareStars()).isEqualTo(-125);
            assertThat(rig.billing.settle(NOVEMBER).csv())
                    .as("a later month's booking leaves November alone")
                    .isEqualTo(statement.csv());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void the_statement_is_the_same_bytes_on_every_run_and_carries_the_csvs_checksum(String kind) throws Exception {
        try (BillingRig rig = new BillingRig(kind, dir)) {
            november(rig);
            SettlementStatement first = rig.billing.settle(NOVEMBER);

            rig.clock.advance(Duration.ofDays(40));
            Billing restarted = rig.reconfigured(rig.billing.plans(), BillingSettings.defaults());
            SettlementStatement again = restarted.settle(NOVEMBER);

            assertThat(again.csv()).isEqualTo(first.csv());
            assertThat(again.summary()).isEqualTo(first.summary());
            assertThat(again.html()).isEqualTo(first.html());
            String sha = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(first.csv()));
            assertThat(first.csvSha256()).isEqualTo(sha);
            assertThat(first.summary()).contains("CSV SHA-256", sha, "600 Stars (7.80 USD)");
            assertThat(first.html()).contains(sha).startsWith("<!DOCTYPE html>");
            String csv = new String(first.csv(), StandardCharsets.UTF_8);
            assertThat(csv.lines().findFirst())
                    .contains("booked_at,tx_id,kind,charge_id,item_id,line,account,amount_stars");
            assertThat(csv.lines().skip(1).findFirst().orElseThrow())
                    .startsWith(
                            "2026-11-05T10:00:00Z,receipt:stxCharge1,receipt,stxCharge1,premium,1,telegram:stars,250");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void the_report_shows_per_plan_users_turns_revenue_cost_and_margin(String kind) {
        try (BillingRig rig = new BillingRig(kind, dir)) {
            november(rig);

            BillingReport report = rig.billing.report(NOVEMBER);

            assertThat(report.rows())
                    .extracting(BillingReport.Row::id)
                    .containsExactly("free", "premium", "pack100", "pack2");
            BillingReport.Row premium = report.rows().get(1);
            assertThat(premium.users()).isEqualTo(1);
            assertThat(premium.turns()).isEqualTo(2);
            assertThat(premium.netStars()).isEqualTo(500);
            assertThat(premium.platformStars()).isEqualTo(250);
            assertThat(report.marginUsd(premium)).isEqualByComparingTo(new BigDecimal("3.2485"));
            BillingReport.Row free = report.rows().getFirst();
            assertThat(free.turns()).isEqualTo(1);
            assertThat(free.unpricedTurns()).isEqualTo(1);
            assertThat(report.rows().get(3).netStars()).as("pack2 was refunded").isZero();
            assertThat(report.rows().get(2).users()).isEqualTo(1);
            assertThat(report.text()).contains("premium", "6.50", "3.2485", "without a configured price");
        }
    }

    /** Ada and Bob subscribe, Ada buys two packs and one is refunded; three turns are metered. */
    private static void november(BillingRig rig) {
        rig.subscribe(ADA);
        rig.clock.advance(Duration.ofHours(1));
        rig.subscribe(BOB);
        rig.buyPack(ADA, "pack2");
        rig.buyPack(ADA, "pack100");
        rig.clock.advance(Duration.ofHours(1));
        rig.billing.reverse("stxCharge3", 10);
        rig.billing.meter(ADA, "premium", "answer", 1_000, 200, 100, 300, Optional.of(1_000_000L));
        rig.billing.meter(ADA, "premium", "inline", 500, 0, 50, 0, Optional.of(500_000L));
        rig.billing.meter(9_000_000_001L, "free", "answer", 500, 0, 50, 0, Optional.empty());
    }
}

package io.grokgram.billing;

import static io.grokgram.billing.BillingRig.ADA;
import static io.grokgram.billing.BillingRig.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Usage per user, plan and UTC day, added up turn by turn; reasoning tokens kept apart from completion tokens. */
class MeteringTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void concurrent_turns_add_up_and_nothing_is_lost(String kind) throws Exception {
        try (BillingRig rig = new BillingRig(kind, dir)) {
            BillingRig.atOnce(50, () -> {
                rig.billing.meter(ADA, "free", "answer", 1_000, 400, 100, 250, Optional.of(2_000L));
                return null;
            });

            record Totals(long turns, long prompt, long cached, long completion, long reasoning, long cost) {}
            Totals totals = rig.database.inTransaction(tx -> tx.queryOne(
                            "SELECT turns, prompt_tokens, cached_tokens, completion_tokens, reasoning_tokens,"
                                    + " cost_nano_usd FROM usage_meter WHERE user_id = ?",
                            row -> new Totals(
                                    row.getLong("turns"),
                                    row.getLong("prompt_tokens"),
                                    row.getLong("cached_tokens"),
                                    row.getLong("completion_tokens"),
                                    row.getLong("reasoning_tokens"),
                                    row.getLong("cost_nano_usd")),
                            ADA)
                    .orElseThrow());
            assertThat(totals).isEqualTo(new Totals(50, 50_000, 20_000, 5_000, 12_500, 100_000));
            assertThat(rig.billing.settle(YearMonth.of(2026, 11)).providerCostNanoUsd())
                    .isEqualTo(100_000);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void usage_is_kept_per_plan_day_and_purpose_and_unpriced_turns_are_counted(String kind) {
        try (BillingRig rig = new BillingRig(kind, dir)) {
            rig.billing.meter(ADA, "free", "answer", 10, 0, 1, 0, Optional.of(5L));
            rig.billing.meter(ADA, "free", "inline", 10, 0, 1, 0, Optional.empty());
            rig.billing.meter(BOB, "premium", "answer", 10, 0, 1, 0, Optional.of(7L));
            rig.clock.advance(Duration.ofDays(1));
            rig.billing.meter(ADA, "free", "answer", 10, 0, 1, 0, Optional.of(5L));

            assertThat(rig.count("SELECT COUNT(*) AS n FROM usage_meter")).isEqualTo(4);
            List<BillingReport.Row> rows =
                    rig.billing.report(YearMonth.of(2026, 11)).rows();
            BillingReport.Row free = rows.getFirst();
            assertThat(free.users()).isEqualTo(1);
            assertThat(free.turns()).isEqualTo(3);
            assertThat(free.providerCostNanoUsd()).isEqualTo(10);
            assertThat(free.unpricedTurns()).isEqualTo(1);
            assertThat(rows.get(1).providerCostNanoUsd()).isEqualTo(7);
            assertThat(rig.billing.report(YearMonth.of(2026, 12)).rows())
                    .allSatisfy(row -> assertThat(row.turns()).isZero());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite"})
    void impossible_usage_is_a_programming_error(String kind) {
        try (BillingRig rig = new BillingRig(kind, dir)) {
            assertThatThrownBy(() -> rig.billing.meter(ADA, "free", "answer", 10, 11, 1, 0, Optional.empty()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cached tokens (11) exceed prompt tokens (10)");
            assertThatThrownBy(() -> rig.billing.meter(ADA, "free", "answer", 10, 0, -1, 0, Optional.empty()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> rig.billing.meter(ADA, "free", "answer", 10, 0, 1, 0, Optional.of(-1L)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}

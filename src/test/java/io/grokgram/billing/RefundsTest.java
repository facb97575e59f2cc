package io.grokgram.billing;

import static io.grokgram.billing.BillingRig.ADA;
import static org.assertj.core.api.Assertions.assertThat;

import io.grokgram.billing.RefundOutcome.Duplicate;
import io.grokgram.billing.RefundOutcome.Reversed;
import io.grokgram.billing.RefundOutcome.Unknown;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A refund revokes what was bought, once per charge, and books the exact reversal of the receipt. */
class RefundsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_refunded_subscription_ends_now_and_a_second_refund_does_nothing(String kind) throws Exception {
        try (BillingRig rig = new BillingRig(kind, dir)) {
            rig.billing.credit(rig.subscription(ADA, "stxSub", Optional.empty()));
            rig.clock.advance(Duration.ofDays(3));

            List<RefundOutcome> outcomes = BillingRig.atOnce(3, () -> rig.billing.reverse("stxSub", 250));

            assertThat(outcomes)
                    .containsOnlyOnce(new Reversed("stxSub", rig.billing.plans().premium(), 250))
                    .filteredOn(Duplicate.class::isInstance)
                    .hasSize(2);
            assertThat(rig.billing.planOf(ADA).id()).isEqualTo("free");
            assertThat(rig.billing.quote(ADA).autoRenew()).isFalse();
            assertThat(rig.billing.balances())
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            Ledger.TELEGRAM_STARS, 0L, Ledger.PLATFORM_REVENUE, 0L, Ledger.PROVIDER_PAYABLE, 0L));
            assertThat(rig.billing.payment("stxSub").orElseThrow().refundedAt())
                    .contains(Instant.parse("2026-11-08T10:00:00Z"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void refunding_a_past_period_leaves_the_running_renewal_alone(String kind) {
        try (BillingRig rig = new BillingRig(kind, dir)) {
            rig.billing.credit(rig.subscription(ADA, "stxFirst", Optional.of(Instant.parse("2026-12-05T10:00:00Z"))));
            rig.clock.set("2026-12-05T10:00:00Z");
            Instant renewed = Instant.parse("2027-01-04T10:00:00Z");
            rig.billing.credit(rig.subscription(ADA, "stxRenewal", Optional.of(renewed)));

            assertThat(rig.billing.reverse("stxFirst", 250)).isInstanceOf(Reversed.class);

            assertThat(rig.billing.quote(ADA).expiresAt()).contains(renewed);
            assertThat(rig.billing.balances()).containsEntry(Ledger.TELEGRAM_STARS, 250L);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_refunded_pack_takes_back_its_unused_turns_and_no_more(String kind) {
        try (BillingRig rig = new BillingRig(kind, dir)) {
            rig.billing.credit(rig.pack(ADA, "pack100", "stxPackA"));
            rig.billing.credit(rig.pack(ADA, "pack2", "stxPackB"));
            assertThat(rig.billing.quote(ADA).extraTurns()).isEqualTo(102);

            rig.billing.reverse("stxPackB", 10);
            assertThat(rig.billing.quote(ADA).extraTurns()).isEqualTo(100);

            for (int i = 0; i < 3 + 60; i++) { // the day's 3, then 60 extra turns
                rig.billing.admit(ADA);
            }
            rig.billing.reverse("stxPackA", 100);

            assertThat(rig.billing.quote(ADA).extraTurns())
                    .as("used turns cannot be taken back")
                    .isZero();
            assertThat(rig.billing.balances().get(Ledger.TELEGRAM_STARS)).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_refund_for_a_charge_never_credited_is_unknown_and_books_nothing(String kind) {
        try (BillingRig rig = new BillingRig(kind, dir)) {
            assertThat(rig.billing.reverse("stxNobody", 250)).isEqualTo(new Unknown("stxNobody"));
            assertThat(rig.count("SELECT COUNT(*) AS n FROM ledger_transactions"))
                    .isZero();
        }
    }
}

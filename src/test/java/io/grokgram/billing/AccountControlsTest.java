package io.grokgram.billing;

import static io.grokgram.billing.BillingRig.ADA;
import static io.grokgram.billing.BillingRig.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What an operator decides about an account, on SQLite and PostgreSQL: a granted plan, a block, the figures. */
class AccountControlsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_granted_plan_wins_over_the_subscription_until_it_expires(String kind) {
        try (BillingRig rig = new BillingRig(kind, dir)) {
            rig.billing.grantPlan(ADA, "premium", rig.clock.instant().plus(Duration.ofDays(3)), "owner-test");

            assertThat(rig.billing.planOf(ADA).id()).isEqualTo("premium");
            assertThat(rig.billing.planOf(BOB).id()).isEqualTo("free");
            Account account = rig.billing.account(ADA);
            assertThat(account.grantedPlan()).contains("premium");
            assertThat(account.grantedBy()).contains("owner-test");
            assertThat(account.quote().plan().id()).isEqualTo("premium");
            assertThat(rig.billing.admit(ADA))
                    .isInstanceOfSatisfying(
                            Admission.Admitted.class,
                            admitted -> assertThat(admitted.plan().id()).isEqualTo("premium"));

            rig.clock.advance(Duration.ofDays(3).plusSeconds(1));
            assertThat(rig.billing.planOf(ADA).id()).isEqualTo("free");
            assertThat(rig.billing.account(ADA).grantedPlan()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_grant_for_an_unknown_plan_or_the_past_changes_nothing(String kind) {
        try (BillingRig rig = new BillingRig(kind, dir)) {
            Instant later = rig.clock.instant().plus(Duration.ofDays(1));
            assertThatThrownBy(() -> rig.billing.grantPlan(ADA, "platinum", later, "owner-test"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("platinum");
            assertThatThrownBy(() -> rig.billing.grantPlan(ADA, "premium", rig.clock.instant(), "owner-test"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(rig.billing.planOf(ADA).id()).isEqualTo("free");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_blocked_user_is_refused_before_any_quota_is_taken_and_unblocking_restores_them(String kind) {
        try (BillingRig rig = new BillingRig(kind, dir)) {
            rig.billing.setBlocked(ADA, true, "support-test");
            rig.billing.setBlocked(ADA, true, "support-test"); // twice is once

            assertThat(rig.billing.admit(ADA)).isInstanceOf(Admission.Blocked.class);
            assertThat(rig.billing.account(ADA).blocked()).isTrue();
            assertThat(rig.billing.account(ADA).usedToday()).isZero();
            assertThat(rig.billing.admit(BOB)).isInstanceOf(Admission.Admitted.class);

            rig.billing.setBlocked(ADA, false, "support-test");
            assertThat(rig.billing.admit(ADA)).isInstanceOf(Admission.Admitted.class);
            assertThat(rig.billing.account(ADA).usedToday()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void subscription_figures_count_active_new_and_cancelled(String kind) {
        try (BillingRig rig = new BillingRig(kind, dir)) {
            rig.subscribe(ADA);
            rig.subscribe(BOB);
            rig.billing.subscriptionState(BOB, rig.billing.subscriptionPayload(BOB), "canceled");

            SubscriptionFigures now = rig.billing.subscriptionFigures(YearMonth.of(2026, 11));
            SubscriptionFigures before = rig.billing.subscriptionFigures(YearMonth.of(2026, 10));

            assertThat(now).isEqualTo(new SubscriptionFigures(YearMonth.of(2026, 11), 2, 2, 1));
            assertThat(before).isEqualTo(new SubscriptionFigures(YearMonth.of(2026, 10), 2, 0, 0));
        }
    }
}

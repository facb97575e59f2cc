package io.grokgram.billing;

import static io.grokgram.billing.BillingRig.ADA;
import static io.grokgram.billing.BillingRig.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.grokgram.billing.Admission.Admitted;
import io.grokgram.billing.Admission.Exhausted;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Daily quotas per UTC day, extra turns after them, turns given back, and no over-admission under concurrency. */
class QuotaTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_free_user_gets_the_days_turns_then_is_told_when_they_renew_at_utc_midnight(String kind) {
        try (BillingRig rig = new BillingRig(kind, dir)) {
            rig.clock.set("2026-11-05T22:30:00Z");

            List<Admission> day =
                    IntStream.range(0, 4).mapToObj(i -> rig.billing.admit(ADA)).toList();

            assertThat(day.subList(0, 3))
                    .allSatisfy(a -> assertThat(a)
                            .isInstanceOfSatisfying(
                                    Admitted.class,
                                    admitted -> assertThat(admitted.plan().id()).isEqualTo("free")));
            assertThat(day.get(3))
                    .isEqualTo(new Exhausted(rig.billing.plans().free(), Instant.parse("2026-11-06T00:00:00Z")));
            assertThat(rig.billing.quote(ADA).turnsLeftToday()).isZero();
            assertThat(rig.billing.admit(BOB)).as("quotas are per user").isInstanceOf(Admitted.class);

            rig.clock.set("2026-11-06T00:00:00Z");

            assertThat(rig.billing.admit(ADA)).as("a new UTC day").isInstanceOf(Admitted.class);
            Quote quote = rig.billing.quote(ADA);
            assertThat(quote.turnsLeftToday()).isEqualTo(2);
            assertThat(quote.quotaResetsAt()).isEqualTo(Instant.parse("2026-11-07T00:00:00Z"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void extra_turns_are_spent_only_after_the_days_quota(String kind) {
        try (BillingRig rig = new BillingRig(kind, dir)) {
            rig.buyPack(ADA, "pack2");
            assertThat(rig.billing.quote(ADA).extraTurns()).isEqualTo(2);

            for (int i = 0; i < 3; i++) {
                assertThat(rig.billing.admit(ADA)).isInstanceOf(Admitted.class);
            }
            assertThat(rig.billing.quote(ADA).extraTurns())
                    .as("the daily quota went first")
                    .isEqualTo(2);
            assertThat(rig.billing.admit(ADA)).isInstanceOf(Admitted.class);
            assertThat(rig.billing.admit(ADA)).isInstanceOf(Admitted.class);

            assertThat(rig.billing.quote(ADA).extraTurns()).isZero();
            assertThat(rig.billing.admit(ADA)).isInstanceOf(Exhausted.class);

            rig.clock.advance(Duration.ofDays(1));
            assertThat(rig.billing.admit(ADA)).as("tomorrow's quota").isInstanceOf(Admitted.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_released_turn_is_given_back_once_to_where_it_came_from(String kind) {
        try (BillingRig rig = new BillingRig(kind, dir)) {
            rig.buyPack(ADA, "pack2");
            Admitted first = (Admitted) rig.billing.admit(ADA);
            rig.billing.admit(ADA);
            rig.billing.admit(ADA);
            Admitted extra = (Admitted) rig.billing.admit(ADA);
            assertThat(rig.billing.quote(ADA).turnsLeftToday()).isZero();
            assertThat(rig.billing.quote(ADA).extraTurns()).isEqualTo(1);

            rig.billing.release(first.reservationId());
            rig.billing.release(first.reservationId());
            rig.billing.release(extra.reservationId());
            rig.billing.release(extra.reservationId());
            rig.billing.release("turn-that-never-was");

            Quote quote = rig.billing.quote(ADA);
            assertThat(quote.turnsLeftToday()).as("given back once, not twice").isEqualTo(1);
            assertThat(quote.extraTurns()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_hundred_concurrent_turns_with_ten_left_admit_exactly_ten(String kind) throws Exception {
        try (BillingRig rig = new BillingRig(kind, dir, BillingRig.plans(20, 500), BillingSettings.defaults())) {
            for (int i = 0; i < 10; i++) {
                rig.billing.admit(ADA);
            }

            List<Admission> results = BillingRig.atOnce(100, () -> rig.billing.admit(ADA));

            assertThat(results).filteredOn(Admitted.class::isInstance).hasSize(10);
            assertThat(results).filteredOn(Exhausted.class::isInstance).hasSize(90);
            assertThat(results.stream()
                            .filter(Admitted.class::isInstance)
                            .map(a -> ((Admitted) a).reservationId())
                            .distinct())
                    .hasSize(10);
            assertThat(rig.count("SELECT used AS n FROM quota_usage WHERE user_id = ?", ADA))
                    .isEqualTo(20);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void concurrent_turns_spend_the_last_daily_and_extra_turns_exactly_once(String kind) throws Exception {
        try (BillingRig rig = new BillingRig(kind, dir)) {
            rig.buyPack(ADA, "pack2");
            rig.buyPack(ADA, "pack2");
            rig.billing.admit(ADA);
            rig.billing.admit(ADA); // 1 daily and 4 extra turns left: 5 in all

            List<Admission> results = BillingRig.atOnce(100, () -> rig.billing.admit(ADA));

            assertThat(results).filteredOn(Admitted.class::isInstance).hasSize(5);
            assertThat(rig.billing.quote(ADA).extraTurns()).isZero();
            assertThat(rig.billing.quote(ADA).turnsLeftToday()).isZero();
        }
    }
}

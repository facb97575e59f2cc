package io.grokgram.billing;

import static io.grokgram.billing.BillingRig.ADA;
import static io.grokgram.billing.BillingRig.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.grokgram.billing.Admission.Admitted;
import io.grokgram.billing.Admission.Paused;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** The monthly provider spend cap and a provider out of credits pause free turns; paying users keep service. */
class SpendCapTest {
    private static final long ONE_USD = 1_000_000_000L;
    private static final BillingSettings CAPPED =
            new BillingSettings(5_000, new BigDecimal("0.013"), 10 * ONE_USD, Duration.ofHours(1), Optional.empty());

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger capLog = (Logger) LoggerFactory.getLogger(SpendCap.class);
    private final Logger billingLog = (Logger) LoggerFactory.getLogger(Billing.class);

    SpendCapTest() {
        logged.start();
        capLog.addAppender(logged);
        billingLog.addAppender(logged);
    }

    @AfterEach
    void detach() {
        capLog.detachAppender(logged);
        billingLog.detachAppender(logged);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void the_operator_is_warned_once_at_80_percent_and_free_turns_pause_at_100_until_next_month(String kind) {
        try (BillingRig rig = new BillingRig(kind, dir, BillingRig.plans(100, 100), CAPPED)) {
            rig.subscribe(BOB);
            spend(rig, 7_990_000_000L);
            rig.billing.admit(ADA);
            assertThat(warnings()).as("79.9 %").isZero();

            spend(rig, 10_000_000L);
            rig.billing.admit(ADA);
            rig.billing.admit(BOB);
            rig.billing.admit(ADA);

            assertThat(warnings()).as("once at 80 %, however many turns").isEqualTo(1);
            assertThat(logged.list.getLast().getFormattedMessage())
                    .contains("80 %", "8.00 USD of 10.00 USD", "2026-11");

            spend(rig, 2 * ONE_USD);

            assertThat(rig.billing.admit(ADA)).isEqualTo(new Paused(Instant.parse("2026-12-01T00:00:00Z")));
            assertThat(rig.billing.admit(BOB))
                    .as("a Premium user keeps service")
                    .isInstanceOfSatisfying(
                            Admitted.class, a -> assertThat(a.plan().id()).isEqualTo("premium"));
            assertThat(warnings()).as("and once at 100 %").isEqualTo(2);
            assertThat(logged.list.getLast().getFormattedMessage()).contains("cap reached");

            rig.clock.set("2026-12-01T00:00:00Z");

            assertThat(rig.billing.admit(ADA)).as("a new month").isInstanceOf(Admitted.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void while_paused_a_free_user_may_still_spend_extra_turns_they_bought(String kind) {
        try (BillingRig rig = new BillingRig(kind, dir, BillingRig.plans(100, 100), CAPPED)) {
            rig.buyPack(ADA, "pack2");
            spend(rig, 10 * ONE_USD);

            assertThat(rig.billing.admit(ADA)).isInstanceOf(Admitted.class);
            assertThat(rig.billing.admit(ADA)).isInstanceOf(Admitted.class);
            assertThat(rig.billing.admit(ADA)).isInstanceOf(Paused.class);
            assertThat(rig.billing.quote(ADA).turnsLeftToday())
                    .as("no free turn was taken")
                    .isEqualTo(100);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_provider_out_of_credits_pauses_free_turns_for_the_configured_time(String kind) {
        try (BillingRig rig = new BillingRig(kind, dir)) {
            rig.subscribe(BOB);

            rig.billing.providerOutOfCredits();

            assertThat(rig.billing.admit(ADA)).isEqualTo(new Paused(Instant.parse("2026-11-05T11:00:00Z")));
            assertThat(rig.billing.admit(BOB)).isInstanceOf(Admitted.class);
            assertThat(logged.list).anySatisfy(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.ERROR);
                assertThat(event.getFormattedMessage()).contains("credits ran out");
            });

            rig.clock.advance(Duration.ofHours(1));

            assertThat(rig.billing.admit(ADA)).isInstanceOf(Admitted.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void without_a_cap_nothing_pauses(String kind) {
        try (BillingRig rig = new BillingRig(kind, dir, BillingRig.plans(100, 100), BillingSettings.defaults())) {
            spend(rig, 1_000_000 * ONE_USD);

            assertThat(rig.billing.admit(ADA)).isInstanceOf(Admitted.class);
            assertThat(warnings()).isZero();
        }
    }

    private static void spend(BillingRig rig, long nanoUsd) {
        rig.billing.meter(BOB, "premium", "answer", 1_000, 0, 100, 0, Optional.of(nanoUsd));
    }

    private long warnings() {
        return logged.list.stream()
                .filter(event -> event.getLevel() == Level.WARN)
                .filter(event -> event.getLoggerName().equals(SpendCap.class.getName()))
                .count();
    }
}

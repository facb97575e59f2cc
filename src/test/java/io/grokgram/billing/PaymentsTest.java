package io.grokgram.billing;

import static io.grokgram.billing.BillingRig.ADA;
import static io.grokgram.billing.BillingRig.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.grokgram.billing.PaymentOutcome.Credited;
import io.grokgram.billing.PaymentOutcome.Duplicate;
import io.grokgram.billing.PaymentOutcome.Rejected;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Stars payments credited once per charge id: subscriptions start, renew and lapse; packs add turns. */
class PaymentsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void the_same_payment_delivered_three_times_at_once_is_credited_once(String kind) throws Exception {
        try (BillingRig rig = new BillingRig(kind, dir)) {
            Instant expires = Instant.parse("2026-12-05T10:00:00Z");
            Payment payment = rig.subscription(ADA, "stxSame", Optional.of(expires));

            List<PaymentOutcome> outcomes = BillingRig.atOnce(3, () -> rig.billing.credit(payment));

            assertThat(outcomes).filteredOn(Credited.class::isInstance).hasSize(1);
            assertThat(outcomes).filteredOn(Duplicate.class::isInstance).hasSize(2);
            assertThat(rig.billing.quote(ADA).expiresAt()).contains(expires);
            assertThat(rig.count("SELECT COUNT(*) AS n FROM payments")).isEqualTo(1);
            assertThat(rig.count("SELECT COUNT(*) AS n FROM ledger_transactions"))
                    .isEqualTo(1);
            assertThat(rig.billing.balances()).containsEntry(Ledger.TELEGRAM_STARS, 250L);

            assertThat(rig.billing.credit(payment)).as("a later replay too").isEqualTo(new Duplicate("stxSame"));
            assertThat(rig.billing.balances()).containsEntry(Ledger.TELEGRAM_STARS, 250L);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_subscription_starts_renewal_extends_to_the_new_expiry_and_expiry_returns_to_free(String kind) {
        try (BillingRig rig = new BillingRig(kind, dir)) {
            assertThat(rig.billing.planOf(ADA).id()).isEqualTo("free");
            Instant first = Instant.parse("2026-12-05T10:00:00Z");

            PaymentOutcome started = rig.billing.credit(rig.subscription(ADA, "stxFirst", Optional.of(first)));

            assertThat(started).isEqualTo(new Credited(rig.billing.plans().premium(), Optional.of(first), 0));
            assertThat(rig.billing.planOf(ADA).id()).isEqualTo("premium");
            assertThat(rig.billing.activeChargeId(ADA)).contains("stxFirst");
            Quote quote = rig.billing.quote(ADA);
            assertThat(quote.plan().turnsPerDay()).isEqualTo(5);
            assertThat(quote.autoRenew()).isTrue();

            rig.clock.set("2026-12-05T09:59:00Z");
            Instant second = Instant.parse("2027-01-04T10:00:00Z");
            rig.billing.credit(rig.subscription(ADA, "stxRenewal", Optional.of(second)));

            assertThat(rig.billing.quote(ADA).expiresAt()).contains(second);
            assertThat(rig.billing.activeChargeId(ADA)).contains("stxRenewal");
            rig.clock.set("2027-01-04T09:59:59Z");
            assertThat(rig.billing.planOf(ADA).id()).isEqualTo("premium");

            rig.clock.set("2027-01-04T10:00:00Z");

            assertThat(rig.billing.planOf(ADA).id()).isEqualTo("free");
            assertThat(rig.billing.quote(ADA).expiresAt()).isEmpty();
            assertThat(rig.billing.activeChargeId(ADA)).isEmpty();
            assertThat(rig.billing.balances()).containsEntry(Ledger.TELEGRAM_STARS, 500L);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void without_an_expiry_from_telegram_a_payment_pays_thirty_days_from_the_current_end(String kind) {
        try (BillingRig rig = new BillingRig(kind, dir)) {
            rig.subscribe(ADA);
            assertThat(rig.billing.quote(ADA).expiresAt()).contains(Instant.parse("2026-12-05T10:00:00Z"));

            rig.clock.advance(Duration.ofDays(10));
            rig.subscribe(ADA);

            assertThat(rig.billing.quote(ADA).expiresAt()).contains(Instant.parse("2027-01-04T10:00:00Z"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_renewal_delivered_late_never_shortens_the_subscription(String kind) {
        try (BillingRig rig = new BillingRig(kind, dir)) {
            Instant later = Instant.parse("2027-01-04T10:00:00Z");
            rig.billing.credit(rig.subscription(ADA, "stxRenewal", Optional.of(later)));

            rig.billing.credit(rig.subscription(ADA, "stxFirst", Optional.of(Instant.parse("2026-12-05T10:00:00Z"))));

            assertThat(rig.billing.quote(ADA).expiresAt()).contains(later);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_pack_adds_its_turns_and_a_second_pack_adds_more(String kind) {
        try (BillingRig rig = new BillingRig(kind, dir)) {
            PaymentOutcome first = rig.buyPack(ADA, "pack100");
            PaymentOutcome second = rig.buyPack(ADA, "pack2");

            assertThat(first)
                    .isEqualTo(new Credited(rig.billing.plans().pack("pack100").orElseThrow(), Optional.empty(), 100));
            assertThat(second)
                    .isInstanceOfSatisfying(
                            Credited.class, c -> assertThat(c.extraTurns()).isEqualTo(102));
            assertThat(rig.billing.planOf(ADA).id())
                    .as("a pack is no subscription")
                    .isEqualTo("free");
            assertThat(rig.billing.balances()).containsEntry(Ledger.TELEGRAM_STARS, 110L);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_subscriber_renews_at_the_price_they_subscribed_at_after_the_price_rises(String kind) {
        try (BillingRig rig = new BillingRig(kind, dir)) {
            String oldPayload = rig.billing.subscriptionPayload(ADA);
            rig.billing = rig.reconfigured(raisedPremium(300), BillingSettings.defaults());

            PaymentOutcome renewal =
                    rig.billing.credit(new Payment(ADA, "XTR", 250, oldPayload, "stxOld", Optional.empty(), true));

            assertThat(renewal).isInstanceOf(Credited.class);
            assertThat(rig.billing.preCheckout(ADA, "XTR", 250, oldPayload))
                    .as("but a new checkout at the old price is refused")
                    .isInstanceOf(PreCheckoutDecision.Refuse.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void the_payload_key_kept_in_the_database_is_shared_by_every_instance(String kind) {
        try (BillingRig rig = new BillingRig(kind, dir)) {
            String payload = rig.billing.subscriptionPayload(ADA);

            Billing another = rig.reconfigured(rig.billing.plans(), BillingSettings.defaults());

            assertThat(another.preCheckout(ADA, "XTR", 250, payload)).isEqualTo(new PreCheckoutDecision.Accept());
            assertThat(another.subscriptionPayload(ADA)).isEqualTo(payload);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void subscription_updates_switch_auto_renewal_for_subscribe_to_show(String kind) {
        try (BillingRig rig = new BillingRig(kind, dir)) {
            rig.subscribe(ADA);
            String payload = rig.billing.subscriptionPayload(ADA);

            rig.billing.subscriptionState(ADA, payload, "canceled");
            assertThat(rig.billing.quote(ADA).autoRenew()).isFalse();
            assertThat(rig.billing.planOf(ADA).id()).as("paid to the end").isEqualTo("premium");

            rig.billing.subscriptionState(ADA, payload, "active");
            assertThat(rig.billing.quote(ADA).autoRenew()).isTrue();

            rig.billing.subscriptionState(ADA, rig.billing.subscriptionPayload(BOB), "canceled");
            rig.billing.subscriptionState(ADA, rig.billing.packPayload(ADA, "pack2"), "canceled");
            rig.billing.subscriptionState(ADA, payload, "paused");
            assertThat(rig.billing.quote(ADA).autoRenew())
                    .as("another user's, a pack's payload or an unknown state change nothing")
                    .isTrue();

            rig.billing.subscriptionState(ADA, payload, "failed");
            assertThat(rig.billing.quote(ADA).autoRenew()).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void payloads_fit_telegrams_128_bytes_with_the_longest_ids(String kind) {
        Plans longIds = new Plans(
                new Plan("f".repeat(32), "Free", "m", 1, 100, 100, 0, Set.of(), 0),
                new Plan("p".repeat(32), "Premium", "m", 1, 100, 100, 10_000, Set.of(), 0),
                List.of(new TurnPack("k".repeat(32), 1, 999_999_999)));
        try (BillingRig rig = new BillingRig(kind, dir, longIds, BillingSettings.defaults())) {
            long hugeUser = Long.MAX_VALUE;

            assertThat(rig.billing.subscriptionPayload(hugeUser).getBytes(StandardCharsets.UTF_8))
                    .hasSizeLessThanOrEqualTo(128);
            assertThat(rig.billing.packPayload(hugeUser, "k".repeat(32)).getBytes(StandardCharsets.UTF_8))
                    .hasSizeLessThanOrEqualTo(128);
            assertThat(rig.billing.preCheckout(
                            hugeUser, "XTR", 999_999_999, rig.billing.packPayload(hugeUser, "k".repeat(32))))
                    .isEqualTo(new PreCheckoutDecision.Accept());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_payment_that_matches_no_invoice_of_ours_is_rejected_and_nothing_is_credited(String kind) {
        try (BillingRig rig = new BillingRig(kind, dir)) {
            String ada = rig.billing.subscriptionPayload(ADA);
            Map<String, Payment> bad = Map.of(
                    "tampered", new Payment(ADA, "XTR", 1, tamperPrice(ada, 1), "c1", Optional.empty(), true),
                    "other user", new Payment(BOB, "XTR", 250, ada, "c2", Optional.empty(), true),
                    "not Stars", new Payment(ADA, "USD", 250, ada, "c3", Optional.empty(), true),
                    "negative", new Payment(ADA, "XTR", -250, ada, "c4", Optional.empty(), true),
                    "zero", new Payment(ADA, "XTR", 0, ada, "c5", Optional.empty(), true),
                    "wrong amount", new Payment(ADA, "XTR", 25, ada, "c6", Optional.empty(), true),
                    "garbage", new Payment(ADA, "XTR", 250, "premium", "c7", Optional.empty(), true));

            bad.forEach((what, payment) -> assertThat(rig.billing.credit(payment))
                    .as(what)
                    .isInstanceOfSatisfying(
                            Rejected.class, r -> assertThat(r.reason()).isNotBlank()));

            assertThat(rig.count("SELECT COUNT(*) AS n FROM payments")).isZero();
            assertThat(rig.count("SELECT COUNT(*) AS n FROM ledger_postings")).isZero();
            assertThat(rig.billing.planOf(ADA).id()).isEqualTo("free");
            assertThat(rig.billing.planOf(BOB).id()).isEqualTo("free");
            assertThat(rig.billing.quote(ADA).extraTurns()).isZero();
        }
    }

    private static Plans raisedPremium(long stars) {
        Plans plans = BillingRig.plans(3, 5);
        Plan premium = plans.premium();
        return new Plans(
                plans.free(),
                new Plan(
                        premium.id(),
                        premium.title(),
                        premium.model(),
                        premium.turnsPerDay(),
                        premium.contextTokens(),
                        premium.maxOutputTokens(),
                        stars,
                        premium.tools(),
                        premium.maxToolCalls()),
                plans.packs());
    }

    /** The payload with its price replaced and its signature left as it was. */
    static String tamperPrice(String payload, long stars) {
        String[] parts = payload.split(":");
        parts[3] = Long.toString(stars);
        return String.join(":", parts);
    }
}

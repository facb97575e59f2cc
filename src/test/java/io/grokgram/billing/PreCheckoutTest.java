package io.grokgram.billing;

import static io.grokgram.billing.BillingRig.ADA;
import static io.grokgram.billing.BillingRig.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.grokgram.billing.PreCheckoutDecision.Accept;
import io.grokgram.billing.PreCheckoutDecision.Refuse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pre-checkout answer: only our own invoice, for this user, in Stars, at its price which is today's price. */
class PreCheckoutTest {
    @TempDir
    Path dir;

    private BillingRig rig;

    @BeforeEach
    void open() {
        rig = new BillingRig("sqlite", dir);
    }

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void our_invoices_at_their_price_are_accepted() {
        assertThat(rig.billing.preCheckout(ADA, "XTR", 250, rig.billing.subscriptionPayload(ADA)))
                .isEqualTo(new Accept());
        assertThat(rig.billing.preCheckout(ADA, "XTR", 10, rig.billing.packPayload(ADA, "pack2")))
                .isEqualTo(new Accept());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            tampered price       | ada   | XTR | 1    | tampered      | signature               | INVOICE_EXPIRED
            tampered user        | bob   | XTR | 250  | tampered-user | signature               | INVOICE_EXPIRED
            another user's       | bob   | XTR | 250  | ada           | made for user           | NOT_YOURS
            not Stars            | ada   | USD | 250  | ada           | currency USD            | STARS_ONLY
            negative amount      | ada   | XTR | -250 | ada           | not positive            | INVALID_INVOICE
            zero amount          | ada   | XTR | 0    | ada           | not positive            | INVALID_INVOICE
            wrong amount         | ada   | XTR | 249  | ada           | differs                 | INVALID_INVOICE
            not our payload      | ada   | XTR | 250  | garbage       | not one of our invoices | INVOICE_EXPIRED
            empty payload        | ada   | XTR | 250  | empty         | not one of our invoices | INVOICE_EXPIRED
            """)
    void anything_else_is_refused_with_a_reason_for_the_user_and_one_for_the_log(
            String what,
            String payer,
            String currency,
            long amount,
            String payloadKind,
            String logged,
            PreCheckoutDecision.Reason reason) {
        String ada = rig.billing.subscriptionPayload(ADA);
        String payload = switch (payloadKind) {
            case "tampered" -> PaymentsTest.tamperPrice(ada, 1);
            case "tampered-user" -> ada.replace(Long.toString(ADA), Long.toString(BOB));
            case "garbage" -> "premium for free please";
            case "empty" -> "";
            default -> ada;
        };

        PreCheckoutDecision decision =
                rig.billing.preCheckout(payer.equals("ada") ? ADA : BOB, currency, amount, payload);

        assertThat(decision).as(what).isInstanceOfSatisfying(Refuse.class, refuse -> {
            assertThat(refuse.reason()).isEqualTo(reason);
            assertThat(refuse.reasonForLog()).contains(logged);
        });
    }

    @Test
    void an_invoice_at_an_old_price_or_for_a_withdrawn_pack_is_refused() {
        String subscription = rig.billing.subscriptionPayload(ADA);
        String pack = rig.billing.packPayload(ADA, "pack2");
        Plans now = new Plans(
                rig.billing.plans().free(),
                new Plan("premium", "Premium", "grok-strong", 5, 128_000, 8_000, 300, Set.of(), 0),
                List.of(new TurnPack("pack100", 100, 100)));
        Billing repriced = rig.reconfigured(now, BillingSettings.defaults());

        assertThat(repriced.preCheckout(ADA, "XTR", 250, subscription)).isInstanceOfSatisfying(Refuse.class, refuse -> {
            assertThat(refuse.reason()).isEqualTo(PreCheckoutDecision.Reason.PRICE_CHANGED);
            assertThat(refuse.reasonForLog()).contains("250", "300");
        });
        assertThat(repriced.preCheckout(ADA, "XTR", 10, pack))
                .isInstanceOfSatisfying(
                        Refuse.class,
                        refuse -> assertThat(refuse.reasonForLog()).contains("pack2 is no longer offered"));
    }

    @Test
    void a_payload_signed_under_another_key_is_refused() {
        String ours = rig.billing.subscriptionPayload(ADA);
        Billing otherKey = rig.reconfigured(
                rig.billing.plans(),
                new BillingSettings(
                        5_000,
                        BillingSettings.defaults().usdPerStar(),
                        0,
                        java.time.Duration.ofHours(1),
                        java.util.Optional.of("a-configured-key-of-some-length")));

        assertThat(otherKey.preCheckout(ADA, "XTR", 250, ours)).isInstanceOf(Refuse.class);
        assertThat(otherKey.preCheckout(ADA, "XTR", 250, otherKey.subscriptionPayload(ADA)))
                .isEqualTo(new Accept());
    }
}

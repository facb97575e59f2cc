package io.grokgram.sandbox;

import static io.grokgram.sandbox.BotApiClient.params;
import static io.grokgram.sandbox.InvoiceParams.MONTH;
import static io.grokgram.sandbox.InvoiceParams.PAYLOAD;
import static io.grokgram.sandbox.InvoiceParams.invoice;
import static io.grokgram.sandbox.InvoiceParams.price;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Refunds, the bot's transactions and balance, and replaying payment updates. */
class RefundsAndTransactionsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Instant START = Instant.parse("2026-11-25T12:00:00Z");

    private final MutableClock clock = new MutableClock(START);

    @AutoClose
    private final Sandbox sandbox = Sandbox.start(clock);

    private final BotApiClient api = sandbox.api;
    private final SandboxUser ann = sandbox.userAlreadyHeard(42, "Ann");

    private Payment pay(SandboxUser user, Object... invoiceChanges) {
        String link =
                api.json("createInvoiceLink", invoice(invoiceChanges)).result().asText();
        Checkout checkout = user.payLink(link);
        api.json("answerPreCheckoutQuery", params("pre_checkout_query_id", checkout.queryId(), "ok", true));
        Payment payment = checkout.awaitPayment(WAIT).orElseThrow();
        sandbox.takeUpdates();
        return payment;
    }

    private BotApiClient.Response refund(long userId, String chargeId) {
        return api.json("refundStarPayment", params("user_id", userId, "telegram_payment_charge_id", chargeId));
    }

    @Test
    void a_refund_goes_through_once_and_the_bot_sees_refunded_payment() {
        // given
        Payment payment = pay(ann);

        // when
        var refunded = refund(42, payment.chargeId());
        List<JsonNode> updates = sandbox.takeUpdates();
        var again = refund(42, payment.chargeId());

        // then
        assertThat(refunded.result().asBoolean()).isTrue();
        assertThat(updates).singleElement().satisfies(update -> {
            JsonNode message = update.path("message");
            assertThat(message.path("chat").path("id").asLong()).isEqualTo(42);
            JsonNode refund = message.path("refunded_payment");
            assertThat(refund.path("currency").asText()).isEqualTo("XTR");
            assertThat(refund.path("total_amount").asLong()).isEqualTo(250);
            assertThat(refund.path("invoice_payload").asText()).isEqualTo(PAYLOAD);
            assertThat(refund.path("telegram_payment_charge_id").asText()).isEqualTo(payment.chargeId());
            assertThat(refund.has("provider_payment_charge_id")).isFalse();
        });
        assertThat(again.description()).isEqualTo("Bad Request: CHARGE_ALREADY_REFUNDED");
        assertThat(sandbox.emulator.payments())
                .singleElement()
                .satisfies(p -> assertThat(p.refunded()).isTrue());
    }

    @Test
    void only_a_charge_of_that_user_can_be_refunded() {
        // given
        Payment payment = pay(ann);

        // when
        var unknown = refund(42, "stxNoSuchCharge");
        var otherUser = refund(43, payment.chargeId());
        var noCharge = api.json("refundStarPayment", params("user_id", 42));
        var noUser = api.json("refundStarPayment", params("telegram_payment_charge_id", payment.chargeId()));

        // then
        assertThat(unknown.description()).isEqualTo("Bad Request: CHARGE_NOT_FOUND");
        assertThat(otherUser.description()).isEqualTo("Bad Request: CHARGE_NOT_FOUND");
        assertThat(noCharge.description())
                .isEqualTo("Bad Request: parameter \"telegram_payment_charge_id\" is required");
        assertThat(noUser.description()).isEqualTo("Bad Request: invalid user_id specified");
        assertThat(sandbox.takeUpdates()).isEmpty();
    }

    @Test
    void transactions_list_payments_and_refunds_oldest_first_and_the_balance_sums_them() {
        // given: a one-off payment, a subscription a minute later, then the one-off refunded
        Payment oneOff = pay(ann);
        clock.advance(Duration.ofMinutes(1));
        Payment subscription = pay(ann, "subscription_period", MONTH, "prices", price(100), "payload", "sub:42");
        refund(42, oneOff.chargeId());

        // when
        JsonNode all = api.json("getStarTransactions", params()).result().path("transactions");
        JsonNode page = api.json("getStarTransactions", params("offset", 1, "limit", 1))
                .result()
                .path("transactions");
        long balance =
                api.json("getMyStarBalance", params()).result().path("amount").asLong();

        // then
        assertThat(all).hasSize(3);
        JsonNode first = all.get(0);
        assertThat(first.path("id").asText()).isEqualTo(oneOff.chargeId());
        assertThat(first.path("amount").asLong()).isEqualTo(250);
        assertThat(first.path("date").asLong()).isEqualTo(START.getEpochSecond());
        JsonNode partner = first.path("source");
        assertThat(partner.path("type").asText()).isEqualTo("user");
        assertThat(partner.path("transaction_type").asText()).isEqualTo("invoice_payment");
        assertThat(partner.path("user").path("id").asLong()).isEqualTo(42);
        assertThat(partner.path("invoice_payload").asText()).isEqualTo(PAYLOAD);
        assertThat(partner.has("subscription_period")).isFalse();
        assertThat(all.get(1).path("source").path("subscription_period").asInt())
                .isEqualTo(MONTH);
        assertThat(all.get(1).path("id").asText()).isEqualTo(subscription.chargeId());
        JsonNode refund = all.get(2);
        assertThat(refund.path("id").asText()).isEqualTo(oneOff.chargeId());
        assertThat(refund.has("source")).isFalse();
        assertThat(refund.path("receiver").path("user").path("id").asLong()).isEqualTo(42);
        assertThat(refund.path("amount").asLong()).isEqualTo(250);
        assertThat(page)
                .singleElement()
                .satisfies(t -> assertThat(t.path("id").asText()).isEqualTo(subscription.chargeId()));
        assertThat(balance).isEqualTo(100);
    }

    @Test
    void a_payment_update_can_be_delivered_again_and_again_with_its_id() {
        // given
        Payment payment = pay(ann);
        long updateId = payment.updateId().orElseThrow();

        // when: Telegram delivers it three more times
        for (int i = 0; i < 3; i++) {
            sandbox.emulator.redeliver(Sandbox.TOKEN, updateId);
        }
        List<JsonNode> replays = sandbox.takeUpdates();

        // then
        assertThat(replays).hasSize(3).allSatisfy(update -> {
            assertThat(update.path("update_id").asLong()).isEqualTo(updateId);
            assertThat(update.path("message")
                            .path("successful_payment")
                            .path("telegram_payment_charge_id")
                            .asText())
                    .isEqualTo(payment.chargeId());
        });
        assertThat(sandbox.emulator.payments()).hasSize(1);
    }

    @Test
    void a_pre_checkout_query_can_be_delivered_again_too() {
        // given
        String link = api.json("createInvoiceLink", invoice()).result().asText();
        Checkout checkout = ann.payLink(link);
        sandbox.takeUpdates();

        // when
        sandbox.emulator.redeliver(Sandbox.TOKEN, checkout.updateId().orElseThrow());

        // then
        assertThat(sandbox.takeUpdates())
                .singleElement()
                .satisfies(update -> assertThat(
                                update.path("pre_checkout_query").path("id").asText())
                        .isEqualTo(checkout.queryId()));
    }

    @Test
    void an_injected_payment_carries_what_the_test_chose_and_charges_nothing() {
        // when
        long updateId = sandbox.emulator.injectSuccessfulPayment(42, "USD", -3, "no-such-plan", "stxForged");
        long other = sandbox.emulator.injectSuccessfulPayment(42, "XTR", 5, "x");

        // then
        List<JsonNode> updates = sandbox.takeUpdates();
        assertThat(updates).hasSize(2);
        JsonNode injected = updates.getFirst();
        assertThat(injected.path("update_id").asLong()).isEqualTo(updateId);
        JsonNode message = injected.path("message");
        assertThat(message.path("from").path("id").asLong()).isEqualTo(42);
        assertThat(message.path("chat").path("type").asText()).isEqualTo("private");
        JsonNode paid = message.path("successful_payment");
        assertThat(paid.path("currency").asText()).isEqualTo("USD");
        assertThat(paid.path("total_amount").asLong()).isEqualTo(-3);
        assertThat(paid.path("invoice_payload").asText()).isEqualTo("no-such-plan");
        assertThat(paid.path("telegram_payment_charge_id").asText()).isEqualTo("stxForged");
        assertThat(updates.get(1).path("update_id").asLong()).isEqualTo(other);
        assertThat(sandbox.emulator.payments()).isEmpty();
        assertThat(refund(42, "stxForged").description()).isEqualTo("Bad Request: CHARGE_NOT_FOUND");
    }

    @Test
    void payments_of_several_people_stay_apart() {
        // given
        SandboxUser bo = sandbox.emulator.user(43, "Bo", Optional.empty(), "en");

        // when
        Payment annPaid = pay(ann);
        Payment boPaid = pay(bo);

        // then
        assertThat(sandbox.emulator.payments())
                .extracting(Payment::userId, Payment::chargeId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(42L, annPaid.chargeId()),
                        org.assertj.core.groups.Tuple.tuple(43L, boPaid.chargeId()));
        assertThat(refund(42, boPaid.chargeId()).description()).isEqualTo("Bad Request: CHARGE_NOT_FOUND");
        assertThat(refund(43, boPaid.chargeId()).ok()).isTrue();
    }
}

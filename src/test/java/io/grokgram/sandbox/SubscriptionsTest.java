package io.grokgram.sandbox;

import static io.grokgram.sandbox.BotApiClient.params;
import static io.grokgram.sandbox.InvoiceParams.MONTH;
import static io.grokgram.sandbox.InvoiceParams.PAYLOAD;
import static io.grokgram.sandbox.InvoiceParams.invoice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Subscriptions in Stars: the first payment, renewals every 30 days, and cancelling by the user or the bot. */
class SubscriptionsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Instant START = Instant.parse("2026-11-25T12:00:00Z");

    private final MutableClock clock = new MutableClock(START);

    @AutoClose
    private final Sandbox sandbox = Sandbox.start(clock);

    private final BotApiClient api = sandbox.api;
    private final SandboxUser ann = sandbox.userAlreadyHeard(42, "Ann");

    private String subscriptionLink() {
        var link = api.json("createInvoiceLink", invoice("subscription_period", MONTH));
        assertThat(link.ok()).as(link.raw()).isTrue();
        return link.result().asText();
    }

    /** Ann subscribes and the bot confirms; the first payment. */
    private Payment subscribe(SandboxUser user, String link) {
        Checkout checkout = user.payLink(link);
        api.json("answerPreCheckoutQuery", params("pre_checkout_query_id", checkout.queryId(), "ok", true));
        Payment first = checkout.awaitPayment(WAIT).orElseThrow();
        sandbox.takeUpdates();
        return first;
    }

    private JsonNode onlySuccessfulPayment() {
        List<JsonNode> updates = sandbox.takeUpdates();
        assertThat(updates).hasSize(1);
        return updates.getFirst().path("message").path("successful_payment");
    }

    private BotApiClient.Response edit(String chargeId, boolean cancelled) {
        return api.json(
                "editUserStarSubscription",
                params("user_id", 42, "telegram_payment_charge_id", chargeId, "is_canceled", cancelled));
    }

    @Test
    void the_first_payment_is_recurring_and_says_until_when_it_is_paid() {
        // given
        Checkout checkout = ann.payLink(subscriptionLink());
        sandbox.takeUpdates();

        // when
        api.json("answerPreCheckoutQuery", params("pre_checkout_query_id", checkout.queryId(), "ok", true));

        // then
        JsonNode paid = onlySuccessfulPayment();
        assertThat(paid.path("is_recurring").asBoolean()).isTrue();
        assertThat(paid.path("is_first_recurring").asBoolean()).isTrue();
        assertThat(paid.path("subscription_expiration_date").asLong())
                .isEqualTo(START.plusSeconds(MONTH).getEpochSecond());
        Payment payment = checkout.awaitPayment(WAIT).orElseThrow();
        assertThat(payment.subscriptionExpires()).contains(START.plusSeconds(MONTH));
        assertThat(payment.recurring()).isTrue();
        assertThat(payment.firstRecurring()).isTrue();
    }

    @Test
    void a_renewal_is_a_new_payment_a_month_further_on() {
        // given
        Payment first = subscribe(ann, subscriptionLink());

        // when
        Payment renewal = ann.renew(first.chargeId()).orElseThrow();

        // then
        JsonNode paid = onlySuccessfulPayment();
        assertThat(paid.path("telegram_payment_charge_id").asText())
                .isEqualTo(renewal.chargeId())
                .isNotEqualTo(first.chargeId());
        assertThat(paid.path("is_recurring").asBoolean()).isTrue();
        assertThat(paid.has("is_first_recurring")).isFalse();
        assertThat(paid.path("subscription_expiration_date").asLong())
                .isEqualTo(START.plusSeconds(2L * MONTH).getEpochSecond());
        assertThat(paid.path("invoice_payload").asText()).isEqualTo(PAYLOAD);
        assertThat(renewal.firstRecurring()).isFalse();
        // a later payment names the same subscription
        assertThat(ann.renew(renewal.chargeId()).orElseThrow().subscriptionExpires())
                .contains(START.plusSeconds(3L * MONTH));
    }

    @Test
    void telegram_renews_what_is_due_by_the_clock() {
        // given
        subscribe(ann, subscriptionLink());

        // when
        clock.advance(Duration.ofDays(29));
        List<Payment> early = sandbox.emulator.renewDueSubscriptions();
        clock.advance(Duration.ofDays(1));
        List<Payment> due = sandbox.emulator.renewDueSubscriptions();
        List<Payment> again = sandbox.emulator.renewDueSubscriptions();

        // then
        assertThat(early).isEmpty();
        assertThat(due).singleElement().satisfies(renewal -> {
            assertThat(renewal.at()).isEqualTo(START.plus(Duration.ofDays(30)));
            assertThat(renewal.subscriptionExpires()).contains(START.plusSeconds(2L * MONTH));
        });
        assertThat(again).isEmpty();
    }

    @Test
    void a_user_who_cancels_is_not_charged_again_and_the_bot_hears_of_it() {
        // given
        Payment first = subscribe(ann, subscriptionLink());

        // when
        ann.cancelSubscription(first.chargeId());

        // then
        JsonNode update = sandbox.takeUpdates().getFirst().path("subscription");
        assertThat(update.path("user").path("id").asLong()).isEqualTo(42);
        assertThat(update.path("invoice_payload").asText()).isEqualTo(PAYLOAD);
        assertThat(update.path("state").asText()).isEqualTo("canceled");
        assertThat(ann.renew(first.chargeId())).isEmpty();
        clock.advance(Duration.ofDays(31));
        assertThat(sandbox.emulator.renewDueSubscriptions()).isEmpty();
        assertThat(sandbox.takeUpdates()).isEmpty();

        // when: she changes her mind
        ann.resumeSubscription(first.chargeId());

        // then
        assertThat(sandbox.takeUpdates()
                        .getFirst()
                        .path("subscription")
                        .path("state")
                        .asText())
                .isEqualTo("active");
        assertThat(sandbox.emulator.renewDueSubscriptions()).hasSize(1);
    }

    @Test
    void a_bot_that_cancels_stops_the_renewals_without_an_update_until_it_allows_them_again() {
        // given
        Payment first = subscribe(ann, subscriptionLink());

        // when
        var cancelled = edit(first.chargeId(), true);

        // then
        assertThat(cancelled.result().asBoolean()).isTrue();
        assertThat(sandbox.takeUpdates()).isEmpty();
        assertThat(ann.renew(first.chargeId())).isEmpty();
        assertThatThrownBy(() -> ann.resumeSubscription(first.chargeId()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the bot cancelled");

        // when
        edit(first.chargeId(), false);

        // then
        assertThat(ann.renew(first.chargeId())).isPresent();
    }

    @Test
    void edit_user_star_subscription_names_a_subscription_charge_of_that_user() {
        // given
        Payment subscription = subscribe(ann, subscriptionLink());
        Payment oneOff =
                subscribe(ann, api.json("createInvoiceLink", invoice()).result().asText());

        // when
        var unknown = edit("stxUnknown", true);
        var notASubscription = edit(oneOff.chargeId(), true);
        var empty = edit("", true);
        var otherUser = api.json(
                "editUserStarSubscription",
                params("user_id", 43, "telegram_payment_charge_id", subscription.chargeId(), "is_canceled", true));
        var noUser = api.json(
                "editUserStarSubscription",
                params("telegram_payment_charge_id", subscription.chargeId(), "is_canceled", true));

        // then
        assertThat(unknown.description()).isEqualTo("Bad Request: CHARGE_NOT_FOUND");
        assertThat(notASubscription.description()).isEqualTo("Bad Request: CHARGE_NOT_FOUND");
        assertThat(empty.description()).isEqualTo("Bad Request: CHARGE_ID_EMPTY");
        assertThat(otherUser.description()).isEqualTo("Bad Request: CHARGE_NOT_FOUND");
        assertThat(noUser.description()).isEqualTo("Bad Request: invalid user_id specified");
        assertThat(ann.renew(subscription.chargeId())).isPresent();
    }

    @Test
    void a_failed_renewal_charges_nothing_and_tells_the_bot() {
        // given
        Payment first = subscribe(ann, subscriptionLink());

        // when
        ann.failRenewal(first.chargeId());

        // then
        assertThat(sandbox.takeUpdates())
                .singleElement()
                .satisfies(update -> assertThat(
                                update.path("subscription").path("state").asText())
                        .isEqualTo("failed"));
        assertThat(sandbox.emulator.payments()).hasSize(1);
    }

    @Test
    void one_subscription_per_link_and_user_while_it_renews() {
        // given
        String link = subscriptionLink();
        Payment first = subscribe(ann, link);
        SandboxUser bo = sandbox.emulator.user(43, "Bo", Optional.empty(), "en");

        // then
        assertThatThrownBy(() -> ann.payLink(link))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already subscribed");
        assertThat(subscribe(bo, link).userId()).isEqualTo(43);
        ann.cancelSubscription(first.chargeId());
        assertThat(ann.payLink(link).queryId()).isNotEmpty();
        assertThatThrownBy(() -> bo.renew(first.chargeId())).isInstanceOf(IllegalArgumentException.class);
    }
}

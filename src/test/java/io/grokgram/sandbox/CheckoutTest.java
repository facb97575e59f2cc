package io.grokgram.sandbox;

import static io.grokgram.sandbox.BotApiClient.params;
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

/** Paying an invoice: the pre_checkout_query, the bot's 10 seconds, and the successful_payment it leads to. */
class CheckoutTest {
    private static final String QUERY_TOO_OLD =
            "Bad Request: query is too old and response timeout expired or query ID is invalid";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));

    @AutoClose
    private final Sandbox sandbox = Sandbox.start(clock);

    private final BotApiClient api = sandbox.api;
    private final SandboxUser ann = sandbox.userAlreadyHeard(42, "Ann");

    private int sendInvoice() {
        var sent = api.json("sendInvoice", invoice("chat_id", 42));
        assertThat(sent.ok()).as(sent.raw()).isTrue();
        return sent.result().path("message_id").asInt();
    }

    private String link() {
        return api.json("createInvoiceLink", invoice()).result().asText();
    }

    private BotApiClient.Response answer(String queryId, boolean ok, String errorMessage) {
        var params = params("pre_checkout_query_id", queryId, "ok", ok);
        if (errorMessage != null) {
            params.put("error_message", errorMessage);
        }
        return api.json("answerPreCheckoutQuery", params);
    }

    private List<JsonNode> payments(List<JsonNode> updates) {
        return updates.stream()
                .map(update -> update.path("message").path("successful_payment"))
                .filter(JsonNode::isObject)
                .toList();
    }

    @Test
    void paying_asks_the_bot_first_and_a_confirmed_payment_reaches_it_as_successful_payment() {
        // given
        int invoice = sendInvoice();

        // when: Ann taps Pay
        Checkout checkout = ann.payInvoice(42, invoice);
        List<JsonNode> asked = sandbox.takeUpdates();

        // then: the bot is asked, and nothing is paid yet
        assertThat(asked).singleElement().satisfies(update -> {
            JsonNode query = update.path("pre_checkout_query");
            assertThat(query.path("id").asText()).isEqualTo(checkout.queryId());
            assertThat(query.path("from").path("id").asLong()).isEqualTo(42);
            assertThat(query.path("currency").asText()).isEqualTo("XTR");
            assertThat(query.path("total_amount").asLong()).isEqualTo(250);
            assertThat(query.path("invoice_payload").asText()).isEqualTo(PAYLOAD);
            assertThat(update.path("update_id").asLong())
                    .isEqualTo(checkout.updateId().orElseThrow());
        });
        assertThat(checkout.outcome()).isEmpty();
        assertThat(sandbox.emulator.payments()).isEmpty();

        // when: the bot confirms
        var answered = answer(checkout.queryId(), true, null);

        // then
        assertThat(answered.result().asBoolean()).isTrue();
        Payment payment = checkout.awaitPayment(WAIT).orElseThrow();
        JsonNode message = sandbox.takeUpdates().getFirst().path("message");
        assertThat(message.path("from").path("id").asLong()).isEqualTo(42);
        assertThat(message.path("chat").path("id").asLong()).isEqualTo(42);
        assertThat(message.path("message_id").asInt()).isEqualTo(payment.messageId());
        JsonNode paid = message.path("successful_payment");
        assertThat(paid.path("currency").asText()).isEqualTo("XTR");
        assertThat(paid.path("total_amount").asLong()).isEqualTo(250);
        assertThat(paid.path("invoice_payload").asText()).isEqualTo(PAYLOAD);
        assertThat(paid.path("telegram_payment_charge_id").asText())
                .isEqualTo(payment.chargeId())
                .matches("stx[A-Za-z0-9_-]{60,}");
        assertThat(paid.path("provider_payment_charge_id").asText()).isEmpty();
        assertThat(paid.has("is_recurring")).isFalse();
        assertThat(paid.has("is_first_recurring")).isFalse();
        assertThat(paid.has("subscription_expiration_date")).isFalse();
        assertThat(sandbox.emulator.payments()).containsExactly(payment);
        assertThat(payment.at()).isEqualTo(clock.instant());
        assertThat(sandbox.emulator.messages(42).getLast().content()).isEqualTo(ChatMessage.Content.SERVICE);
    }

    @Test
    void a_declined_payment_shows_the_user_why_and_charges_nothing() {
        // given
        Checkout checkout = ann.payLink(link());

        // when
        var withoutReason = answer(checkout.queryId(), false, null);
        var declined = answer(checkout.queryId(), false, "The Pro plan is sold out");

        // then: a refusal needs a reason, and the one with a reason ends the checkout
        assertThat(withoutReason.description()).isEqualTo("Bad Request: parameter \"error_message\" is required");
        assertThat(declined.result().asBoolean()).isTrue();
        assertThat(checkout.await(WAIT)).isEqualTo(new Checkout.Declined("The Pro plan is sold out"));
        assertThat(checkout.awaitPayment(WAIT)).isEmpty();
        assertThat(payments(sandbox.takeUpdates())).isEmpty();
        assertThat(sandbox.emulator.payments()).isEmpty();
    }

    @Test
    void the_bot_has_ten_seconds_of_the_emulators_clock() {
        // given
        Checkout inTime = ann.payLink(link());
        Checkout late = ann.payLink(link());

        // when: ten seconds pass, then one more
        clock.advance(Duration.ofSeconds(10));
        var atTheEdge = answer(inTime.queryId(), true, null);
        clock.advance(Duration.ofSeconds(1));
        var tooLate = answer(late.queryId(), true, null);

        // then
        assertThat(atTheEdge.ok()).as(atTheEdge.raw()).isTrue();
        assertThat(inTime.await(WAIT)).isInstanceOf(Checkout.Paid.class);
        assertThat(tooLate.description()).isEqualTo(QUERY_TOO_OLD);
        assertThat(late.await(WAIT)).isEqualTo(new Checkout.Expired());
        assertThat(sandbox.emulator.payments()).hasSize(1);
    }

    @Test
    void an_unanswered_checkout_expires_when_the_clock_passes_ten_seconds() {
        // given
        Checkout checkout = ann.payLink(link());

        // when
        clock.advance(Duration.ofSeconds(11));

        // then
        assertThat(checkout.outcome()).contains(new Checkout.Expired());
        assertThat(checkout.awaitPayment(WAIT)).isEmpty();
        assertThat(answer(checkout.queryId(), true, null).description()).isEqualTo(QUERY_TOO_OLD);
    }

    @Test
    void waiting_for_a_checkout_nobody_answers_says_so() {
        // given
        Checkout checkout = ann.payLink(link());

        // then
        assertThatThrownBy(() -> checkout.await(Duration.ofMillis(50)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("still open");
    }

    @Test
    void a_query_is_answered_once_and_an_unknown_one_not_at_all() {
        // given
        Checkout checkout = ann.payLink(link());
        answer(checkout.queryId(), true, null);

        // when
        var again = answer(checkout.queryId(), true, null);
        var unknown = answer("123456789", true, null);

        // then
        assertThat(again.description()).isEqualTo(QUERY_TOO_OLD);
        assertThat(unknown.description()).isEqualTo(QUERY_TOO_OLD);
        assertThat(sandbox.emulator.payments()).hasSize(1);
    }

    @Test
    void an_invoice_message_is_paid_once_while_a_link_may_be_paid_again() {
        // given
        int invoice = sendInvoice();
        String link = link();
        answer(ann.payInvoice(42, invoice).queryId(), true, null);

        // when
        Checkout once = ann.payLink(link);
        answer(once.queryId(), true, null);
        Checkout twice = ann.payLink(link);
        answer(twice.queryId(), true, null);

        // then
        assertThatThrownBy(() -> ann.payInvoice(42, invoice))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("paid already");
        assertThat(once.awaitPayment(WAIT)).isPresent();
        assertThat(twice.awaitPayment(WAIT)).isPresent();
        assertThat(sandbox.emulator.payments()).hasSize(3);
    }

    @Test
    void every_payment_gets_its_own_charge_id() {
        // given
        String link = link();

        // when
        Checkout first = ann.payLink(link);
        Checkout second = ann.payLink(link);
        answer(first.queryId(), true, null);
        answer(second.queryId(), true, null);

        // then
        String one = first.awaitPayment(WAIT).orElseThrow().chargeId();
        String two = second.awaitPayment(WAIT).orElseThrow().chargeId();
        assertThat(one).isNotEqualTo(two);
        assertThat(payments(sandbox.takeUpdates()))
                .extracting(p -> p.path("telegram_payment_charge_id").asText())
                .containsExactly(one, two);
    }

    @Test
    void only_people_who_see_the_invoice_can_pay_it() {
        // given
        int invoice = sendInvoice();
        SandboxUser bo = sandbox.emulator.user(43, "Bo", Optional.empty(), "en");

        // then
        assertThatThrownBy(() -> bo.payInvoice(42, invoice))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot see");
        assertThatThrownBy(() -> ann.payInvoice(42, invoice - 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ann.payLink("https://t.me/$nothingHere")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ann.payLink("https://t.me/grokgram_bot")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void paying_a_link_of_a_user_who_never_wrote_opens_the_private_chat() {
        // given
        SandboxUser cy = sandbox.emulator.user(44, "Cy", Optional.empty(), "en");
        Checkout checkout = cy.payLink(link());

        // when
        answer(checkout.queryId(), true, null);

        // then
        Payment payment = checkout.awaitPayment(WAIT).orElseThrow();
        assertThat(payment.userId()).isEqualTo(44);
        assertThat(sandbox.emulator.messages(44))
                .singleElement()
                .satisfies(message -> assertThat(message.media()
                                .orElseThrow()
                                .path("successful_payment")
                                .path("telegram_payment_charge_id")
                                .asText())
                        .isEqualTo(payment.chargeId()));
        // and the bot may now write to Cy
        assertThat(api.json("sendMessage", params("chat_id", 44, "text", "Thanks!"))
                        .ok())
                .isTrue();
    }
}

package io.grokgram.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading the payment updates: each shape Telegram sends, and what becomes of broken ones. */
class PaymentUpdatesTest {
    private static final String ANN = "{\"id\":42,\"is_bot\":false,\"first_name\":\"Ann\",\"username\":\"ann\"}";
    private static final String CHAT = "{\"id\":42,\"first_name\":\"Ann\",\"type\":\"private\"}";

    private final UpdateParser parser = new UpdateParser();

    private static String paymentMessage(String field, String payment) {
        return "{\"update_id\":11,\"message\":{\"message_id\":7,\"from\":" + ANN + ",\"chat\":" + CHAT
                + ",\"date\":1764072000,\"" + field + "\":" + payment + "}}";
    }

    @Test
    void a_pre_checkout_query_is_read_with_what_the_user_is_about_to_pay() {
        // when
        InboundUpdate update =
                parser.parse("{\"update_id\":10,\"pre_checkout_query\":{\"id\":\"3170410000000000001\"," + "\"from\":"
                        + ANN + ",\"currency\":\"XTR\",\"total_amount\":250,\"invoice_payload\":\"plan:pro:42\"}}");

        // then
        assertThat(update)
                .isEqualTo(new InboundUpdate.PreCheckout(
                        10,
                        "3170410000000000001",
                        new InboundUpdate.Sender(new UserId(42), false, "Ann", Optional.of("ann"), Optional.empty()),
                        "XTR",
                        250,
                        "plan:pro:42"));
    }

    @Test
    void a_successful_payment_is_read_with_its_charge_id() {
        // when
        InboundUpdate update = parser.parse(paymentMessage(
                "successful_payment",
                "{\"currency\":\"XTR\",\"total_amount\":250,\"invoice_payload\":\"plan:pro:42\","
                        + "\"telegram_payment_charge_id\":\"stxAbc\",\"provider_payment_charge_id\":\"\"}"));

        // then
        assertThat(update).isInstanceOfSatisfying(InboundUpdate.PaymentReceived.class, paid -> {
            assertThat(paid.updateId()).isEqualTo(11);
            assertThat(paid.from().id()).isEqualTo(new UserId(42));
            assertThat(paid.chat()).isEqualTo(new ChatId(42));
            assertThat(paid.currency()).isEqualTo("XTR");
            assertThat(paid.totalAmount()).isEqualTo(250);
            assertThat(paid.payload()).isEqualTo("plan:pro:42");
            assertThat(paid.chargeId()).isEqualTo("stxAbc");
            assertThat(paid.subscriptionExpires()).isEmpty();
            assertThat(paid.recurring()).isFalse();
            assertThat(paid.firstRecurring()).isFalse();
        });
    }

    @Test
    void a_subscription_payment_says_until_when_and_whether_it_is_the_first() {
        // when
        InboundUpdate update = parser.parse(paymentMessage(
                "successful_payment",
                "{\"currency\":\"XTR\",\"total_amount\":100,\"invoice_payload\":\"sub\","
                        + "\"telegram_payment_charge_id\":\"stxSub\",\"provider_payment_charge_id\":\"\","
                        + "\"is_recurring\":true,\"is_first_recurring\":true,"
                        + "\"subscription_expiration_date\":1766664000}"));

        // then
        assertThat(update).isInstanceOfSatisfying(InboundUpdate.PaymentReceived.class, paid -> {
            assertThat(paid.subscriptionExpires()).contains(Instant.ofEpochSecond(1_766_664_000L));
            assertThat(paid.recurring()).isTrue();
            assertThat(paid.firstRecurring()).isTrue();
        });
    }

    @Test
    void a_refunded_payment_is_read_with_the_charge_it_takes_back() {
        // when
        InboundUpdate update = parser.parse(paymentMessage(
                "refunded_payment",
                "{\"currency\":\"XTR\",\"total_amount\":250,\"invoice_payload\":\"plan:pro:42\","
                        + "\"telegram_payment_charge_id\":\"stxAbc\"}"));

        // then
        assertThat(update)
                .isEqualTo(new InboundUpdate.PaymentRefunded(
                        11,
                        new InboundUpdate.Sender(new UserId(42), false, "Ann", Optional.of("ann"), Optional.empty()),
                        new ChatId(42),
                        "XTR",
                        250,
                        "plan:pro:42",
                        "stxAbc"));
    }

    @Test
    void a_subscription_change_is_read_with_its_state() {
        // when
        InboundUpdate update = parser.parse("{\"update_id\":12,\"subscription\":{\"user\":" + ANN
                + ",\"invoice_payload\":\"sub\",\"state\":\"canceled\"}}");

        // then
        assertThat(update).isInstanceOfSatisfying(InboundUpdate.SubscriptionChanged.class, changed -> {
            assertThat(changed.from().id()).isEqualTo(new UserId(42));
            assertThat(changed.payload()).isEqualTo("sub");
            assertThat(changed.state()).isEqualTo("canceled");
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "no id | {\"from\":" + ANN + ",\"currency\":\"XTR\",\"total_amount\":1,\"invoice_payload\":\"p\"}"
                        + " | pre_checkout_query.id",
                "no from | {\"id\":\"1\",\"currency\":\"XTR\",\"total_amount\":1,\"invoice_payload\":\"p\"}"
                        + " | pre_checkout_query.from.id",
                "no currency | {\"id\":\"1\",\"from\":" + ANN + ",\"total_amount\":1,\"invoice_payload\":\"p\"}"
                        + " | pre_checkout_query.currency",
                "amount as text | {\"id\":\"1\",\"from\":" + ANN
                        + ",\"currency\":\"XTR\",\"total_amount\":\"1\",\"invoice_payload\":\"p\"}"
                        + " | pre_checkout_query.total_amount",
                "no payload | {\"id\":\"1\",\"from\":" + ANN + ",\"currency\":\"XTR\",\"total_amount\":1}"
                        + " | pre_checkout_query.invoice_payload",
            })
    void a_broken_pre_checkout_query_names_its_field(String name, String query, String field) {
        // when
        InboundUpdate update = parser.parse("{\"update_id\":10,\"pre_checkout_query\":" + query + "}");

        // then
        assertThat(update).isInstanceOfSatisfying(InboundUpdate.Malformed.class, malformed -> {
            assertThat(malformed.updateId()).isEqualTo(10);
            assertThat(malformed.reason()).contains(field);
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "no charge id | successful_payment | {\"currency\":\"XTR\",\"total_amount\":5,\"invoice_payload\":\"p\"}"
                        + " | successful_payment.telegram_payment_charge_id",
                "empty charge id | refunded_payment | {\"currency\":\"XTR\",\"total_amount\":5,\"invoice_payload\":\"p\","
                        + "\"telegram_payment_charge_id\":\"\"} | refunded_payment.telegram_payment_charge_id",
                "negative amount | successful_payment | {\"currency\":\"XTR\",\"total_amount\":-3,"
                        + "\"invoice_payload\":\"p\",\"telegram_payment_charge_id\":\"stx\"}"
                        + " | successful_payment.total_amount",
                "no currency | refunded_payment | {\"total_amount\":5,\"invoice_payload\":\"p\","
                        + "\"telegram_payment_charge_id\":\"stx\"} | refunded_payment.currency",
                "expiration as text | successful_payment | {\"currency\":\"XTR\",\"total_amount\":5,"
                        + "\"invoice_payload\":\"p\",\"telegram_payment_charge_id\":\"stx\","
                        + "\"subscription_expiration_date\":\"soon\"} | successful_payment.subscription_expiration_date",
            })
    void a_broken_payment_names_its_field(String name, String field, String payment, String reason) {
        // when
        InboundUpdate update = parser.parse(paymentMessage(field, payment));

        // then
        assertThat(update)
                .isInstanceOfSatisfying(
                        InboundUpdate.Malformed.class,
                        malformed -> assertThat(malformed.reason()).contains(reason));
    }

    @Test
    void a_payment_message_without_a_payer_or_a_subscription_change_without_state_is_malformed() {
        // when
        InboundUpdate noPayer = parser.parse("{\"update_id\":11,\"message\":{\"message_id\":7,\"chat\":" + CHAT
                + ",\"date\":1,\"successful_payment\":{\"currency\":\"XTR\",\"total_amount\":5,"
                + "\"invoice_payload\":\"p\",\"telegram_payment_charge_id\":\"stx\"}}}");
        InboundUpdate noState =
                parser.parse("{\"update_id\":12,\"subscription\":{\"user\":" + ANN + ",\"invoice_payload\":\"p\"}}");
        InboundUpdate noUser =
                parser.parse("{\"update_id\":13,\"subscription\":{\"invoice_payload\":\"p\",\"state\":\"active\"}}");

        // then
        assertThat(noPayer)
                .isInstanceOfSatisfying(
                        InboundUpdate.Malformed.class,
                        m -> assertThat(m.reason()).contains("from.id"));
        assertThat(noState)
                .isInstanceOfSatisfying(
                        InboundUpdate.Malformed.class,
                        m -> assertThat(m.reason()).contains("subscription.state"));
        assertThat(noUser)
                .isInstanceOfSatisfying(
                        InboundUpdate.Malformed.class,
                        m -> assertThat(m.reason()).contains("subscription.user.id"));
    }

    @Test
    void a_payment_in_another_currency_is_still_read_for_the_caller_to_judge() {
        // when
        InboundUpdate update = parser.parse(paymentMessage(
                "successful_payment",
                "{\"currency\":\"USD\",\"total_amount\":999,\"invoice_payload\":\"unknown\","
                        + "\"telegram_payment_charge_id\":\"stxOdd\",\"provider_payment_charge_id\":\"\"}"));

        // then
        assertThat(update).isInstanceOfSatisfying(InboundUpdate.PaymentReceived.class, paid -> {
            assertThat(paid.currency()).isEqualTo("USD");
            assertThat(paid.payload()).isEqualTo("unknown");
        });
    }
}

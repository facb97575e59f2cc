package io.grokgram.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grokgram.sandbox.ChatMessage;
import io.grokgram.sandbox.Checkout;
import io.grokgram.sandbox.Payment;
import io.grokgram.sandbox.SandboxUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Telegram Stars through {@link Outbound}, against the emulator over HTTP, with a sandbox user paying. */
class OutboundPaymentsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Invoice PRO = Invoice.oneOff("Pro plan", "Thirty days of Pro", "plan:pro", 250);
    private static final Invoice MONTHLY = Invoice.monthly("Pro monthly", "Pro, renewed monthly", "sub:pro", 100);

    @AutoClose
    private final EmulatedTelegram telegram =
            new EmulatedTelegram(new OutboundLimits(5, 600, 20, 3), ChatStatusListener.ignoring());

    private final Outbound outbound = telegram.outbound;

    private Payment subscribe(SandboxUser user) {
        Checkout checkout = user.payLink(outbound.createInvoiceLink(MONTHLY));
        outbound.answerPreCheckout(checkout.queryId(), Optional.empty());
        return checkout.awaitPayment(WAIT).orElseThrow();
    }

    @Test
    void an_invoice_reaches_the_chat_and_is_paid_once_the_bot_confirms() {
        // given
        ChatId chat = telegram.privateChat(501);
        SandboxUser ann = telegram.user(501);

        // when
        MessageId invoice = outbound.sendInvoice(chat, PRO);
        Checkout checkout = ann.payInvoice(501, invoice.value());
        outbound.answerPreCheckout(checkout.queryId(), Optional.empty());

        // then
        ChatMessage sent = telegram.emulator.messages(501).stream()
                .filter(message -> message.messageId() == invoice.value())
                .findFirst()
                .orElseThrow();
        assertThat(sent.content()).isEqualTo(ChatMessage.Content.INVOICE);
        assertThat(sent.media().orElseThrow().path("title").asText()).isEqualTo("Pro plan");
        assertThat(sent.media().orElseThrow().path("currency").asText()).isEqualTo("XTR");
        Payment payment = checkout.awaitPayment(WAIT).orElseThrow();
        assertThat(payment.payload()).isEqualTo("plan:pro");
        assertThat(payment.totalAmount()).isEqualTo(250);
        assertThat(telegram.emulator.rejections()).isEmpty();
    }

    @Test
    void a_refused_checkout_tells_the_user_why_and_a_second_answer_is_refused() {
        // given
        SandboxUser bo = telegram.user(502);
        Checkout checkout = bo.payLink(outbound.createInvoiceLink(PRO));

        // when
        outbound.answerPreCheckout(checkout.queryId(), Optional.of("This plan is sold out"));

        // then
        assertThat(checkout.await(WAIT)).isEqualTo(new Checkout.Declined("This plan is sold out"));
        assertThatThrownBy(() -> outbound.answerPreCheckout(checkout.queryId(), Optional.empty()))
                .isInstanceOfSatisfying(
                        TelegramException.BadRequest.class,
                        e -> assertThat(e.description()).contains("query is too old"));
        assertThatThrownBy(() -> outbound.answerPreCheckout(checkout.queryId(), Optional.of(" ")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(telegram.emulator.payments()).isEmpty();
    }

    @Test
    void a_passing_failure_of_the_answer_is_retried_within_the_ten_seconds() {
        // given
        SandboxUser cy = telegram.user(503);
        Checkout checkout = cy.payLink(outbound.createInvoiceLink(PRO));
        telegram.emulator.failNext("answerPreCheckoutQuery", 502, "Bad Gateway");

        // when
        outbound.answerPreCheckout(checkout.queryId(), Optional.empty());

        // then
        assertThat(checkout.awaitPayment(WAIT)).isPresent();
    }

    @Test
    void answering_a_checkout_does_not_wait_behind_queued_finals() throws Exception {
        // given: a checkout waiting for its answer (its invoice link made before the queue fills, as that call queues
        // like any other), then forty chats' answers queued for a bot that sends twenty a second (two seconds' worth)
        String link = outbound.createInvoiceLink(PRO);
        Checkout checkout = telegram.user(699).payLink(link);
        List<CompletableFuture<MessageId>> finals = new ArrayList<>();
        List<ChatId> chats = new ArrayList<>();
        for (long id = 600; id < 640; id++) {
            ChatId chat = telegram.privateChat(id);
            chats.add(chat);
            finals.add(CompletableFuture.supplyAsync(
                    () -> outbound.send(chat, OptionalInt.empty(), FormattedText.plain("answer"), Optional.empty()),
                    telegram.threads));
        }
        Thread.sleep(100);

        // when
        outbound.answerPreCheckout(checkout.queryId(), Optional.empty());
        long sentMeanwhile =
                chats.stream().mapToLong(chat -> telegram.sent(chat).size()).sum();
        for (CompletableFuture<MessageId> answer : finals) {
            answer.get();
        }

        // then: confirmed while most of the queue still waited, and every final still arrived
        assertThat(checkout.awaitPayment(WAIT)).isPresent();
        assertThat(sentMeanwhile).isLessThan(30);
        assertThat(chats).allSatisfy(chat -> assertThat(telegram.sent(chat)).hasSize(1));
    }

    @Test
    void a_subscription_is_sold_by_link_and_the_bot_can_stop_and_allow_its_renewals() {
        // given
        SandboxUser di = telegram.user(504);
        Payment first = subscribe(di);

        // when
        outbound.editStarSubscription(new UserId(504), first.chargeId(), true);
        Optional<Payment> whileCancelled = di.renew(first.chargeId());
        outbound.editStarSubscription(new UserId(504), first.chargeId(), false);
        Optional<Payment> afterwards = di.renew(first.chargeId());

        // then
        assertThat(first.firstRecurring()).isTrue();
        assertThat(first.payload()).isEqualTo("sub:pro");
        assertThat(whileCancelled).isEmpty();
        assertThat(afterwards)
                .hasValueSatisfying(renewal -> assertThat(renewal.recurring()).isTrue());
        assertThatThrownBy(() -> outbound.editStarSubscription(new UserId(505), first.chargeId(), true))
                .isInstanceOfSatisfying(
                        TelegramException.BadRequest.class,
                        e -> assertThat(e.description()).contains("CHARGE_NOT_FOUND"));
    }

    @Test
    void a_refund_goes_through_once_and_shows_in_the_transactions() {
        // given
        SandboxUser ed = telegram.user(506);
        Payment oneOff;
        Checkout checkout = ed.payLink(outbound.createInvoiceLink(PRO));
        outbound.answerPreCheckout(checkout.queryId(), Optional.empty());
        oneOff = checkout.awaitPayment(WAIT).orElseThrow();
        Payment subscription = subscribe(ed);
        telegram.emulator.failNext("refundStarPayment", 502, "Bad Gateway");

        // when: the first attempt fails on the way, the second goes through
        outbound.refundStarPayment(new UserId(506), oneOff.chargeId());
        List<StarTransaction> transactions = outbound.starTransactions(0, 100);
        List<StarTransaction> second = outbound.starTransactions(1, 1);

        // then
        assertThat(telegram.emulator.payments())
                .filteredOn(Payment::refunded)
                .extracting(Payment::chargeId)
                .containsExactly(oneOff.chargeId());
        assertThatThrownBy(() -> outbound.refundStarPayment(new UserId(506), oneOff.chargeId()))
                .isInstanceOfSatisfying(
                        TelegramException.BadRequest.class,
                        e -> assertThat(e.description()).contains("CHARGE_ALREADY_REFUNDED"));
        assertThat(transactions)
                .extracting(StarTransaction::id, StarTransaction::stars, StarTransaction::incoming)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(oneOff.chargeId(), 250L, true),
                        org.assertj.core.groups.Tuple.tuple(subscription.chargeId(), 100L, true),
                        org.assertj.core.groups.Tuple.tuple(oneOff.chargeId(), 250L, false));
        StarTransaction paid = transactions.get(1);
        assertThat(paid.user()).contains(new UserId(506));
        assertThat(paid.payload()).contains("sub:pro");
        assertThat(paid.subscriptionPeriodSeconds()).hasValue(Invoice.SUBSCRIPTION_PERIOD_SECONDS);
        assertThat(transactions.getFirst().subscriptionPeriodSeconds()).isEmpty();
        assertThat(second).extracting(StarTransaction::id).containsExactly(subscription.chargeId());
    }

    @Test
    void an_invoice_telegram_would_refuse_is_refused_before_sending() {
        // given
        ChatId chat = telegram.privateChat(507);

        // then
        assertThatThrownBy(() -> Invoice.oneOff("t".repeat(33), "d", "p", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("title");
        assertThatThrownBy(() -> Invoice.oneOff("t", "d".repeat(256), "p", 1)).hasMessageContaining("description");
        assertThatThrownBy(() -> Invoice.oneOff("t", "d", "é".repeat(64) + "x", 1))
                .hasMessageContaining("got 129");
        assertThatThrownBy(() -> Invoice.oneOff("t", "d", "", 1)).hasMessageContaining("payload");
        assertThatThrownBy(() -> Invoice.oneOff("t", "d", "p", 0)).hasMessageContaining("at least 1 Star");
        assertThatThrownBy(() -> new Invoice("t", "d", "p", 5, OptionalInt.of(604_800)))
                .hasMessageContaining("2592000");
        assertThatThrownBy(() -> Invoice.monthly("t", "d", "p", 10_001)).hasMessageContaining("10000");
        assertThatThrownBy(() -> outbound.sendInvoice(chat, MONTHLY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("createInvoiceLink");
        assertThatThrownBy(() -> outbound.starTransactions(0, 101)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Invoice.monthly("t", "d", "é".repeat(64), 10_000).subscription())
                .isTrue();
        assertThat(telegram.sent(chat)).isEmpty();
        assertThat(telegram.emulator.rejections()).isEmpty();
    }

    @Test
    void an_invoice_link_is_telegrams_kind_of_link() {
        // when
        String link = outbound.createInvoiceLink(PRO);

        // then
        assertThat(link).startsWith("https://t.me/$");
    }
}

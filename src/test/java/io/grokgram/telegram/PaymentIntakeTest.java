package io.grokgram.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grokgram.sandbox.BotApiEmulator;
import io.grokgram.sandbox.Checkout;
import io.grokgram.sandbox.Payment;
import io.grokgram.sandbox.SandboxUser;
import io.grokgram.store.Database;
import io.grokgram.store.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole payment on the wire: the intake asks for the payment updates, a sink answers the checkout through {@link
 * Outbound} as it arrives, and the payment, the user's cancellation and the refund come back in.
 */
class PaymentIntakeTest {
    @TempDir
    Path dir;

    private final EmulatedTelegram telegram =
            new EmulatedTelegram(OutboundLimits.TELEGRAM, ChatStatusListener.ignoring());
    private final BotApiEmulator emulator = telegram.emulator;

    @AfterEach
    void stop() {
        telegram.close();
    }

    @Test
    void a_subscription_is_confirmed_paid_cancelled_and_refunded_through_the_intake() {
        // given: the intake runs (and has told Telegram which updates it wants), confirming every checkout at once
        List<InboundUpdate> received = new CopyOnWriteArrayList<>();
        UpdateSink sink = (update, raw) -> {
            received.add(update);
            if (update instanceof InboundUpdate.PreCheckout checkout) {
                telegram.outbound.answerPreCheckout(checkout.queryId(), Optional.empty());
            }
        };
        SandboxUser fay = emulator.user(71, "Fay", Optional.empty(), "en");
        try (Database database = TestDatabases.sqlite(dir);
                Intake intake = new Intake(
                        telegram.api,
                        sink,
                        database,
                        new BotToken(EmulatedTelegram.TOKEN).botId(),
                        Duration.ofSeconds(1),
                        Clock.systemUTC())) {
            intake.start();
            fay.send("/subscribe");
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);

            // when
            String link = telegram.outbound.createInvoiceLink(
                    Invoice.monthly("Pro monthly", "Pro, renewed monthly", "sub:pro:71", 100));
            Checkout checkout = fay.payLink(link);
            Payment payment = checkout.awaitPayment(Duration.ofSeconds(10)).orElseThrow();
            fay.cancelSubscription(payment.chargeId());
            telegram.outbound.refundStarPayment(new UserId(71), payment.chargeId());
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 5);
        }

        // then
        assertThat(received.get(1)).isInstanceOfSatisfying(InboundUpdate.PreCheckout.class, checkout -> {
            assertThat(checkout.payload()).isEqualTo("sub:pro:71");
            assertThat(checkout.totalAmount()).isEqualTo(100);
        });
        assertThat(received.get(2)).isInstanceOfSatisfying(InboundUpdate.PaymentReceived.class, paid -> {
            assertThat(paid.chat()).isEqualTo(new ChatId(71));
            assertThat(paid.firstRecurring()).isTrue();
            assertThat(paid.subscriptionExpires()).isPresent();
        });
        assertThat(received.get(3))
                .isInstanceOfSatisfying(
                        InboundUpdate.SubscriptionChanged.class,
                        changed -> assertThat(changed.state()).isEqualTo("canceled"));
        assertThat(received.get(4))
                .isInstanceOfSatisfying(
                        InboundUpdate.PaymentRefunded.class,
                        refund -> assertThat(refund.chargeId())
                                .isEqualTo(((InboundUpdate.PaymentReceived) received.get(2)).chargeId()));
    }
}

package io.grokgram.app;

import io.grokgram.billing.PaymentRecord;
import io.grokgram.billing.RefundOutcome;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Payments, for the operator: {@code grokgram payments refund --charge <telegram_payment_charge_id>}. */
@Command(
        name = "payments",
        description = "Stars payments (see `payments refund`).",
        subcommands = {PaymentsCommand.Refund.class})
final class PaymentsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    /**
     * Refunds a payment in full: asks Telegram first (refundStarPayment with the payer's id and the charge id, through
     * the refunder the composition root provides), then reverses it in billing. Telegram's {@code refunded_payment}
     * update that follows finds it reversed and does nothing; a refund Telegram refused changes nothing here.
     */
    @Command(
            name = "refund",
            description = "Refund a Stars payment in full through Telegram and revoke what it bought.")
    static final class Refund implements Callable<Integer> {
        @Option(names = "--charge", required = true, description = "The payment's telegram_payment_charge_id.")
        String charge;

        private final Map<String, String> environment;
        private final Function<Config, BiConsumer<Long, String>> refunders;

        Refund(Map<String, String> environment) {
            this(environment, Grokgram::starRefunder);
        }

        /** @param refunders builds from the configuration what calls refundStarPayment(user id, charge id) */
        Refund(Map<String, String> environment, Function<Config, BiConsumer<Long, String>> refunders) {
            this.environment = environment;
            this.refunders = Objects.requireNonNull(refunders, "refunders");
        }

        @Override
        public Integer call() {
            try (OfflineBilling billing = OfflineBilling.open(environment, Clock.systemUTC())) {
                PaymentRecord payment = billing.billing()
                        .payment(charge)
                        .orElseThrow(() -> new IllegalArgumentException(
                                "no payment with charge id " + charge + " was credited here"));
                if (payment.refundedAt().isPresent()) {
                    System.out.println("payment " + charge + " was refunded at "
                            + payment.refundedAt().get());
                    return 0;
                }
                long user = payment.userId()
                        .orElseThrow(() -> new IllegalStateException("payment " + charge + " belongs to a user who"
                                + " erased their data: Telegram needs the user id to refund it; refund it from the"
                                + " payer's own request"));
                refunders.apply(billing.config()).accept(user, charge);
                RefundOutcome outcome = billing.billing().reverse(charge, payment.totalAmount());
                System.out.println(
                        switch (outcome) {
                            case RefundOutcome.Reversed reversed ->
                                "refunded " + reversed.stars() + " Stars for "
                                        + reversed.purchase().id() + " (charge " + charge + ") and revoked it";
                            case RefundOutcome.Duplicate duplicate ->
                                "refunded through Telegram; billing had already reversed " + charge;
                            case RefundOutcome.Unknown unknown -> "no payment " + charge + " to reverse";
                        });
            }
            return 0;
        }
    }
}

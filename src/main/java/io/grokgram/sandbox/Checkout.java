package io.grokgram.sandbox;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A payment a sandbox user started: the bot has received {@code pre_checkout_query} and has 10 seconds of the
 * emulator's clock to answer it. Tests and the web chat wait here for the outcome: paid (the bot said ok, the {@code
 * successful_payment} went out), declined (with the bot's error message, shown to the user), or expired (no answer in
 * time; a later answer is refused with "query is too old").
 */
public final class Checkout {
    /** How a checkout ended. */
    public sealed interface Outcome {}

    /** The bot confirmed; the payment as it was settled. */
    public record Paid(Payment payment) implements Outcome {
        public Paid {
            Objects.requireNonNull(payment, "payment");
        }
    }

    /** The bot answered ok=false; Telegram shows {@code errorMessage} to the user. */
    public record Declined(String errorMessage) implements Outcome {
        public Declined {
            Objects.requireNonNull(errorMessage, "errorMessage");
        }
    }

    /** The bot did not answer within 10 seconds of the emulator's clock: Telegram cancelled the payment. */
    public record Expired() implements Outcome {}

    /** How often a waiting checkout looks at the clock again: a test clock moves without telling anyone. */
    private static final long CLOCK_CHECK_NANOS = Duration.ofMillis(20).toNanos();

    private final BotState bot;
    private final SandboxContext context;
    private final PaymentState.Query query;

    Checkout(BotState bot, SandboxContext context, PaymentState.Query query) {
        this.bot = bot;
        this.context = context;
        this.query = query;
    }

    /** The pre_checkout_query id the bot must answer. */
    public String queryId() {
        return Long.toString(query.id);
    }

    /** The update that carried the pre_checkout_query, e.g. to {@link BotApiEmulator#redeliver} it. */
    public OptionalLong updateId() {
        bot.lock.lock();
        try {
            return query.updateId;
        } finally {
            bot.lock.unlock();
        }
    }

    /** The outcome now; empty while the bot may still answer. */
    public Optional<Outcome> outcome() {
        bot.lock.lock();
        try {
            return query.outcome(context.now());
        } finally {
            bot.lock.unlock();
        }
    }

    /**
     * Waits up to {@code timeout} of real time for the outcome.
     *
     * @throws IllegalStateException if the checkout is still open then (the emulator's clock has not passed the 10 s
     *     and the bot has not answered)
     */
    public Outcome await(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        bot.lock.lock();
        try {
            while (true) {
                Optional<Outcome> outcome = query.outcome(context.now());
                if (outcome.isPresent()) {
                    return outcome.get();
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new IllegalStateException("pre_checkout_query " + query.id + " still open after " + timeout
                            + " (emulator time " + Duration.between(query.at, context.now()) + " of 10 s)");
                }
                bot.changed.awaitNanos(Math.min(remaining, CLOCK_CHECK_NANOS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for pre_checkout_query " + query.id, e);
        } finally {
            bot.lock.unlock();
        }
    }

    /** The payment, once the bot confirmed it; empty when it declined or answered too late. */
    public Optional<Payment> awaitPayment(Duration timeout) {
        return await(timeout) instanceof Paid(Payment payment) ? Optional.of(payment) : Optional.empty();
    }
}

package io.grokgram.telegram;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.AnswerPreCheckoutQuery;
import org.telegram.telegrambots.meta.api.methods.invoices.CreateInvoiceLink;
import org.telegram.telegrambots.meta.api.methods.invoices.SendInvoice;
import org.telegram.telegrambots.meta.api.methods.payments.RefundStarPayment;
import org.telegram.telegrambots.meta.api.methods.payments.star.EditUserStarSubscription;
import org.telegram.telegrambots.meta.api.methods.payments.star.GetStarTransactions;
import org.telegram.telegrambots.meta.api.objects.payments.LabeledPrice;
import org.telegram.telegrambots.meta.api.objects.payments.star.StarTransactions;
import org.telegram.telegrambots.meta.api.objects.payments.transactionpartner.TransactionPartner;
import org.telegram.telegrambots.meta.api.objects.payments.transactionpartner.TransactionPartnerUser;

/**
 * The Telegram Stars calls behind {@link Outbound}, with the client library's method objects. All Stars: currency
 * {@code XTR}, one price, no provider token.
 *
 * <p>answerPreCheckoutQuery is urgent ({@link InlineCalls#urgent}): Telegram cancels a payment not confirmed within 10
 * seconds, so it never waits behind a chat's queue or a preview. The others are bot-wide bookkeeping: they wait for the
 * bot's limit like any call and retry passing failures, since each is safe to repeat; a refund that answers
 * CHARGE_ALREADY_REFUNDED on a repeat went through the first time. An invoice message itself goes through the chat's
 * queue in {@link Outbound}.
 */
final class PaymentCalls {
    private static final Logger log = LoggerFactory.getLogger(PaymentCalls.class);
    private static final String STARS = "XTR";

    private final BotApi api;
    private final OutboundLimits limits;
    private final FloodControl flood;
    private final InlineCalls urgent;
    private final CallCounter calls;

    PaymentCalls(BotApi api, OutboundLimits limits, FloodControl flood, InlineCalls urgent, CallCounter calls) {
        this.api = api;
        this.limits = limits;
        this.flood = flood;
        this.urgent = urgent;
        this.calls = calls;
    }

    /** One attempt at sendInvoice; {@link Outbound} gives it the chat's turn and its retries. */
    MessageId sendInvoiceOnce(ChatId chat, Invoice invoice) {
        SendInvoice method = SendInvoice.builder()
                .chatId(chat.value())
                .title(invoice.title())
                .description(invoice.description())
                .payload(invoice.payload())
                .currency(STARS)
                .price(price(invoice))
                .build();
        return new MessageId(api.execute(method).getMessageId());
    }

    String createInvoiceLink(Invoice invoice) {
        CreateInvoiceLink.CreateInvoiceLinkBuilder<?, ?> builder = CreateInvoiceLink.builder()
                .title(invoice.title())
                .description(invoice.description())
                .payload(invoice.payload())
                .currency(STARS)
                .price(price(invoice));
        invoice.subscriptionPeriodSeconds().ifPresent(builder::subscriptionPeriod);
        CreateInvoiceLink method = builder.build();
        return bookkeeping("createInvoiceLink", () -> api.execute(method));
    }

    void answerPreCheckout(String queryId, Optional<String> errorMessage) {
        AnswerPreCheckoutQuery.AnswerPreCheckoutQueryBuilder<?, ?> builder =
                AnswerPreCheckoutQuery.builder().preCheckoutQueryId(queryId).ok(errorMessage.isEmpty());
        errorMessage.ifPresent(builder::errorMessage);
        AnswerPreCheckoutQuery method = builder.build();
        urgent.urgent("answerPreCheckoutQuery", () -> api.execute(method));
    }

    void refund(UserId user, String chargeId) {
        RefundStarPayment method = RefundStarPayment.builder()
                .userId(user.value())
                .telegramPaymentChargeId(chargeId)
                .build();
        AtomicInteger attempts = new AtomicInteger();
        bookkeeping("refundStarPayment", () -> {
            boolean repeated = attempts.getAndIncrement() > 0;
            try {
                return api.execute(method);
            } catch (TelegramException.BadRequest e) {
                if (repeated && e.description().contains("CHARGE_ALREADY_REFUNDED")) {
                    log.info("refund of charge {} went through before its answer was lost", chargeId);
                    return Boolean.TRUE;
                }
                throw e;
            }
        });
    }

    void editSubscription(UserId user, String chargeId, boolean cancelled) {
        EditUserStarSubscription method = EditUserStarSubscription.builder()
                .userId(user.value())
                .telegramPaymentChargeId(chargeId)
                .isCanceled(cancelled)
                .build();
        bookkeeping("editUserStarSubscription", () -> api.execute(method));
    }

    List<StarTransaction> transactions(int offset, int limit) {
        GetStarTransactions method =
                GetStarTransactions.builder().offset(offset).limit(limit).build();
        StarTransactions page = bookkeeping("getStarTransactions", () -> api.execute(method));
        return page.getTransactions().stream().map(PaymentCalls::transaction).toList();
    }

    private static StarTransaction transaction(
            org.telegram.telegrambots.meta.api.objects.payments.star.StarTransaction transaction) {
        boolean incoming = transaction.getSource() != null;
        TransactionPartner partner = incoming ? transaction.getSource() : transaction.getReceiver();
        Optional<TransactionPartnerUser> user =
                partner instanceof TransactionPartnerUser u ? Optional.of(u) : Optional.empty();
        return new StarTransaction(
                transaction.getId(),
                transaction.getAmount(),
                Instant.ofEpochSecond(transaction.getDate()),
                incoming,
                user.map(u -> new UserId(u.getUser().getId())),
                user.map(TransactionPartnerUser::getInvoicePayload),
                user.map(TransactionPartnerUser::getSubscriptionPeriod)
                        .map(OptionalInt::of)
                        .orElseGet(OptionalInt::empty));
    }

    private static LabeledPrice price(Invoice invoice) {
        return new LabeledPrice(invoice.title(), Math.toIntExact(invoice.stars()));
    }

    /** A bot-wide call safe to repeat: waits for the bot's limit, honours a 429, retries what may pass. */
    private <T> T bookkeeping(String method, Supplier<T> call) {
        Duration backoff = Duration.ofMillis(500);
        for (int attempt = 1; ; attempt++) {
            flood.awaitBot();
            try {
                T result = call.get();
                calls.count(method, "ok");
                return result;
            } catch (TelegramException e) {
                calls.count(method, Outbound.outcome(e));
                if (!e.retriable()
                        || attempt >= limits.maxAttempts()
                        || Thread.currentThread().isInterrupted()) {
                    log.warn("{} failed, not retrying: {}", method, e.getMessage());
                    throw e;
                }
                Duration pause = e instanceof TelegramException.RateLimited limited ? limited.retryAfter() : backoff;
                log.warn("{} failed, retrying in {} ms: {}", method, pause.toMillis(), e.getMessage());
                Backoff.pause(pause);
                backoff = backoff.multipliedBy(2);
            }
        }
    }
}

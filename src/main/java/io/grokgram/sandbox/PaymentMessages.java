package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What a payment leaves behind, in Telegram's shapes (Client.cpp {@code JsonSuccessfulPaymentBot}, {@code
 * JsonRefundedPayment}, {@code JsonStarTransaction}): the charge and its transaction, the {@code successful_payment} or
 * {@code refunded_payment} service message in the user's private chat with the bot (sent by the user, as Telegram
 * shows it, and queued as a {@code message} update), and the {@code subscription} update. Call with the bot's lock
 * held.
 */
final class PaymentMessages {
    private final SandboxContext context;

    PaymentMessages(SandboxContext context) {
        this.context = context;
    }

    /** Settles a payment: a new charge id, a transaction in, and the service message the bot receives. */
    PaymentState.Charge paid(
            BotState bot,
            UserProfile user,
            Invoice invoice,
            Optional<PaymentState.Subscription> subscription,
            boolean firstRecurring) {
        Instant now = context.now();
        PaymentState.Charge charge = new PaymentState.Charge(
                bot.payments.nextChargeId(bot.id), user, invoice, now, subscription, firstRecurring);
        bot.payments.charges.put(charge.id, charge);
        bot.payments.transactions.add(new PaymentState.Transaction(charge.id, charge, true, now));
        ObjectNode fields = Json.object();
        fields.set("successful_payment", successfulPayment(charge));
        String shown = user.firstName() + " paid " + stars(invoice) + " for " + invoice.title()
                + (charge.recurring && !firstRecurring ? " (renewal)" : "");
        Posted posted = post(bot, user, fields, shown);
        charge.messageId = posted.messageId();
        charge.updateId = posted.updateId();
        return charge;
    }

    /** Takes a charge back: a transaction out under the same id, and {@code refunded_payment} in the chat. */
    void refunded(BotState bot, PaymentState.Charge charge) {
        charge.refunded = true;
        bot.payments.transactions.add(new PaymentState.Transaction(charge.id, charge, false, context.now()));
        ObjectNode refunded = Json.object();
        refunded.put("currency", charge.invoice.currency());
        refunded.put("total_amount", charge.invoice.amount());
        refunded.put("invoice_payload", charge.invoice.payload());
        refunded.put("telegram_payment_charge_id", charge.id);
        // provider_payment_charge_id is written only when not empty, and Stars have none
        ObjectNode fields = Json.object();
        fields.set("refunded_payment", refunded);
        post(bot, charge.user, fields, stars(charge.invoice) + " refunded to " + charge.user.firstName());
    }

    /** The {@code subscription} update (Bot API 10.2, BotSubscriptionUpdated): "canceled", "active" or "failed". */
    void subscriptionChanged(BotState bot, PaymentState.Subscription subscription, String state) {
        ObjectNode update = Json.object();
        update.set("user", context.wire.user(subscription.user.id()));
        update.put("invoice_payload", subscription.invoice.payload());
        update.put("state", state);
        bot.updates.add("subscription", update, context.clock.millis());
        bot.changed.signalAll();
    }

    /**
     * An update with a {@code successful_payment} message no checkout preceded, for tests of what a bot does with odd
     * payments: the fields as given, nothing charged or recorded.
     */
    ObjectNode forged(
            UserProfile user, String currency, long totalAmount, String payload, String chargeId, long messageId) {
        ObjectNode payment = Json.object();
        payment.put("currency", currency);
        payment.put("total_amount", totalAmount);
        payment.put("invoice_payload", payload);
        payment.put("telegram_payment_charge_id", chargeId);
        payment.put("provider_payment_charge_id", "");
        ObjectNode chat = Json.object();
        chat.put("id", user.id());
        chat.put("first_name", user.firstName());
        chat.put("type", "private");
        ObjectNode message = Json.object();
        message.put("message_id", messageId);
        message.set("from", context.wire.user(user.id()));
        message.set("chat", chat);
        message.put("date", context.now().getEpochSecond());
        message.set("successful_payment", payment);
        ObjectNode update = Json.object();
        update.set("message", message);
        return update;
    }

    /** A message's {@code invoice} object (Client.cpp {@code JsonInvoice}). */
    static ObjectNode invoice(Invoice invoice) {
        ObjectNode node = Json.object();
        node.put("title", invoice.title());
        node.put("description", invoice.description());
        node.put("start_parameter", "");
        node.put("currency", invoice.currency());
        node.put("total_amount", invoice.amount());
        return node;
    }

    /** A StarTransaction: a payment is a source, a refund a receiver, both with the user as TransactionPartnerUser. */
    ObjectNode transaction(PaymentState.Transaction transaction) {
        PaymentState.Charge charge = transaction.charge();
        ObjectNode partner = Json.object();
        partner.put("transaction_type", "invoice_payment");
        partner.put("type", "user");
        partner.set("user", context.wire.user(charge.user.id()));
        partner.put("invoice_payload", charge.invoice.payload());
        charge.invoice.subscriptionPeriod().ifPresent(period -> partner.put("subscription_period", period));
        ObjectNode node = Json.object();
        node.put("id", transaction.id());
        node.put("date", transaction.at().getEpochSecond());
        node.set(transaction.incoming() ? "source" : "receiver", partner);
        node.put("amount", charge.invoice.amount());
        return node;
    }

    static String stars(Invoice invoice) {
        return "⭐" + invoice.amount();
    }

    private ObjectNode successfulPayment(PaymentState.Charge charge) {
        ObjectNode node = Json.object();
        node.put("currency", charge.invoice.currency());
        node.put("total_amount", charge.invoice.amount());
        node.put("invoice_payload", charge.invoice.payload());
        node.put("telegram_payment_charge_id", charge.id);
        node.put("provider_payment_charge_id", "");
        if (charge.recurring) {
            node.put("is_recurring", true);
        }
        if (charge.firstRecurring) {
            node.put("is_first_recurring", true);
        }
        charge.expires.ifPresent(expires -> node.put("subscription_expiration_date", expires.getEpochSecond()));
        return node;
    }

    private record Posted(int messageId, OptionalLong updateId) {}

    /** A service message from the user in their private chat with the bot, and the update carrying it. */
    private Posted post(BotState bot, UserProfile user, ObjectNode fields, String shown) {
        ChatState chat = bot.chats.computeIfAbsent(user.id(), ChatState::privateChat);
        ChatMessage message = ChatMessage.service(
                chat.nextMessageId(), chat.id, user.id(), context.now(), fields, OptionalInt.empty());
        chat.messages.put(message.messageId(), message);
        context.record(
                bot, chat, BotEvent.Kind.USER_MESSAGE, message.messageId(), 0, shown, List.of(), Optional.empty());
        Optional<Long> updateId =
                bot.updates.add("message", context.wire.message(bot, chat, message), context.clock.millis());
        bot.changed.signalAll();
        return new Posted(message.messageId(), updateId.map(OptionalLong::of).orElse(OptionalLong.empty()));
    }
}

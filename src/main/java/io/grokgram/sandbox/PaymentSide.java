package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What people do with a bot's invoices: pay an invoice message or an invoice link (the bot receives {@code
 * pre_checkout_query} and the returned {@link Checkout} tells how it ended), let a subscription renew, cancel or
 * re-enable it, or have a renewal fail. Like {@link UserSide}, misuse (an invoice that is not there, a charge of
 * someone else) is a broken test and throws {@link IllegalArgumentException}, or {@link IllegalStateException} where
 * the situation is wrong (an invoice message already paid, a second subscription to the same link).
 */
final class PaymentSide {
    private final SandboxContext context;
    private final PaymentMessages messages;

    PaymentSide(SandboxContext context) {
        this.context = context;
        this.messages = new PaymentMessages(context);
    }

    Checkout payInvoice(BotState bot, UserProfile user, long chatId, int messageId) {
        bot.lock.lock();
        try {
            ChatState chat = bot.chats.get(chatId);
            String key = PaymentState.messageKey(chatId, messageId);
            Invoice invoice = bot.payments.invoiceMessages.get(key);
            if (chat == null || !chat.messages.containsKey(messageId) || invoice == null) {
                throw new IllegalArgumentException("chat " + chatId + " has no invoice message " + messageId);
            }
            if (chat.group ? !chat.members.contains(user.id()) : chat.id != user.id()) {
                throw new IllegalArgumentException(
                        "user " + user.id() + " is not in chat " + chatId + " and cannot see its invoice");
            }
            if (bot.payments.paidMessages.contains(key)) {
                throw new IllegalStateException("invoice message " + messageId + " in chat " + chatId
                        + " was paid already; Telegram shows its receipt instead of a Pay button");
            }
            return open(bot, user, invoice, Optional.empty(), Optional.of(key));
        } finally {
            bot.lock.unlock();
        }
    }

    Checkout payLink(BotState bot, UserProfile user, String link) {
        String slug = PaymentMethods.linkSlug(link)
                .orElseThrow(() -> new IllegalArgumentException("not an invoice link: " + link));
        bot.lock.lock();
        try {
            Invoice invoice = bot.payments.links.get(slug);
            if (invoice == null) {
                throw new IllegalArgumentException("bot " + bot.username + " made no invoice link " + link);
            }
            boolean subscribed = subscriptions(bot).stream()
                    .anyMatch(s -> s.linkSlug.equals(slug) && s.user.id() == user.id() && s.renewing());
            if (subscribed) {
                throw new IllegalStateException("user " + user.id() + " already subscribed with " + link);
            }
            return open(bot, user, invoice, Optional.of(slug), Optional.empty());
        } finally {
            bot.lock.unlock();
        }
    }

    /** Renews the subscription the charge belongs to, now, whatever its date; empty if it was cancelled. */
    Optional<Payment> renew(BotState bot, UserProfile user, String chargeId) {
        bot.lock.lock();
        try {
            PaymentState.Subscription subscription = subscription(bot, user, chargeId);
            return subscription.renewing() ? Optional.of(renewOnce(bot, subscription)) : Optional.empty();
        } finally {
            bot.lock.unlock();
        }
    }

    /** Renews, once each, the subscriptions whose paid period ended by the emulator's clock and nobody cancelled. */
    List<Payment> renewDue(BotState bot) {
        bot.lock.lock();
        try {
            List<Payment> renewed = new ArrayList<>();
            for (PaymentState.Subscription subscription : subscriptions(bot)) {
                if (subscription.renewing() && !subscription.expires.isAfter(context.now())) {
                    renewed.add(renewOnce(bot, subscription));
                }
            }
            return renewed;
        } finally {
            bot.lock.unlock();
        }
    }

    /** The user cancels (or, with {@code cancelled} false, re-enables) a subscription: {@code subscription} update. */
    void setCancelled(BotState bot, UserProfile user, String chargeId, boolean cancelled) {
        bot.lock.lock();
        try {
            PaymentState.Subscription subscription = subscription(bot, user, chargeId);
            if (!cancelled && subscription.cancelledByBot) {
                throw new IllegalStateException("the bot cancelled the subscription of charge " + chargeId
                        + "; the user may re-enable it only after the bot allows it (is_canceled=false)");
            }
            if (subscription.cancelledByUser != cancelled) {
                subscription.cancelledByUser = cancelled;
                messages.subscriptionChanged(bot, subscription, cancelled ? "canceled" : "active");
            }
        } finally {
            bot.lock.unlock();
        }
    }

    /** A renewal could not be charged (e.g. the user had too few Stars): no payment, a "failed" update. */
    void failRenewal(BotState bot, UserProfile user, String chargeId) {
        bot.lock.lock();
        try {
            messages.subscriptionChanged(bot, subscription(bot, user, chargeId), "failed");
        } finally {
            bot.lock.unlock();
        }
    }

    private Checkout open(
            BotState bot, UserProfile user, Invoice invoice, Optional<String> slug, Optional<String> messageKey) {
        PaymentState.Query query =
                new PaymentState.Query(bot.payments.nextQueryId(), user, invoice, context.now(), slug, messageKey);
        bot.payments.queries.put(query.id, query);
        ObjectNode update = Json.object();
        update.put("id", Long.toString(query.id));
        update.set("from", context.wire.user(user.id()));
        update.put("currency", invoice.currency());
        update.put("total_amount", invoice.amount());
        update.put("invoice_payload", invoice.payload());
        bot.updates
                .add("pre_checkout_query", update, context.clock.millis())
                .ifPresent(id -> query.updateId = OptionalLong.of(id));
        bot.changed.signalAll();
        return new Checkout(bot, context, query);
    }

    private Payment renewOnce(BotState bot, PaymentState.Subscription subscription) {
        subscription.expires = subscription.expires.plusSeconds(PaymentState.SUBSCRIPTION_PERIOD);
        return messages.paid(bot, subscription.user, subscription.invoice, Optional.of(subscription), false)
                .snapshot();
    }

    private static PaymentState.Subscription subscription(BotState bot, UserProfile user, String chargeId) {
        PaymentState.Charge charge = bot.payments.charges.get(chargeId);
        if (charge == null || charge.user.id() != user.id() || charge.subscription.isEmpty()) {
            throw new IllegalArgumentException(
                    "user " + user.id() + " has no subscription charge " + chargeId + " with bot " + bot.username);
        }
        return charge.subscription.get();
    }

    /** Every subscription of the bot, oldest first. */
    private static Set<PaymentState.Subscription> subscriptions(BotState bot) {
        Set<PaymentState.Subscription> subscriptions = new LinkedHashSet<>();
        bot.payments.charges.values().forEach(charge -> charge.subscription.ifPresent(subscriptions::add));
        return subscriptions;
    }
}

package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Optional;

/**
 * The Bot API's Telegram Stars methods: sendInvoice, createInvoiceLink, answerPreCheckoutQuery, refundStarPayment,
 * editUserStarSubscription, getStarTransactions and getMyStarBalance, checked in Telegram's order like {@link
 * MessageMethods} (the invoice itself by {@link Invoices}).
 *
 * <p>An invoice message counts against the flood limits like any message; the other methods send nothing and count
 * against none. A pre_checkout_query can be answered once, within 10 seconds of the emulator's clock; after that, or
 * for an unknown id, the answer is refused with the server's QUERY_ID_INVALID wording. ok=true settles the payment at
 * once: the bot receives {@code successful_payment}. A refund or subscription edit of a charge the bot does not have
 * from that user gets CHARGE_NOT_FOUND (the emulator's word; Telegram's is not public), a second refund Telegram's
 * CHARGE_ALREADY_REFUNDED. A bot's cancellation sends no {@code subscription} update: only the user's changes do.
 */
final class PaymentMethods {
    private static final String QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid";
    private static final String LINK_PREFIX = "https://t.me/$";

    private final SandboxContext context;
    private final PaymentMessages messages;

    PaymentMethods(SandboxContext context) {
        this.context = context;
        this.messages = new PaymentMessages(context);
    }

    /** The slug of an invoice link made by createInvoiceLink; empty for any other text. */
    static Optional<String> linkSlug(String link) {
        return link.startsWith(LINK_PREFIX) && link.length() > LINK_PREFIX.length()
                ? Optional.of(link.substring(LINK_PREFIX.length()))
                : Optional.empty();
    }

    JsonNode sendInvoice(BotState bot, Params params) {
        Invoices.Parsed parsed = Invoices.parse(params);
        ReplyMarkups.Markup markup = ReplyMarkups.parse(params.arg("reply_markup"));
        ReplyTo replyTo = ReplyTo.parse(params);
        bot.lock.lock();
        try {
            ChatState chat = context.chat(bot, params.arg("chat_id"));
            Invoice invoice = Invoices.check(parsed, false);
            Optional<JsonNode> keyboard = Invoices.checkPayButton(markup.check());
            ChatMessage stored = BotSends.store(
                    context,
                    bot,
                    chat,
                    params,
                    new MessageText.Final("", List.of()),
                    markup,
                    keyboard,
                    replyTo,
                    ChatMessage.Content.INVOICE,
                    () -> Optional.of(PaymentMessages.invoice(invoice)));
            bot.payments.invoiceMessages.put(PaymentState.messageKey(chat.id, stored.messageId()), invoice);
            // clients draw a "Pay ⭐N" button under an invoice sent without a keyboard; the web chat's feed shows it
            String shown = invoice.title() + "\n" + invoice.description() + "\n" + PaymentMessages.stars(invoice);
            context.record(
                    bot,
                    chat,
                    BotEvent.Kind.SENT,
                    stored.messageId(),
                    0,
                    shown,
                    List.of(),
                    Optional.of(keyboard.orElseGet(() -> payButton(invoice))));
            return context.wire.message(bot, chat, stored);
        } finally {
            bot.lock.unlock();
        }
    }

    JsonNode createInvoiceLink(BotState bot, Params params) {
        Invoice invoice = Invoices.check(Invoices.parse(params), true);
        bot.lock.lock();
        try {
            String slug = bot.payments.nextLinkSlug(bot.id);
            bot.payments.links.put(slug, invoice);
            return TextNode.valueOf(LINK_PREFIX + slug);
        } finally {
            bot.lock.unlock();
        }
    }

    /** Client.cpp: ok=false needs an error_message; then the query must be open and within its 10 seconds. */
    JsonNode answerPreCheckoutQuery(BotState bot, Params params) {
        long queryId = Params.toLong(params.arg("pre_checkout_query_id"));
        boolean ok = params.bool("ok");
        String errorMessage = params.arg("error_message");
        if (!ok && errorMessage.isEmpty()) {
            throw BotApiException.tdlib("Parameter \"error_message\" is required");
        }
        bot.lock.lock();
        try {
            PaymentState.Query query = bot.payments.queries.get(queryId);
            if (query == null || query.outcome(context.now()).isPresent()) {
                throw BotApiException.badRequest(QUERY_INVALID);
            }
            if (ok) {
                query.settle(new Checkout.Paid(settle(bot, query)));
            } else {
                query.settle(new Checkout.Declined(errorMessage));
            }
            bot.changed.signalAll();
            return BooleanNode.TRUE;
        } finally {
            bot.lock.unlock();
        }
    }

    JsonNode refundStarPayment(BotState bot, Params params) {
        long userId = userId(params);
        String chargeId = params.arg("telegram_payment_charge_id");
        if (chargeId.isEmpty()) {
            throw BotApiException.tdlib("Parameter \"telegram_payment_charge_id\" is required");
        }
        bot.lock.lock();
        try {
            PaymentState.Charge charge = charge(bot, userId, chargeId);
            if (charge.refunded) {
                throw BotApiException.badRequest("CHARGE_ALREADY_REFUNDED");
            }
            messages.refunded(bot, charge);
            return BooleanNode.TRUE;
        } finally {
            bot.lock.unlock();
        }
    }

    /**
     * is_canceled=true stops the renewals (the subscription stays paid until its expiration); false lifts the bot's
     * cancellation. Telegram then lets the user re-enable it; the sandbox re-enables it at once unless the user
     * cancelled it too.
     */
    JsonNode editUserStarSubscription(BotState bot, Params params) {
        long userId = userId(params);
        String chargeId = params.arg("telegram_payment_charge_id");
        boolean cancelled = params.bool("is_canceled");
        if (chargeId.isEmpty()) {
            throw BotApiException.badRequest("CHARGE_ID_EMPTY");
        }
        bot.lock.lock();
        try {
            PaymentState.Charge charge = charge(bot, userId, chargeId);
            PaymentState.Subscription subscription =
                    charge.subscription.orElseThrow(() -> BotApiException.badRequest("CHARGE_NOT_FOUND"));
            subscription.cancelledByBot = cancelled;
            return BooleanNode.TRUE;
        } finally {
            bot.lock.unlock();
        }
    }

    /** Client.cpp: offset clamped to ≥ 0, limit to 1–100 (default 100); oldest first. */
    JsonNode getStarTransactions(BotState bot, Params params) {
        int offset = params.integer("offset", 0, 0, Integer.MAX_VALUE);
        int limit = params.integer("limit", 100, 1, 100);
        bot.lock.lock();
        try {
            List<PaymentState.Transaction> all = bot.payments.transactions;
            ArrayNode transactions = Json.array();
            for (int i = offset; i < all.size() && transactions.size() < limit; i++) {
                transactions.add(messages.transaction(all.get(i)));
            }
            ObjectNode result = Json.object();
            result.set("transactions", transactions);
            return result;
        } finally {
            bot.lock.unlock();
        }
    }

    /** StarAmount; negative once refunds exceed what came in. */
    JsonNode getMyStarBalance(BotState bot) {
        bot.lock.lock();
        try {
            ObjectNode amount = Json.object();
            amount.put("amount", bot.payments.balance());
            return amount;
        } finally {
            bot.lock.unlock();
        }
    }

    /** The payment the bot just confirmed; a subscription starts with it. Lock held. */
    private Payment settle(BotState bot, PaymentState.Query query) {
        query.messageKey.ifPresent(bot.payments.paidMessages::add);
        Optional<PaymentState.Subscription> subscription = query.invoice.subscription()
                ? Optional.of(new PaymentState.Subscription(
                        query.from,
                        query.invoice,
                        query.linkSlug.orElseThrow(),
                        context.now().plusSeconds(PaymentState.SUBSCRIPTION_PERIOD)))
                : Optional.empty();
        return messages.paid(bot, query.from, query.invoice, subscription, subscription.isPresent())
                .snapshot();
    }

    private static PaymentState.Charge charge(BotState bot, long userId, String chargeId) {
        PaymentState.Charge charge = bot.payments.charges.get(chargeId);
        if (charge == null || charge.user.id() != userId) {
            throw BotApiException.badRequest("CHARGE_NOT_FOUND");
        }
        return charge;
    }

    /** Client.cpp {@code get_user_id}. */
    private static long userId(Params params) {
        long userId = Math.max(Params.toLong(params.arg("user_id")), 0);
        if (userId == 0) {
            throw BotApiException.tdlib("Invalid user_id specified");
        }
        return userId;
    }

    private static JsonNode payButton(Invoice invoice) {
        ObjectNode keyboard = Json.object();
        ObjectNode button = keyboard.putArray("inline_keyboard").addArray().addObject();
        button.put("text", "Pay " + PaymentMessages.stars(invoice));
        button.put("pay", true);
        return keyboard;
    }
}

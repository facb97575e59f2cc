package io.grokgram.sandbox;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One bot's Telegram Stars: its invoices (links and invoice messages), open pre-checkout queries, the charges it
 * received with their subscriptions, and its transaction history. Guarded by the owning {@link BotState}'s lock.
 */
final class PaymentState {
    /** Telegram cancels a payment whose pre_checkout_query was not answered within 10 seconds (Bot API docs). */
    static final Duration ANSWER_WINDOW = Duration.ofSeconds(10);

    /** The one subscription period Telegram accepts: 30 days, in seconds (Bot API, createInvoiceLink). */
    static final int SUBSCRIPTION_PERIOD = 2_592_000;

    final Map<String, Invoice> links = new HashMap<>();
    /** Invoices sent with sendInvoice, by {@link #messageKey}. */
    final Map<String, Invoice> invoiceMessages = new HashMap<>();
    /** Invoice messages already paid: Telegram's clients then show a receipt instead of the Pay button. */
    final Set<String> paidMessages = new HashSet<>();

    final Map<Long, Query> queries = new HashMap<>();
    /** Every charge by its telegram_payment_charge_id, in the order they were made. */
    final Map<String, Charge> charges = new LinkedHashMap<>();

    final List<Transaction> transactions = new ArrayList<>();
    private long lastQueryId = 3_170_410_000_000_000_000L;
    private long lastLink;
    private long lastCharge;

    /** A pre_checkout_query: open until the bot answers, or expired once {@link #ANSWER_WINDOW} passed. */
    static final class Query {
        final long id;
        final UserProfile from;
        final Invoice invoice;
        final Instant at;
        /** Where the user paid: the invoice link's slug, or the invoice message's key. */
        final Optional<String> linkSlug;

        final Optional<String> messageKey;
        OptionalLong updateId = OptionalLong.empty();
        private Checkout.Outcome outcome;

        Query(long id, UserProfile from, Invoice invoice, Instant at, Optional<String> linkSlug, Optional<String> key) {
            this.id = id;
            this.from = from;
            this.invoice = invoice;
            this.at = at;
            this.linkSlug = linkSlug;
            this.messageKey = key;
        }

        /** The outcome as of {@code now}: a query nobody answered in time has expired, and stays so. */
        Optional<Checkout.Outcome> outcome(Instant now) {
            if (outcome == null && Duration.between(at, now).compareTo(ANSWER_WINDOW) > 0) {
                outcome = new Checkout.Expired();
            }
            return Optional.ofNullable(outcome);
        }

        void settle(Checkout.Outcome result) {
            this.outcome = result;
        }
    }

    /** A subscription: renewed every 30 days unless the user or the bot cancelled it. */
    static final class Subscription {
        final UserProfile user;
        final Invoice invoice;
        final String linkSlug;
        Instant expires;
        boolean cancelledByUser;
        boolean cancelledByBot;

        Subscription(UserProfile user, Invoice invoice, String linkSlug, Instant expires) {
            this.user = user;
            this.invoice = invoice;
            this.linkSlug = linkSlug;
            this.expires = expires;
        }

        boolean renewing() {
            return !cancelledByUser && !cancelledByBot;
        }
    }

    /** One successful payment and where its service message went. */
    static final class Charge {
        final String id;
        final UserProfile user;
        final Invoice invoice;
        final Instant at;
        final Optional<Subscription> subscription;
        final boolean recurring;
        final boolean firstRecurring;
        final Optional<Instant> expires;
        int messageId;
        OptionalLong updateId = OptionalLong.empty();
        boolean refunded;

        Charge(
                String id,
                UserProfile user,
                Invoice invoice,
                Instant at,
                Optional<Subscription> subscription,
                boolean firstRecurring) {
            this.id = id;
            this.user = user;
            this.invoice = invoice;
            this.at = at;
            this.subscription = subscription;
            this.recurring = subscription.isPresent();
            this.firstRecurring = firstRecurring;
            this.expires = subscription.map(s -> s.expires);
        }

        Payment snapshot() {
            return new Payment(
                    user.id(),
                    invoice.currency(),
                    invoice.amount(),
                    invoice.payload(),
                    id,
                    expires,
                    recurring,
                    firstRecurring,
                    at,
                    messageId,
                    updateId,
                    refunded);
        }
    }

    /** A line of getStarTransactions: a payment in, or a refund out under the same id. */
    record Transaction(String id, Charge charge, boolean incoming, Instant at) {}

    static String messageKey(long chatId, int messageId) {
        return chatId + ":" + messageId;
    }

    long nextQueryId() {
        return ++lastQueryId;
    }

    /** The opaque part of an invoice link, shaped like Telegram's: 22 base64url characters. */
    String nextLinkSlug(long botId) {
        return opaque("link", botId, ++lastLink).substring(0, 22);
    }

    /**
     * A charge id shaped like Telegram's for Stars: "stx" and a long opaque tail. Unique per bot; bots must treat it
     * as opaque and keep it, as refunds and subscription edits name the charge by it.
     */
    String nextChargeId(long botId) {
        String id;
        do {
            id = "stx" + opaque("charge", botId, ++lastCharge) + opaque("tail", botId, lastCharge);
        } while (charges.containsKey(id));
        return id;
    }

    long balance() {
        long balance = 0;
        for (Transaction transaction : transactions) {
            long amount = transaction.charge().invoice.amount();
            balance += transaction.incoming() ? amount : -amount;
        }
        return balance;
    }

    private static String opaque(String kind, long botId, long n) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(kind.getBytes(StandardCharsets.US_ASCII));
            sha.update(ByteBuffer.allocate(16).putLong(botId).putLong(n).array());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

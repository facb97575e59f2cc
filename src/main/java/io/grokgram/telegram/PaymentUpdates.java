package io.grokgram.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads the payment updates for {@link UpdateParser}: {@code pre_checkout_query}, the service messages {@code
 * successful_payment} and {@code refunded_payment}, and {@code subscription}. Like it, never throws: a missing or
 * ill-typed field becomes {@link InboundUpdate.Malformed} naming the field, since a payment read wrongly is worse than
 * one set aside for an operator.
 */
final class PaymentUpdates {
    private PaymentUpdates() {}

    /** Whether a message is a payment's service message rather than something a person wrote. */
    static boolean isPayment(JsonNode message) {
        return message.has("successful_payment") || message.has("refunded_payment");
    }

    static InboundUpdate preCheckout(long updateId, JsonNode query) {
        Optional<String> id = InlineUpdates.id(query, "id");
        if (id.isEmpty()) {
            return malformed(updateId, "pre_checkout_query.id missing");
        }
        Optional<InboundUpdate.Sender> from = UpdateParser.sender(query.path("from"));
        if (from.isEmpty()) {
            return malformed(updateId, "pre_checkout_query.from.id missing");
        }
        Optional<String> problem = problem("pre_checkout_query", query);
        if (problem.isPresent()) {
            return malformed(updateId, problem.get());
        }
        return new InboundUpdate.PreCheckout(
                updateId,
                id.get(),
                from.get(),
                query.get("currency").asText(),
                query.get("total_amount").asLong(),
                query.get("invoice_payload").asText());
    }

    /** A message with successful_payment or refunded_payment ({@link #isPayment}). */
    static InboundUpdate payment(long updateId, JsonNode message) {
        String kind = message.has("successful_payment") ? "successful_payment" : "refunded_payment";
        JsonNode chat = message.path("chat").path("id");
        if (!chat.canConvertToLong() || chat.asLong() == 0) {
            return malformed(updateId, kind + " message.chat.id missing");
        }
        Optional<InboundUpdate.Sender> from = UpdateParser.sender(message.path("from"));
        if (from.isEmpty()) {
            return malformed(updateId, kind + " message.from.id missing");
        }
        JsonNode payment = message.get(kind);
        Optional<String> problem = problem(kind, payment);
        if (problem.isPresent()) {
            return malformed(updateId, problem.get());
        }
        String chargeId = payment.path("telegram_payment_charge_id").asText("");
        if (!payment.path("telegram_payment_charge_id").isTextual() || chargeId.isEmpty()) {
            return malformed(updateId, kind + ".telegram_payment_charge_id missing");
        }
        ChatId chatId = new ChatId(chat.asLong());
        String currency = payment.get("currency").asText();
        long amount = payment.get("total_amount").asLong();
        String payload = payment.get("invoice_payload").asText();
        if (kind.equals("refunded_payment")) {
            return new InboundUpdate.PaymentRefunded(updateId, from.get(), chatId, currency, amount, payload, chargeId);
        }
        JsonNode expires = payment.path("subscription_expiration_date");
        if (!expires.isMissingNode() && !(expires.isIntegralNumber() && expires.asLong() > 0)) {
            return malformed(updateId, "successful_payment.subscription_expiration_date not a Unix time");
        }
        return new InboundUpdate.PaymentReceived(
                updateId,
                from.get(),
                chatId,
                currency,
                amount,
                payload,
                chargeId,
                expires.isMissingNode() ? Optional.empty() : Optional.of(Instant.ofEpochSecond(expires.asLong())),
                payment.path("is_recurring").asBoolean(false),
                payment.path("is_first_recurring").asBoolean(false));
    }

    static InboundUpdate subscription(long updateId, JsonNode subscription) {
        Optional<InboundUpdate.Sender> user = UpdateParser.sender(subscription.path("user"));
        if (user.isEmpty()) {
            return malformed(updateId, "subscription.user.id missing");
        }
        if (!subscription.path("invoice_payload").isTextual()) {
            return malformed(updateId, "subscription.invoice_payload missing");
        }
        String state = subscription.path("state").asText("");
        if (!subscription.path("state").isTextual() || state.isEmpty()) {
            return malformed(updateId, "subscription.state missing");
        }
        return new InboundUpdate.SubscriptionChanged(
                updateId, user.get(), subscription.get("invoice_payload").asText(), state);
    }

    /** What is wrong with the fields every payment object has: currency, a positive total_amount, invoice_payload. */
    private static Optional<String> problem(String kind, JsonNode payment) {
        JsonNode currency = payment.path("currency");
        JsonNode amount = payment.path("total_amount");
        if (!currency.isTextual() || currency.asText().isEmpty()) {
            return Optional.of(kind + ".currency missing");
        }
        if (!amount.isIntegralNumber() || amount.asLong() <= 0) {
            return Optional.of(kind + ".total_amount not a positive integer: " + amount);
        }
        if (!payment.path("invoice_payload").isTextual()) {
            return Optional.of(kind + ".invoice_payload missing");
        }
        return Optional.empty();
    }

    private static InboundUpdate malformed(long updateId, String reason) {
        return new InboundUpdate.Malformed(updateId, reason);
    }
}

package io.grokgram.sandbox;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * An invoice as the emulator accepted it from sendInvoice or createInvoiceLink: Telegram Stars only, one price. {@code
 * subscriptionPeriod} is present only for a subscription link (always 30 days, the one period Telegram allows).
 */
record Invoice(
        String title,
        String description,
        String payload,
        String currency,
        String label,
        long amount,
        OptionalInt subscriptionPeriod) {
    Invoice {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(subscriptionPeriod, "subscriptionPeriod");
        if (amount <= 0) {
            throw new IllegalArgumentException("an invoice amount is positive, got " + amount);
        }
    }

    boolean subscription() {
        return subscriptionPeriod.isPresent();
    }
}

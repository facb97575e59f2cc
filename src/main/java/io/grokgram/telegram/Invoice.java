package io.grokgram.telegram;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * An invoice in Telegram Stars, checked as Telegram checks it before anything is sent: a title of 1–32 characters, a
 * description of 1–255, a payload of 1–128 bytes (never shown to the user: the plan or order it pays for), a positive
 * price in whole Stars. A subscription renews every {@link #SUBSCRIPTION_PERIOD_SECONDS} (the one period Telegram
 * accepts), costs at most {@link #MAX_SUBSCRIPTION_STARS} a period, and can only be sold by link ({@link
 * Outbound#createInvoiceLink}).
 */
public record Invoice(
        String title, String description, String payload, long stars, OptionalInt subscriptionPeriodSeconds) {
    /** 30 days: the only subscription_period createInvoiceLink takes (Bot API 8.0). */
    public static final int SUBSCRIPTION_PERIOD_SECONDS = 2_592_000;

    /** Telegram's cap on a subscription's price per period (Bot API 9.0). */
    public static final long MAX_SUBSCRIPTION_STARS = 10_000;

    private static final int MAX_TITLE = 32;
    private static final int MAX_DESCRIPTION = 255;
    private static final int MAX_PAYLOAD_BYTES = 128;

    public Invoice {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(subscriptionPeriodSeconds, "subscriptionPeriodSeconds");
        if (title.isEmpty() || title.length() > MAX_TITLE) {
            throw new IllegalArgumentException(
                    "an invoice title has 1-" + MAX_TITLE + " characters, got " + title.length() + ": '" + title + "'");
        }
        if (description.isEmpty() || description.length() > MAX_DESCRIPTION) {
            throw new IllegalArgumentException(
                    "an invoice description has 1-" + MAX_DESCRIPTION + " characters, got " + description.length());
        }
        int payloadBytes = payload.getBytes(StandardCharsets.UTF_8).length;
        if (payloadBytes == 0 || payloadBytes > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("an invoice payload has 1-" + MAX_PAYLOAD_BYTES + " bytes, got "
                    + payloadBytes + ": '" + payload + "'");
        }
        if (stars <= 0) {
            throw new IllegalArgumentException("an invoice costs at least 1 Star, got " + stars);
        }
        if (subscriptionPeriodSeconds.isPresent()) {
            if (subscriptionPeriodSeconds.getAsInt() != SUBSCRIPTION_PERIOD_SECONDS) {
                throw new IllegalArgumentException("a subscription period is " + SUBSCRIPTION_PERIOD_SECONDS
                        + " seconds (30 days), got " + subscriptionPeriodSeconds.getAsInt());
            }
            if (stars > MAX_SUBSCRIPTION_STARS) {
                throw new IllegalArgumentException(
                        "a subscription costs at most " + MAX_SUBSCRIPTION_STARS + " Stars a period, got " + stars);
            }
        }
    }

    /** A single payment. */
    public static Invoice oneOff(String title, String description, String payload, long stars) {
        return new Invoice(title, description, payload, stars, OptionalInt.empty());
    }

    /** A subscription renewed every 30 days. */
    public static Invoice monthly(String title, String description, String payload, long stars) {
        return new Invoice(title, description, payload, stars, OptionalInt.of(SUBSCRIPTION_PERIOD_SECONDS));
    }

    public boolean subscription() {
        return subscriptionPeriodSeconds.isPresent();
    }
}

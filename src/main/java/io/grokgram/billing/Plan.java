package io.grokgram.billing;

import java.util.Objects;

/**
 * A plan from configuration: which model answers, how many turns a UTC day, how much context and output a turn may use,
 * and what it costs every 30 days ({@code 0} for the free plan).
 */
public record Plan(
        String id,
        String title,
        String model,
        int turnsPerDay,
        int contextTokens,
        int maxOutputTokens,
        long starsPer30Days)
        implements Purchase {

    /** Telegram's cap on a subscription's price (Bot API 9.0, createInvoiceLink with subscription_period). */
    public static final long MAX_SUBSCRIPTION_STARS = 10_000;

    public Plan {
        Ids.check(id, "plan id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(model, "model");
        if (title.isBlank() || model.isBlank()) {
            throw new IllegalArgumentException("plan " + id + " needs a title and a model");
        }
        if (turnsPerDay < 0 || contextTokens <= 0 || maxOutputTokens <= 0) {
            throw new IllegalArgumentException("plan " + id + ": turns per day must not be negative, context and"
                    + " output tokens must be positive (got " + turnsPerDay + ", " + contextTokens + ", "
                    + maxOutputTokens + ")");
        }
        if (starsPer30Days < 0 || starsPer30Days > MAX_SUBSCRIPTION_STARS) {
            throw new IllegalArgumentException("plan " + id + ": the price must be 0 to " + MAX_SUBSCRIPTION_STARS
                    + " Stars per 30 days, got " + starsPer30Days);
        }
    }

    public boolean free() {
        return starsPer30Days == 0;
    }

    @Override
    public long stars() {
        return starsPer30Days;
    }
}

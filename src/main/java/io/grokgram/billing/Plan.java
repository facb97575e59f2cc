package io.grokgram.billing;

import java.util.Objects;

/**
 * A plan from configuration: which model answers, how many turns a UTC day, how much context and output a turn may use,
 * and what it costs every 30 days ({@code 0} for the free plan), which tools the assistant may use for it and how many
 * tool calls one turn may make.
 *
 * @param tools the tool names enabled for the plan ({@code web_search}, {@code read_url}, {@code knowledge_search})
 */
public record Plan(
        String id,
        String title,
        String model,
        int turnsPerDay,
        int contextTokens,
        int maxOutputTokens,
        long starsPer30Days,
        java.util.Set<String> tools,
        int maxToolCalls)
        implements Purchase {

    /** Telegram's cap on a subscription's price (Bot API 9.0, createInvoiceLink with subscription_period). */
    public static final long MAX_SUBSCRIPTION_STARS = 10_000;

    public Plan {
        Ids.check(id, "plan id");
        tools = java.util.Set.copyOf(tools);
        if (maxToolCalls < 0 || maxToolCalls > 100) {
            throw new IllegalArgumentException(
                    "plan " + id + ": tool calls per turn must be 0 to 100, got " + maxToolCalls);
        }
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

package io.grokgram.telegram;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One line of the bot's Stars account (getStarTransactions), for reconciliation with the ledger. {@code id} is the
 * charge id of the payment, and a refund carries the same id with {@code incoming} false. {@code user}, {@code payload}
 * and {@code subscriptionPeriodSeconds} are known for payments by users (and their refunds) only.
 */
public record StarTransaction(
        String id,
        long stars,
        Instant date,
        boolean incoming,
        Optional<UserId> user,
        Optional<String> payload,
        OptionalInt subscriptionPeriodSeconds) {
    public StarTransaction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(subscriptionPeriodSeconds, "subscriptionPeriodSeconds");
    }
}

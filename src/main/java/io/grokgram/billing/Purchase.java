package io.grokgram.billing;

/** What a user can pay for: the Premium plan (a subscription) or a pack of extra turns. */
public sealed interface Purchase permits Plan, TurnPack {
    /** The configured id ({@code premium}, {@code pack100}); it travels in invoice payloads and ledger rows. */
    String id();

    /** The price in Stars: per 30 days for a plan, once for a pack. */
    long stars();
}

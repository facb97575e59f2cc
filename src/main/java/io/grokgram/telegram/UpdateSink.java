package io.grokgram.telegram;

/**
 * Where intake hands each update. {@link #accept} must return only once the update is durably stored or deliberately
 * dropped: intake confirms it to Telegram (advances the offset) right after.
 */
@FunctionalInterface
public interface UpdateSink {
    void accept(InboundUpdate update, String rawJson);
}

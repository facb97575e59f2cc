package io.grokgram.telegram;

/**
 * Told when Telegram refuses a chat for good: the user blocked the bot, or the bot was removed from the group (403).
 * {@link Outbound} calls it once per chat when the first 403 arrives, then fails every later call to that chat fast,
 * without a network call, until {@link Outbound#reactivate} (the user wrote again). Implementations record the chat as
 * inactive (so it survives a restart; see {@link Outbound#deactivate}) and must not call back into {@link Outbound}
 * for that chat. Called on the sending thread: keep it short, and do not throw.
 */
@FunctionalInterface
public interface ChatStatusListener {

    /** Telegram answered 403 for {@code chat}; {@code description} is its reason ("Forbidden: bot was blocked…"). */
    void forbidden(ChatId chat, String description);

    /** A listener that records nothing: the chat stays inactive in memory only, until the process ends. */
    static ChatStatusListener ignoring() {
        return (chat, description) -> {};
    }
}

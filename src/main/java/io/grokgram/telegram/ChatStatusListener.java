package io.grokgram.telegram;

/**
 * Told when Telegram refuses a chat for good: the user blocked the bot, or the bot was removed from the group (403);
 * and when a group moved to a new id ({@link #migrated}).
 * {@link Outbound} calls it once per chat when the first 403 arrives, then fails every later call to that chat fast,
 * without a network call, until {@link Outbound#reactivate} (the user wrote again). Implementations record the chat as
 * inactive (so it survives a restart; see {@link Outbound#deactivate}) and must not call back into {@link Outbound}
 * for that chat. Called on the sending thread: keep it short, and do not throw.
 */
@FunctionalInterface
public interface ChatStatusListener {

    /** Telegram answered 403 for {@code chat}; {@code description} is its reason ("Forbidden: bot was blocked…"). */
    void forbidden(ChatId chat, String description);

    /**
     * A group became a supergroup ({@code to}): {@link Outbound} learnt it from a 400 carrying {@code
     * migrate_to_chat_id}, sends there from now on, and calls this once per group so the records can move too. By
     * default nothing is recorded.
     */
    default void migrated(ChatId from, ChatId to) {}

    /** A listener that records nothing: the chat stays inactive in memory only, until the process ends. */
    static ChatStatusListener ignoring() {
        return (chat, description) -> {};
    }
}

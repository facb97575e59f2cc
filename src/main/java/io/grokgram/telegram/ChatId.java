package io.grokgram.telegram;

/** A Telegram chat id. Private chats share the user's id; groups are negative; both can exceed 32 bits. */
public record ChatId(long value) {
    public ChatId {
        if (value == 0) {
            throw new IllegalArgumentException("chat id must not be 0");
        }
    }

    public boolean isPrivate() {
        return value > 0;
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}

package io.grokgram.telegram;

/** A Telegram user id (up to 52 significant bits). Never leaves Grokgram: the privacy gate swaps it for a pseudonym. */
public record UserId(long value) {
    public UserId {
        if (value <= 0) {
            throw new IllegalArgumentException("user id must be positive, got " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}

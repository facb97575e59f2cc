package io.grokgram.telegram;

/** The id of a message inside its chat. */
public record MessageId(int value) {
    public MessageId {
        if (value <= 0) {
            throw new IllegalArgumentException("message id must be positive, got " + value);
        }
    }
}

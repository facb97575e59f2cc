package io.grokgram.privacy;

/**
 * The person data belongs to: a Telegram user, by id. Its own type because the privacy room must not depend on {@code
 * telegram}; it never leaves Grokgram (providers and audit records see the user's pseudonym instead).
 */
public record DataSubject(long telegramUserId) {
    public DataSubject {
        if (telegramUserId <= 0) {
            throw new IllegalArgumentException("a Telegram user id must be positive, got " + telegramUserId);
        }
    }
}

package io.grokgram.telegram;

import java.util.regex.Pattern;

/**
 * The {@code secret_token} of a webhook: Telegram sends it back in {@code X-Telegram-Bot-Api-Secret-Token} on every
 * delivery, which is how the endpoint tells Telegram from anyone else who found the URL. Its {@code toString} is a
 * mask.
 */
public record WebhookSecret(String value) {
    /** Telegram's rule for {@code secret_token}: 1–256 characters, only {@code A-Z a-z 0-9 _ -}. */
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    public WebhookSecret {
        if (!looksValid(value)) {
            throw new IllegalArgumentException("a webhook secret is 1 to 256 characters of A-Z, a-z, 0-9, _ and -");
        }
    }

    public static boolean looksValid(String candidate) {
        return candidate != null && FORMAT.matcher(candidate).matches();
    }

    @Override
    public String toString() {
        return "*****";
    }
}

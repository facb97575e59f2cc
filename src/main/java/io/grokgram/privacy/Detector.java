package io.grokgram.privacy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The built-in kinds of personal data the {@link Redactor} can find; each is off for the gate until the operator turns
 * it on, and all are on for the training dataset. Each has two markers: the gate's wording for a provider that reads
 * the sentence ({@code [card number removed]}), and a typed placeholder for training data ({@code [CARD]}).
 */
public enum Detector {
    /** Links to Telegram profiles and chats: {@code t.me/name}, {@code telegram.me/…}, {@code tg://user?id=…}. */
    PROFILE_LINK("profile_link", "[profile link removed]", "[PROFILE_LINK]"),
    /** E-mail addresses. */
    EMAIL("email", "[e-mail address removed]", "[EMAIL]"),
    /** IBANs (2 letters, 2 check digits, up to 30 more), whole or in groups of four, that pass the mod-97 check. */
    IBAN("iban", "[IBAN removed]", "[IBAN]"),
    /** 13 to 19 digits, spaces or dashes between them allowed, that pass the Luhn check (payment card numbers). */
    CARD("card", "[card number removed]", "[CARD]"),
    /** International (+ or 00) or national phone numbers of 8 to 15 digits, with the usual separators. */
    PHONE("phone", "[phone number removed]", "[PHONE]"),
    /** Street addresses a pattern can find: {@code 221B Baker Street}, {@code Hauptstraße 5}. */
    ADDRESS("address", "[address removed]", "[ADDRESS]"),
    /** Telegram-style {@code @usernames} (5 to 32 letters, digits and _). */
    USERNAME("username", "[username removed]", "[USERNAME]");

    private final String key;
    private final String replacement;
    private final String placeholder;

    Detector(String key, String replacement, String placeholder) {
        this.key = key;
        this.replacement = replacement;
        this.placeholder = placeholder;
    }

    /** The name in configuration and in redaction counts, e.g. {@code card}. */
    public String key() {
        return key;
    }

    String replacement() {
        return replacement;
    }

    /** The typed placeholder training data carries instead, e.g. {@code [CARD]}. */
    public String placeholder() {
        return placeholder;
    }

    /** The detector a configuration word names, in any case. */
    public static Optional<Detector> byKey(String key) {
        String wanted = key.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(d -> d.key.equals(wanted)).findFirst();
    }
}

package io.grokgram.privacy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The built-in kinds of personal data the {@link Redactor} can find; each is off until the operator turns it on. */
public enum Detector {
    /** 13 to 19 digits, spaces or dashes between them allowed, that pass the Luhn check (payment card numbers). */
    CARD("card", "[card number removed]"),
    /** International (+ or 00) or national phone numbers of 8 to 15 digits, with the usual separators. */
    PHONE("phone", "[phone number removed]"),
    /** E-mail addresses. */
    EMAIL("email", "[e-mail address removed]");

    private final String key;
    private final String replacement;

    Detector(String key, String replacement) {
        this.key = key;
        this.replacement = replacement;
    }

    /** The name in configuration and in redaction counts, e.g. {@code card}. */
    public String key() {
        return key;
    }

    String replacement() {
        return replacement;
    }

    /** The detector a configuration word names, in any case. */
    public static Optional<Detector> byKey(String key) {
        String wanted = key.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(d -> d.key.equals(wanted)).findFirst();
    }
}

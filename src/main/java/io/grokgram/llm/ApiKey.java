package io.grokgram.llm;

/**
 * A provider API key. {@link #toString()} prints a mask, so a key inside a record, a log line or an exception message
 * shows as {@code ****}; only the HTTP layer reads {@link #value()}.
 */
public record ApiKey(String value) {
    private static final String MASK = "****";

    public ApiKey {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an API key must not be blank");
        }
        // It travels in an HTTP header: a stray newline from a config file would break (or smuggle) the request.
        if (!value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("an API key must be printable ASCII without spaces (value not shown)");
        }
    }

    /** {@code text} with every occurrence of this key replaced by the mask, for messages built from responses. */
    public String redact(String text) {
        return text.replace(value, MASK);
    }

    @Override
    public String toString() {
        return "ApiKey[" + MASK + "]";
    }
}

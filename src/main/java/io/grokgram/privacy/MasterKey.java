package io.grokgram.privacy;

import java.util.Arrays;
import java.util.Base64;

/**
 * The operator's master key: 32 random bytes that wrap every user's content key. Kept out of the database on purpose,
 * so a copy of the database alone opens nothing. {@link #toString()} is a mask.
 */
public final class MasterKey {
    static final int LENGTH = 32;

    private final byte[] bytes;

    private MasterKey(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    /**
     * The key from its base64 form (standard or URL-safe alphabet, e.g. {@code openssl rand -base64 32}).
     *
     * @throws IllegalArgumentException when it is not base64 of exactly 32 bytes (the message never shows the value)
     */
    public static MasterKey fromBase64(String encoded) {
        byte[] decoded;
        try {
            String value = encoded.strip();
            decoded = value.contains("-") || value.contains("_")
                    ? Base64.getUrlDecoder().decode(value)
                    : Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a master key must be base64 (value not shown)");
        }
        if (decoded.length != LENGTH) {
            throw new IllegalArgumentException(
                    "a master key must be base64 of " + LENGTH + " bytes, got " + decoded.length + " bytes");
        }
        return new MasterKey(decoded);
    }

    byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MasterKey key && Arrays.equals(bytes, key.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "MasterKey[****]";
    }
}

package io.grokgram.billing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Invoice payloads: {@code g1:<s|p>:<item>:<stars>:<user>:<mac>}, where the MAC is the first 16 bytes of
 * HMAC-SHA256 over everything before it (base64url). Telegram hands the payload back unchanged in the pre-checkout
 * query, the successful payment and every renewal, so a payload whose MAC does not match was not made here (or was
 * made under another key: changing the key makes running subscriptions' renewals unrecognisable).
 *
 * <p>Telegram allows 1 to 128 bytes; with ids of at most 32 characters a payload stays under 100.
 */
final class Payloads {
    /** Telegram's limit on {@code payload} (sendInvoice, createInvoiceLink). */
    static final int MAX_BYTES = 128;

    private static final String VERSION = "g1";
    private static final int MAC_BYTES = 16;
    private static final Pattern SHAPE = Pattern.compile(
            "g1:([sp]):([a-z0-9][a-z0-9_-]{0,31}):([1-9][0-9]{0,9}):([1-9][0-9]{0,18}):([A-Za-z0-9_-]{22})");

    enum Kind {
        SUBSCRIPTION("s"),
        PACK("p");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        /** The word stored in {@code payments.kind}. */
        String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Kind fromWord(String word) {
            return valueOf(word.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** A payload whose MAC matched. */
    record Parsed(Kind kind, String itemId, long stars, long userId) {
        /** The payload without its user and MAC: what the payments table keeps. */
        String stripped() {
            return VERSION + ":" + kind.code + ":" + itemId + ":" + stars;
        }
    }

    /** The outcome of reading a payload. */
    sealed interface Reading {}

    record Valid(Parsed payload) implements Reading {}

    record Invalid(String why) implements Reading {}

    private final SecretKeySpec key;

    Payloads(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < BillingSettings.MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("a payload key needs at least 16 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    String issue(Kind kind, String itemId, long stars, long userId) {
        Ids.check(itemId, "item id");
        if (stars <= 0 || userId <= 0) {
            throw new IllegalArgumentException(
                    "a payload needs a positive price and user id, got " + stars + " Stars" + " for user " + userId);
        }
        String body = VERSION + ":" + kind.code + ":" + itemId + ":" + stars + ":" + userId;
        String payload = body + ":" + mac(body);
        if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalStateException("invoice payload longer than " + MAX_BYTES + " bytes: " + payload);
        }
        return payload;
    }

    Reading read(String payload) {
        Matcher matcher = SHAPE.matcher(payload);
        if (!matcher.matches()) {
            return new Invalid("the payload is not one of our invoices");
        }
        String body = payload.substring(0, payload.lastIndexOf(':'));
        byte[] expected = mac(body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = matcher.group(5).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            return new Invalid("the payload's signature does not match (tampered, or signed under another key)");
        }
        try {
            return new Valid(new Parsed(
                    matcher.group(1).equals("s") ? Kind.SUBSCRIPTION : Kind.PACK,
                    matcher.group(2),
                    Long.parseLong(matcher.group(3)),
                    Long.parseLong(matcher.group(4))));
        } catch (NumberFormatException e) {
            return new Invalid("the payload's numbers are out of range");
        }
    }

    private String mac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] full = mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, MAC_BYTES));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

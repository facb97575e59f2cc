package io.grokgram.console;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the two signatures Telegram puts on data a browser hands us, both over a data-check-string (every field but
 * {@code hash}, as {@code key=value} lines sorted by key, joined by LF):
 *
 * <ul>
 *   <li>the Login Widget: {@code hash = hex(HMAC-SHA256(key = SHA-256(bot token), data-check-string))};
 *   <li>a Mini App's {@code initData}: {@code hash = hex(HMAC-SHA256(key = HMAC-SHA256(key = "WebAppData", bot token),
 *       data-check-string))}.
 * </ul>
 *
 * Both also carry {@code auth_date} (Unix seconds): data older than the allowed age is refused, since a signature alone
 * never expires. Hashes are compared in constant time. The token never leaves this object.
 */
public final class TelegramSignatures {
    private final byte[] loginKey;
    private final byte[] webAppKey;

    public TelegramSignatures(String botToken) {
        Objects.requireNonNull(botToken, "botToken");
        byte[] token = botToken.getBytes(StandardCharsets.UTF_8);
        try {
            this.loginKey = MessageDigest.getInstance("SHA-256").digest(token);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        this.webAppKey = hmac("WebAppData".getBytes(StandardCharsets.UTF_8), token);
    }

    /** The Login Widget's fields (id, first_name, username, photo_url, auth_date, hash): the user's id when genuine. */
    public Optional<Long> loginWidget(Map<String, String> fields, Duration maxAge, Instant now) {
        return verified(fields, loginKey, maxAge, now).flatMap(ok -> number(fields.get("id")));
    }

    /** A Mini App's raw {@code initData} query string: the user (id, first name) when genuine and fresh. */
    public Optional<WebAppUser> initData(String initData, Duration maxAge, Instant now) {
        if (initData == null || initData.isBlank()) {
            return Optional.empty();
        }
        Map<String, String> fields = new TreeMap<>();
        for (String pair : initData.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                return Optional.empty();
            }
            String key = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (fields.put(key, value) != null) {
                return Optional.empty(); // a repeated key could mean two different things: refuse
            }
        }
        return verified(fields, webAppKey, maxAge, now).flatMap(ok -> WebAppUser.fromJson(fields.get("user")));
    }

    /** The hash for {@code fields} under the Mini App's key: what Telegram (and the sandbox) sign initData with. */
    public String signInitData(Map<String, String> fields) {
        return HexFormat.of().formatHex(hmac(webAppKey, checkString(fields)));
    }

    /** The hash for {@code fields} under the Login Widget's key. */
    public String signLoginWidget(Map<String, String> fields) {
        return HexFormat.of().formatHex(hmac(loginKey, checkString(fields)));
    }

    private static Optional<Boolean> verified(Map<String, String> fields, byte[] key, Duration maxAge, Instant now) {
        String hash = fields.get("hash");
        Optional<Long> authDate = number(fields.get("auth_date"));
        if (hash == null || authDate.isEmpty()) {
            return Optional.empty();
        }
        byte[] expected =
                HexFormat.of().formatHex(hmac(key, checkString(fields))).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(
                expected, hash.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        Instant signed = Instant.ofEpochSecond(authDate.get());
        // a little clock skew forward is tolerated; anything older than the allowed age is stale
        if (signed.isAfter(now.plusSeconds(60)) || signed.plus(maxAge).isBefore(now)) {
            return Optional.empty();
        }
        return Optional.of(true);
    }

    private static byte[] checkString(Map<String, String> fields) {
        return new TreeMap<>(fields)
                .entrySet().stream()
                        .filter(e -> !e.getKey().equals("hash"))
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("\n"))
                        .getBytes(StandardCharsets.UTF_8);
    }

    private static Optional<Long> number(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

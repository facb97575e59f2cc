package io.grokgram.sandbox;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A Bot API error reply: {@code error_code} doubles as the HTTP status, the description is Telegram's wording. Thrown
 * anywhere inside a method and turned into {@code {"ok":false,…}} at the HTTP edge.
 */
final class BotApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int errorCode;
    private final String description;
    private final OptionalInt retryAfter;
    private final OptionalLong migrateToChatId;

    private BotApiException(int errorCode, String description, OptionalInt retryAfter, OptionalLong migrateToChatId) {
        super(errorCode + " " + description, null, false, false);
        this.errorCode = errorCode;
        this.description = description;
        this.retryAfter = retryAfter;
        this.migrateToChatId = migrateToChatId;
    }

    private BotApiException(int errorCode, String description, OptionalInt retryAfter) {
        this(errorCode, description, retryAfter, OptionalLong.empty());
    }

    static BotApiException of(int errorCode, String description) {
        return new BotApiException(errorCode, description, retryAfterIn(errorCode, description));
    }

    /** {@code "Bad Request: " + detail}, the detail already in Bot API wording. */
    static BotApiException badRequest(String detail) {
        return of(400, "Bad Request: " + detail);
    }

    /**
     * A TDLib error message as the Bot API server words it: it lower-cases the first letter unless the message is a
     * server constant such as {@code BOT_COMMAND_INVALID} (Client.cpp, {@code fail_query_with_error}).
     */
    static BotApiException tdlib(String message) {
        return badRequest(tdlibWording(message));
    }

    static String tdlibWording(String message) {
        if (message.length() >= 2 && (message.charAt(1) == '_' || Character.isUpperCase(message.charAt(1)))) {
            return message;
        }
        return Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }

    /** Parse-mode errors: TDLib prefixes them with "Can't parse entities: ". */
    static BotApiException entities(String message) {
        return badRequest("can't parse entities: " + message);
    }

    static BotApiException tooManyRequests(int seconds) {
        return new BotApiException(429, "Too Many Requests: retry after " + seconds, OptionalInt.of(seconds));
    }

    /** A call to a basic group that became a supergroup: Telegram names the new chat in parameters. */
    static BotApiException migrated(long supergroupId) {
        return new BotApiException(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                OptionalInt.empty(),
                OptionalLong.of(supergroupId));
    }

    static BotApiException notFound() {
        return of(404, "Not Found");
    }

    int errorCode() {
        return errorCode;
    }

    String description() {
        return description;
    }

    OptionalInt retryAfter() {
        return retryAfter;
    }

    OptionalLong migrateToChatId() {
        return migrateToChatId;
    }

    /** Telegram derives retry_after from the description (Client.cpp, {@code get_retry_after_time}). */
    private static OptionalInt retryAfterIn(int errorCode, String description) {
        String prefix = "Too Many Requests: retry after ";
        if (errorCode != 429 || !description.startsWith(prefix)) {
            return OptionalInt.empty();
        }
        try {
            int seconds =
                    Integer.parseInt(description.substring(prefix.length()).trim());
            return seconds > 0 ? OptionalInt.of(seconds) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}

package io.grokgram.telegram;

import java.time.Duration;

/**
 * A Bot API call that failed, decided once at this edge from Telegram's {@code error_code}. Descriptions are not a
 * stable contract, so callers branch on the subclass, never on the text. Messages never contain the bot token.
 */
public abstract sealed class TelegramException extends RuntimeException {
    private final String method;

    TelegramException(String method, String message, Throwable cause) {
        super(method + ": " + message, cause);
        this.method = method;
    }

    public String method() {
        return method;
    }

    /** Whether sending the same call again later may succeed. */
    public abstract boolean retriable();

    /** 429: wait {@code retryAfter}, then the same call may succeed. */
    public static final class RateLimited extends TelegramException {
        private final Duration retryAfter;

        public RateLimited(String method, Duration retryAfter, String description) {
            super(method, description + " (retry after " + retryAfter.toSeconds() + " s)", null);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }

        @Override
        public boolean retriable() {
            return true;
        }
    }

    /** 403: the user blocked the bot, or it is no longer in the group. Stop sending to the chat. */
    public static final class Forbidden extends TelegramException {
        private final String description;

        public Forbidden(String method, String description) {
            super(method, description, null);
            this.description = description;
        }

        /** Telegram's reason, e.g. "Forbidden: bot was blocked by the user". */
        public String description() {
            return description;
        }

        @Override
        public boolean retriable() {
            return false;
        }
    }

    /** 400: the request itself is wrong (or "message is not modified"); sending it again would fail again. */
    public static final class BadRequest extends TelegramException {
        private final String description;

        public BadRequest(String method, String description) {
            super(method, description, null);
            this.description = description;
        }

        public String description() {
            return description;
        }

        /** Editing to the same content; the wanted state already holds. */
        public boolean notModified() {
            return description.contains("message is not modified");
        }

        @Override
        public boolean retriable() {
            return false;
        }
    }

    /**
     * 400 with {@code parameters.migrate_to_chat_id}: the group was upgraded to a supergroup and lives on at {@link
     * #to}. The same call there may succeed; {@link Outbound} redirects it once and remembers the move.
     */
    public static final class ChatMigrated extends TelegramException {
        private final ChatId to;

        public ChatMigrated(String method, ChatId to, String description) {
            super(method, description + " (now chat " + to.value() + ")", null);
            this.to = to;
        }

        /** The supergroup the group became. */
        public ChatId to() {
            return to;
        }

        @Override
        public boolean retriable() {
            return false;
        }
    }

    /** 404: the server does not know the method (an older or self-hosted Bot API server), or the token is malformed. */
    public static final class NotFound extends TelegramException {
        public NotFound(String method, String description) {
            super(method, description, null);
        }

        @Override
        public boolean retriable() {
            return false;
        }
    }

    /** 401: the token is invalid or revoked. Nothing will work until an operator fixes it. */
    public static final class Unauthorized extends TelegramException {
        public Unauthorized(String method, String description) {
            super(method, description, null);
        }

        @Override
        public boolean retriable() {
            return false;
        }
    }

    /** 409: another poller or a webhook holds the updates. */
    public static final class Conflict extends TelegramException {
        public Conflict(String method, String description) {
            super(method, description, null);
        }

        @Override
        public boolean retriable() {
            return false;
        }
    }

    /** 5xx, an unreadable answer, or no connection at all: transient, retry with back-off. */
    public static final class Unavailable extends TelegramException {
        public Unavailable(String method, String message, Throwable cause) {
            super(method, message, cause);
        }

        @Override
        public boolean retriable() {
            return true;
        }
    }
}

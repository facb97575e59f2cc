package io.grokgram.llm;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The root of every provider failure, split by retriability as langchain4j does. Messages never contain an API key.
 *
 * <p>A failure in the middle of a stream carries the {@link #partialText() text already streamed}: the observer has
 * seen it, so a caller can keep it on screen, mark it unfinished, or retry and replace it.
 */
public abstract sealed class LlmException extends RuntimeException {
    private final String partialText;

    LlmException(String message, Throwable cause) {
        this(message, "", cause);
    }

    LlmException(String message, String partialText, Throwable cause) {
        super(message, cause);
        this.partialText = Objects.requireNonNull(partialText, "partialText");
    }

    /**
     * The text streamed to the observer before the failure; empty when the call failed before its first token. Only
     * {@link TimedOut} and {@link Unavailable} can happen mid-stream.
     */
    public String partialText() {
        return partialText;
    }

    /** Whether the same request may succeed if sent again later. */
    public abstract boolean retriable();

    /** How long the provider asked us to wait ({@code Retry-After}), if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.empty();
    }

    /** 429: too many requests or tokens. */
    public static final class RateLimited extends LlmException {
        private final Optional<Duration> retryAfter;

        public RateLimited(String message, Optional<Duration> retryAfter, Throwable cause) {
            super(message, cause);
            this.retryAfter = retryAfter;
        }

        @Override
        public boolean retriable() {
            return true;
        }

        @Override
        public Optional<Duration> retryAfter() {
            return retryAfter;
        }
    }

    /** No answer (or no further token) within the configured time. */
    public static final class TimedOut extends LlmException {
        public TimedOut(String message, Throwable cause) {
            super(message, cause);
        }

        public TimedOut(String message, String partialText, Throwable cause) {
            super(message, partialText, cause);
        }

        @Override
        public boolean retriable() {
            return true;
        }
    }

    /** 5xx, a refused connection, or a stream cut before its end (then with the {@link #partialText()}). */
    public static final class Unavailable extends LlmException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }

        public Unavailable(String message, String partialText, Throwable cause) {
            super(message, partialText, cause);
        }

        @Override
        public boolean retriable() {
            return true;
        }
    }

    /** 401/403: a wrong key, no permission, or no credits left. */
    public static final class Unauthorized extends LlmException {
        public Unauthorized(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public boolean retriable() {
            return false;
        }
    }

    /**
     * The provider's prepaid credits or spending limit ran out: every call fails until the operator tops up. Not
     * retried; the billing room pauses free turns.
     */
    public static final class OutOfCredits extends LlmException {
        public OutOfCredits(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public boolean retriable() {
            return false;
        }
    }

    /** 400/404/422: the request itself is wrong (unknown model, bad parameter). */
    public static final class InvalidRequest extends LlmException {
        public InvalidRequest(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public boolean retriable() {
            return false;
        }
    }

    /** The provider's content filter refused the request or the answer. */
    public static final class ContentFiltered extends LlmException {
        public ContentFiltered(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public boolean retriable() {
            return false;
        }
    }
}

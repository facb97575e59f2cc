package io.grokgram.sandbox;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** A failure the test provider plays on the next chat completion request ({@link TestProvider#failNext}). */
public sealed interface Failure {

    /** Answer with this HTTP status and an OpenAI error body, with a {@code Retry-After} header if given. */
    record HttpError(int status, Optional<Duration> retryAfter) implements Failure {
        public HttpError {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("a failure status must be 4xx or 5xx, got " + status);
            }
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /** Stream {@code percent} of the answer, then drop the connection without {@code [DONE]}. */
    record Cut(int percent) implements Failure {
        public Cut {
            if (percent < 0 || percent > 100) {
                throw new IllegalArgumentException("cut percent must be within 0..100, got " + percent);
            }
        }
    }

    /** Hold the response headers back for {@code delay}, then answer normally: a client timeout trips first. */
    record Stall(Duration delay) implements Failure {
        public Stall {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("stall delay must not be negative, got " + delay);
            }
        }
    }

    static Failure status(int status) {
        return new HttpError(status, Optional.empty());
    }

    static Failure rateLimited(Duration retryAfter) {
        return new HttpError(429, Optional.of(retryAfter));
    }

    static Failure cut(int percent) {
        return new Cut(percent);
    }

    static Failure stall(Duration delay) {
        return new Stall(delay);
    }
}

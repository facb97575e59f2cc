package io.grokgram.tools;

/**
 * A tool could not do what it was asked: the message says what and why in words fit for the model (and so for the
 * user), never with a secret in it.
 */
public class ToolException extends RuntimeException {
    public ToolException(String message) {
        super(message);
    }

    public ToolException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The address is one the operator does not let tools reach (loopback, private, link-local, …). */
    public static final class Refused extends ToolException {
        public Refused(String message) {
            super(message);
        }
    }
}

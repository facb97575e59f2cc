package io.grokgram.shared;

/**
 * Redis cannot be reached (refused, timed out, or marked lost by an earlier failure): the caller falls back to its
 * local, conservative state. Unchecked: every caller has a local answer, so none has to declare it.
 */
public final class SharedStateUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SharedStateUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}

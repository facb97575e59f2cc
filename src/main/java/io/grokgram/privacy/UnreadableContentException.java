package io.grokgram.privacy;

/**
 * Sealed content that cannot be opened: its user's key was erased (crypto-shredding at work), it was sealed for another
 * user, or it was changed. The message never contains the content.
 */
public final class UnreadableContentException extends RuntimeException {
    public UnreadableContentException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.grokgram.store;

/** The root of every database failure, carrying the SQL that failed (never its parameter values, which may be personal). */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A statement failed; the message names the statement. */
    public static final class StatementFailed extends StoreException {
        public StatementFailed(String sql, Throwable cause) {
            super("unable to execute statement [" + sql + "]: " + cause.getMessage(), cause);
        }
    }

    /** The database could not be opened or migrated. */
    public static final class Unavailable extends StoreException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

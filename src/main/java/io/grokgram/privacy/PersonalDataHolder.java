package io.grokgram.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.grokgram.store.Tx;
import java.util.Map;

/**
 * A room that keeps personal data, as {@link DataRights} and the {@link RetentionJob} see it. Each room implements it
 * for its own tables, so the privacy room can export and erase everything without knowing their SQL.
 */
public interface PersonalDataHolder {

    /** A short, unique name: the section of an export and the key of an erasure report, e.g. {@code conversations}. */
    String name();

    /** Everything this room holds about {@code subject}, as one JSON value (content opened, ready to read). */
    JsonNode export(Tx tx, DataSubject subject);

    /**
     * Deletes everything this room holds about {@code subject} inside the caller's transaction (all rooms erase in one
     * transaction), returning the rows deleted per table. What law requires to keep (payment records) stays, detached
     * from content.
     */
    Map<String, Integer> erase(Tx tx, DataSubject subject);

    /** Deletes content older than {@code cutoffMillis} (epoch milliseconds); returns the rows deleted. */
    default int expire(Tx tx, long cutoffMillis) {
        return 0;
    }
}

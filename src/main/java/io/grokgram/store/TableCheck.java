package io.grokgram.store;

import java.util.Objects;

/**
 * One table compared on both sides of a copy: row count and SHA-256 over the rows in primary-key order, each value
 * rendered the same way on both engines.
 */
public record TableCheck(String table, long sourceRows, long targetRows, String sourceSha256, String targetSha256) {
    public TableCheck {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(sourceSha256, "sourceSha256");
        Objects.requireNonNull(targetSha256, "targetSha256");
    }

    /** Whether the target holds exactly the source's rows. */
    public boolean matches() {
        return sourceRows == targetRows && sourceSha256.equals(targetSha256);
    }
}

package io.grokgram.store;

/** Told how far the copy of a table has come: after every few thousand rows and once when the table is done. */
@FunctionalInterface
public interface CopyProgress {
    void copied(String table, long rows, long total);
}

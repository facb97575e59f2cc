package io.grokgram.sandbox;

import java.util.Comparator;
import java.util.List;

/**
 * An entity while text is being parsed and normalised. Mutable on purpose: the normalisation is a port of TDLib's
 * in-place algorithms, and copying records at every shift would hide the correspondence. Never leaves the package;
 * {@link MessageEntity} is the published form. The argument is the URL, the pre language, the user id of a text
 * mention or the custom emoji id.
 */
final class RawEntity {
    /** TDLib's order: offset ascending, length descending, then type priority. */
    static final Comparator<RawEntity> ORDER = Comparator.<RawEntity>comparingInt(e -> e.offset)
            .thenComparing(Comparator.<RawEntity>comparingInt(e -> e.length).reversed())
            .thenComparingInt(e -> e.type.priority());

    EntityType type;
    int offset;
    int length;
    String argument;

    RawEntity(EntityType type, int offset, int length, String argument) {
        this.type = type;
        this.offset = offset;
        this.length = length;
        this.argument = argument;
    }

    RawEntity(EntityType type, int offset, int length) {
        this(type, offset, length, "");
    }

    int end() {
        return offset + length;
    }

    RawEntity copy() {
        return new RawEntity(type, offset, length, argument);
    }

    static void sort(List<RawEntity> entities) {
        entities.sort(ORDER);
    }

    @Override
    public String toString() {
        return "[" + type.tdName() + ", offset = " + offset + ", length = " + length
                + (argument.isEmpty() ? "" : ", argument = " + argument) + "]";
    }
}

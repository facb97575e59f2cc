package io.grokgram.telegram;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Cuts a range out of a text and keeps the entities that reach into it, clipped to the range. */
final class Slices {

    /** Telegram's order: offset ascending and, at the same offset, the longer (outer) entity first. */
    static final Comparator<Entity> TELEGRAM_ORDER = Comparator.comparingInt(Entity::offset)
            .thenComparing(Comparator.comparingInt(Entity::length).reversed());

    private Slices() {}

    /**
     * The text of {@code [start, end)} without leading and trailing whitespace, with every entity that overlaps it
     * clipped to it. An entity that only covered trimmed whitespace disappears, so none is ever empty. Clipping keeps
     * entities properly nested because the intersection of nested ranges with one range is still nested.
     */
    static FormattedText slice(String text, List<Entity> entities, int start, int end) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        List<Entity> clipped = new ArrayList<>();
        for (Entity entity : entities) {
            int from = Math.max(entity.offset(), start);
            int to = Math.min(entity.end(), end);
            if (to > from) {
                clipped.add(new Entity(entity.type(), from - start, to - from, entity.url(), entity.language()));
            }
        }
        // stable: entities with the same range keep their outer-first order
        clipped.sort(TELEGRAM_ORDER);
        return new FormattedText(text.substring(start, end), clipped);
    }
}

package io.grokgram.telegram;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Plain text under construction with the entities over it. It keeps two rules of Telegram so the renderer cannot break
 * them: an entity type is never opened inside itself (a nested blockquote is flattened, a bold inside a bold heading is
 * dropped), and no entity is ever empty. It also carries the line indent of nested list items, written lazily at the
 * first character of a line so blank lines between blocks stay truly empty.
 */
final class TextBuffer {

    /** Where an entity started, or an inactive opening when one of its type was already open. */
    record Opening(Entity.Type type, int start, boolean active) {}

    /** A point to roll back to when a block turns out to render to nothing but whitespace. */
    record Mark(int length, int entityCount, int gapCount, boolean atLineStart) {}

    private final StringBuilder text = new StringBuilder();
    private final List<Entity> entities = new ArrayList<>();
    private final List<RenderedMarkdown.Gap> gaps = new ArrayList<>();
    private final Set<Entity.Type> open = EnumSet.noneOf(Entity.Type.class);
    private String indent = "";
    private boolean atLineStart = true;

    void append(String chunk) {
        for (int i = 0; i < chunk.length(); i++) {
            char c = chunk.charAt(i);
            if (c != '\n') {
                writeIndent();
            }
            text.append(c);
            atLineStart = c == '\n';
        }
    }

    /** Appends the whitespace between two blocks; a top-level one is remembered as a place to split messages. */
    void separate(String separator, boolean splittable) {
        int start = text.length();
        text.append(separator);
        atLineStart = true;
        if (splittable) {
            gaps.add(new RenderedMarkdown.Gap(start, text.length()));
        }
    }

    Opening open(Entity.Type type) {
        if (!open.add(type)) {
            return new Opening(type, -1, false);
        }
        writeIndent();
        return new Opening(type, text.length(), true);
    }

    boolean isOpen(Entity.Type type) {
        return open.contains(type);
    }

    void close(Opening opening) {
        close(opening, opening.type(), Optional.empty(), Optional.empty());
    }

    /** Closes an opening, possibly as a different type (a blockquote only knows it is long once it is written). */
    void close(Opening opening, Entity.Type type, Optional<String> url, Optional<String> language) {
        if (!opening.active()) {
            return;
        }
        open.remove(opening.type());
        if (text.length() > opening.start()) {
            entities.add(new Entity(type, opening.start(), text.length() - opening.start(), url, language));
        }
    }

    String indent() {
        return indent;
    }

    void indent(String newIndent) {
        indent = newIndent;
    }

    int length() {
        return text.length();
    }

    String textFrom(int start) {
        return text.substring(start);
    }

    Mark mark() {
        return new Mark(text.length(), entities.size(), gaps.size(), atLineStart);
    }

    boolean blankSince(Mark mark) {
        for (int i = mark.length(); i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    void reset(Mark mark) {
        text.setLength(mark.length());
        entities.subList(mark.entityCount(), entities.size()).clear();
        gaps.subList(mark.gapCount(), gaps.size()).clear();
        atLineStart = mark.atLineStart();
    }

    RenderedMarkdown finish() {
        // Entities are recorded when they close, inner before outer; reversing first makes the stable sort put the
        // outer of two entities with the same range first.
        List<Entity> sorted = new ArrayList<>(entities.reversed());
        sorted.sort(Slices.TELEGRAM_ORDER);
        return new RenderedMarkdown(text.toString(), sorted, gaps);
    }

    private void writeIndent() {
        if (atLineStart && !indent.isEmpty()) {
            text.append(indent);
        }
        atLineStart = false;
    }
}

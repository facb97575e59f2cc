package io.grokgram.telegram;

import java.util.List;

/**
 * The renderer's output before any cut: plain text, its entities sorted as Telegram lists them, and the gaps between
 * top-level blocks where the splitter may break a message without cutting any entity.
 */
record RenderedMarkdown(String text, List<Entity> entities, List<Gap> gaps) {

    /** The separator whitespace {@code [start, end)} between two top-level blocks (or two top-level list items). */
    record Gap(int start, int end) {}

    RenderedMarkdown {
        entities = List.copyOf(entities);
        gaps = List.copyOf(gaps);
    }

    /** The whole text with leading and trailing whitespace removed, entities shifted to match. */
    FormattedText whole() {
        return Slices.slice(text, entities, 0, text.length());
    }
}

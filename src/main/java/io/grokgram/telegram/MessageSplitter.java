package io.grokgram.telegram;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits rendered text into messages of at most {@code limit} UTF-16 units. Each message takes as many whole top-level
 * blocks as fit, so entities stay whole; only a block longer than the limit by itself is cut inside, and there the
 * entities crossing the cut are clipped on both sides, which reopens them (a {@code pre} with its language) in the next
 * message. Only whitespace is lost at a break.
 */
final class MessageSplitter {

    private final RenderedMarkdown rendered;
    private final int limit;
    private final String text;
    private final int contentEnd;
    private BreakIterator graphemes;
    private int nextGap;

    private MessageSplitter(RenderedMarkdown rendered, int limit) {
        this.rendered = rendered;
        this.limit = limit;
        this.text = rendered.text();
        int end = text.length();
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        this.contentEnd = end;
    }

    static List<FormattedText> split(RenderedMarkdown rendered, int limit) {
        return new MessageSplitter(rendered, limit).parts();
    }

    private List<FormattedText> parts() {
        List<FormattedText> parts = new ArrayList<>();
        int start = skipWhitespace(0);
        while (start < contentEnd) {
            int end;
            int next;
            RenderedMarkdown.Gap gap = lastGapWithin(start);
            if (contentEnd - start <= limit) {
                end = contentEnd;
                next = contentEnd;
            } else if (gap != null) {
                end = gap.start();
                next = gap.end();
            } else {
                end = cut(start, start + limit);
                next = end;
            }
            parts.add(Slices.slice(text, rendered.entities(), start, end));
            start = skipWhitespace(next);
        }
        return parts;
    }

    /** The last block gap that starts after {@code start} and leaves a part of at most {@code limit} before it. */
    private RenderedMarkdown.Gap lastGapWithin(int start) {
        List<RenderedMarkdown.Gap> gaps = rendered.gaps();
        while (nextGap < gaps.size() && gaps.get(nextGap).start() <= start) {
            nextGap++;
        }
        RenderedMarkdown.Gap found = null;
        for (int i = nextGap; i < gaps.size() && gaps.get(i).start() <= start + limit; i++) {
            found = gaps.get(i);
        }
        return found;
    }

    /**
     * Where to cut a block that does not fit: the returned index is the first character of the next part. A line break
     * in the second half of the window wins, then a space there, then either anywhere; with neither, the cut goes at
     * the last grapheme boundary so an emoji, a flag or a letter with its accents stays in one piece, and a single
     * grapheme longer than the whole limit is cut at a code point boundary, never inside a surrogate pair.
     */
    private int cut(int start, int window) {
        int half = start + limit / 2;
        int newline = -1;
        int space = -1;
        for (int i = window; i > start && (newline < 0 || space < 0); i--) {
            char c = text.charAt(i);
            if (c == '\n' && newline < 0) {
                newline = i;
            }
            if (Character.isWhitespace(c) && space < 0) {
                space = i;
            }
        }
        if (newline >= half) {
            return newline;
        }
        if (space >= half) {
            return space;
        }
        if (newline > start) {
            return newline;
        }
        if (space > start) {
            return space;
        }
        return hardCut(start, window);
    }

    private int hardCut(int start, int window) {
        if (graphemes == null) {
            graphemes = BreakIterator.getCharacterInstance(Locale.ROOT);
            graphemes.setText(text);
        }
        int boundary = graphemes.isBoundary(window) ? window : graphemes.preceding(window);
        if (boundary > start) {
            return boundary;
        }
        boolean insidePair =
                Character.isLowSurrogate(text.charAt(window)) && Character.isHighSurrogate(text.charAt(window - 1));
        return insidePair ? window - 1 : window;
    }

    private int skipWhitespace(int from) {
        int i = from;
        while (i < contentEnd && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}

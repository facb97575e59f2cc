package io.grokgram.telegram;

import java.util.List;
import java.util.Objects;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;

/**
 * Turns the Markdown an LLM writes into Telegram text plus message entities, so nothing ever has to be escaped for a
 * parse mode and a malformed answer can never make {@code sendMessage} fail with "can't parse entities".
 *
 * <p>Promises: offsets and lengths are UTF-16 units; every entity is non-empty, lies inside its text, starts and ends
 * on code point boundaries, and is properly nested; nothing is nested inside {@code code} or {@code pre}, no
 * blockquote inside a blockquote, no {@code code} inside a {@code text_link}; entities are sorted by offset, longer
 * first. Texts have no leading or trailing whitespace. Splitting loses nothing but whitespace at the breaks.
 *
 * <p>Choices a caller may notice: a single newline inside a paragraph stays a newline (LLMs mean their line breaks);
 * headings become bold lines; lists get "• " or "1. " prefixes indented per level; tables become one {@code pre} block
 * with padded columns; quotes over 700 UTF-16 units or 12 lines are expandable; images become their alt text linked to
 * the image; only http, https and tg links become {@code text_link} (other absolute URLs stay visible in parentheses,
 * relative ones are dropped, a link showing its own URL stays plain for Telegram to detect); raw HTML is shown as
 * written; a single {@code ~} is not strikethrough ("~5 minutes").
 *
 * <p>Thread-safe and cheap to share; one instance serves the whole bot.
 */
public final class TelegramMarkdown {

    /** Deeper nesting is parsed as text, which keeps the recursive walk of a hostile document shallow. */
    private static final int MAX_NESTING = 32;

    private final Parser parser = Parser.builder()
            .extensions(List.of(
                    TablesExtension.create(),
                    StrikethroughExtension.builder().requireTwoTildes(true).build()))
            .maxOpenBlockParsers(MAX_NESTING)
            .build();

    /**
     * The whole text as one piece, however long; for anything sent use {@link #split}. Markdown that would show
     * nothing (an empty code fence, a lone list marker) comes back as its own source text rather than empty, so a reply
     * is never silently dropped.
     */
    public FormattedText render(String markdown) {
        return rendered(markdown, true).whole();
    }

    /**
     * The text as messages of at most {@code limit} UTF-16 units each (use {@link FormattedText#MAX_MESSAGE_LENGTH}
     * for messages), none blank. Breaks fall between top-level blocks (paragraphs, list items, code blocks, tables,
     * quotes), each part taking as many as fit. Only a block longer than the limit is cut inside: at a line break in
     * the second half of the part, else a space there, else a line break or space anywhere, else between graphemes
     * (between code points if one grapheme exceeds the limit); the entities crossing the cut continue in the next part,
     * a {@code pre} with its language. Blank input gives an empty list, any other input at least one part.
     *
     * @throws IllegalArgumentException if {@code limit} is below 2, too small to hold one emoji
     */
    public List<FormattedText> split(String markdown, int limit) {
        return split(rendered(markdown, true), limit);
    }

    /**
     * The rendering of an answer still being streamed: an unclosed code fence shows as {@code pre} so far, and a
     * marker still being typed at the end ({@code **}, a lone backtick, a link whose URL has not arrived) shows no
     * stray characters. Unlike {@link #render} it may be empty (a fence whose language is still arriving): then there
     * is nothing to show yet.
     */
    public FormattedText preview(String partialMarkdown) {
        return rendered(PartialMarkdown.close(partialMarkdown), false).whole();
    }

    /**
     * {@link #split} of the {@link #preview}: while streaming, every part but the last is what the finished answer
     * will most likely send there too, and the last part is the one to show in the draft.
     */
    public List<FormattedText> splitPreview(String partialMarkdown, int limit) {
        return split(rendered(PartialMarkdown.close(partialMarkdown), false), limit);
    }

    private static List<FormattedText> split(RenderedMarkdown rendered, int limit) {
        if (limit < 2) {
            throw new IllegalArgumentException("split limit must be at least 2 UTF-16 units, got " + limit);
        }
        return MessageSplitter.split(rendered, limit);
    }

    private RenderedMarkdown rendered(String markdown, boolean sourceWhenBlank) {
        Objects.requireNonNull(markdown, "markdown");
        RenderedMarkdown rendered = MarkdownRenderer.render(parser.parse(markdown));
        if (sourceWhenBlank && rendered.text().isBlank() && !markdown.isBlank()) {
            return new RenderedMarkdown(markdown.strip(), List.of(), List.of());
        }
        return rendered;
    }
}

package io.grokgram.telegram;

import java.util.Optional;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.ThematicBreak;

/**
 * Walks a parsed CommonMark document once and writes Telegram text plus entities. Blocks are separated by a blank line,
 * items of a tight list by a newline; a block that renders to nothing but whitespace leaves no trace, not even its
 * separator.
 */
final class MarkdownRenderer {

    static final String THEMATIC_BREAK = "———";
    static final String BULLET = "• ";

    /** Beyond this a quote is sent collapsed so it does not push the rest of the answer off the screen. */
    static final int EXPANDABLE_QUOTE_LENGTH = 700;

    static final int EXPANDABLE_QUOTE_LINES = 12;

    private static final String BLOCK_SEPARATOR = "\n\n";
    private static final String LINE_SEPARATOR = "\n";

    private final TextBuffer out = new TextBuffer();
    private final InlineRenderer inline = new InlineRenderer(out);

    private MarkdownRenderer() {}

    static RenderedMarkdown render(Node document) {
        MarkdownRenderer renderer = new MarkdownRenderer();
        renderer.children(document, BLOCK_SEPARATOR, true);
        return renderer.out.finish();
    }

    /** Renders the blocks of a container; only the document's own blocks are places to split a message. */
    private void children(Node parent, String separator, boolean topLevel) {
        boolean first = true;
        for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
            TextBuffer.Mark mark = out.mark();
            if (!first) {
                out.separate(separator, topLevel);
            }
            block(child, topLevel);
            if (out.blankSince(mark)) {
                out.reset(mark);
            } else {
                first = false;
            }
        }
    }

    private void block(Node node, boolean topLevel) {
        switch (node) {
            case Paragraph paragraph -> inline.render(paragraph);
            case Heading heading -> {
                TextBuffer.Opening bold = out.open(Entity.Type.BOLD);
                inline.render(heading);
                out.close(bold);
            }
            case FencedCodeBlock code -> pre(code.getLiteral(), language(code.getInfo()));
            case IndentedCodeBlock code -> pre(code.getLiteral(), Optional.empty());
            case ListBlock list -> list(list, topLevel);
            case BlockQuote quote -> quote(quote);
            case ThematicBreak ignored -> out.append(THEMATIC_BREAK);
            case HtmlBlock html -> out.append(html.getLiteral().stripTrailing());
            case TableBlock table -> pre(TableLayout.layout(table), Optional.empty());
            case LinkReferenceDefinition ignored -> {
                // a definition is used by the links that refer to it and shows nothing itself
            }
            default -> children(node, BLOCK_SEPARATOR, false);
        }
    }

    private void list(ListBlock list, boolean topLevel) {
        int number = list instanceof OrderedList ordered ? startNumber(ordered) : 0;
        String separator = list.isTight() ? LINE_SEPARATOR : BLOCK_SEPARATOR;
        boolean first = true;
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            String marker = list instanceof OrderedList ? (number++) + ". " : BULLET;
            TextBuffer.Mark mark = out.mark();
            if (!first) {
                // each top-level item is a place to split, which keeps one long list from becoming one huge block
                out.separate(separator, topLevel);
            }
            out.append(marker);
            TextBuffer.Mark content = out.mark();
            String outer = out.indent();
            out.indent(outer + " ".repeat(marker.length()));
            children(item, separator, false);
            out.indent(outer);
            if (out.blankSince(content)) {
                out.reset(mark);
            } else {
                first = false;
            }
        }
    }

    private void quote(BlockQuote quote) {
        // a quote inside a quote is flattened: Telegram refuses nested blockquotes, and open() knows that
        TextBuffer.Opening opening = out.open(Entity.Type.BLOCKQUOTE);
        children(quote, BLOCK_SEPARATOR, false);
        if (opening.active()) {
            String quoted = out.textFrom(opening.start());
            long lines = quoted.chars().filter(c -> c == '\n').count() + 1;
            boolean expandable = quoted.length() > EXPANDABLE_QUOTE_LENGTH || lines > EXPANDABLE_QUOTE_LINES;
            Entity.Type type = expandable ? Entity.Type.EXPANDABLE_BLOCKQUOTE : Entity.Type.BLOCKQUOTE;
            out.close(opening, type, Optional.empty(), Optional.empty());
        }
    }

    /** Code is never indented: the list indent would land inside the {@code pre} and shift every line of it. */
    private void pre(String literal, Optional<String> language) {
        String body = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
        String outer = out.indent();
        out.indent("");
        TextBuffer.Opening pre = out.open(Entity.Type.PRE);
        out.append(body);
        out.close(pre, Entity.Type.PRE, Optional.empty(), language);
        out.indent(outer);
    }

    private static Optional<String> language(String info) {
        String trimmed = info == null ? "" : info.strip();
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(trimmed.split("\\s+", 2)[0]);
    }

    private static int startNumber(OrderedList list) {
        Integer start = list.getMarkerStartNumber();
        return start == null ? 1 : start;
    }
}

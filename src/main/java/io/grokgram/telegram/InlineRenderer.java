package io.grokgram.telegram;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.strikethrough.Strikethrough;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Emphasis;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;

/** Writes the inline content of one paragraph or heading into a {@link TextBuffer}. */
final class InlineRenderer extends AbstractVisitor {

    private static final Pattern HAS_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private final TextBuffer out;

    InlineRenderer(TextBuffer out) {
        this.out = out;
    }

    void render(Node parent) {
        visitChildren(parent);
    }

    @Override
    public void visit(Text node) {
        out.append(node.getLiteral());
    }

    @Override
    public void visit(Code node) {
        // Telegram lets neither a text_link contain a code entity nor the other way round; the link matters more.
        if (out.isOpen(Entity.Type.TEXT_LINK)) {
            out.append(node.getLiteral());
            return;
        }
        TextBuffer.Opening code = out.open(Entity.Type.CODE);
        out.append(node.getLiteral());
        out.close(code);
    }

    @Override
    public void visit(Emphasis node) {
        styled(Entity.Type.ITALIC, node);
    }

    @Override
    public void visit(StrongEmphasis node) {
        styled(Entity.Type.BOLD, node);
    }

    @Override
    public void visit(CustomNode node) {
        if (node instanceof Strikethrough) {
            styled(Entity.Type.STRIKETHROUGH, node);
        } else {
            visitChildren(node);
        }
    }

    @Override
    public void visit(SoftLineBreak node) {
        // LLM output means its single newlines (steps, addresses, verse); Telegram shows a newline as one.
        out.append("\n");
    }

    @Override
    public void visit(HardLineBreak node) {
        out.append("\n");
    }

    @Override
    public void visit(HtmlInline node) {
        out.append(node.getLiteral());
    }

    @Override
    public void visit(Link node) {
        String url = node.getDestination();
        String label = PlainText.of(node);
        if (label.isBlank()) {
            out.append(url);
        } else if (label.equals(url) || ("mailto:" + label).equals(url)) {
            // Telegram detects a visible URL or address on its own; a text_link would add nothing.
            out.append(label);
        } else if (isTelegramLink(url) && !out.isOpen(Entity.Type.TEXT_LINK)) {
            TextBuffer.Opening link = out.open(Entity.Type.TEXT_LINK);
            visitChildren(node);
            out.close(link, Entity.Type.TEXT_LINK, Optional.of(url), Optional.empty());
        } else {
            visitChildren(node);
            appendAbsoluteUrl(url);
        }
    }

    @Override
    public void visit(Image node) {
        String url = node.getDestination();
        String alt = PlainText.of(node);
        if (out.isOpen(Entity.Type.TEXT_LINK)) {
            out.append(alt);
        } else if (alt.isBlank()) {
            out.append(url);
        } else if (isTelegramLink(url)) {
            TextBuffer.Opening link = out.open(Entity.Type.TEXT_LINK);
            out.append(alt);
            out.close(link, Entity.Type.TEXT_LINK, Optional.of(url), Optional.empty());
        } else {
            out.append(alt);
            appendAbsoluteUrl(url);
        }
    }

    private void styled(Entity.Type type, Node node) {
        TextBuffer.Opening opening = out.open(type);
        visitChildren(node);
        out.close(opening);
    }

    /** Other absolute URLs stay visible as text; a relative one points nowhere in a chat, so it is dropped. */
    private void appendAbsoluteUrl(String url) {
        if (HAS_SCHEME.matcher(url).find()) {
            out.append(" (" + url + ")");
        }
    }

    /**
     * Telegram rejects a whole message whose text_link has a URL it does not accept, so only the schemes it surely
     * takes become links.
     */
    private static boolean isTelegramLink(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("tg://"))
                && url.chars().noneMatch(Character::isWhitespace);
    }
}

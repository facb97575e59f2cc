package io.grokgram.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams an answer into an inline message (a chosen inline result, or the answer to a guest query): previews are
 * edits of the message, at most one per {@link PreviewSettings#draftInterval()} and never the same text twice; the
 * finished answer is one last edit. The provider thread only hands over text ({@link #update}); a virtual thread of
 * the reply's own makes the calls, so a slow Telegram never slows the model.
 *
 * <p>An inline message cannot be followed by more messages, so an answer longer than Telegram's 4096 UTF-16 units is
 * cut at the last block border that fits (inside a block only if the first block alone is longer) and ends with
 * "…"; previews are cut the same way.
 *
 * <p>{@link #finish} stops the previews and waits for one in flight before the final edit, which also takes the
 * message's turn in {@link Outbound}: no preview can arrive after the final text.
 */
public final class InlineReply implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InlineReply.class);
    /** Put after the cut, on a line of its own so it reads as "more was cut" rather than as part of the last block. */
    static final String CUT_MARK = "\n…";
    /** Between an answer and the tail kept under it. */
    private static final String TAIL_GAP = "\n\n";

    private final Outbound outbound;
    private final TelegramMarkdown markdown;
    private final String inlineMessageId;
    private final PreviewLoop previews;
    private volatile FormattedText shown = FormattedText.plain("");

    private InlineReply(
            Outbound outbound, TelegramMarkdown markdown, String inlineMessageId, PreviewSettings settings) {
        this.outbound = Objects.requireNonNull(outbound, "outbound");
        this.markdown = Objects.requireNonNull(markdown, "markdown");
        this.inlineMessageId = Objects.requireNonNull(inlineMessageId, "inlineMessageId");
        this.previews = new PreviewLoop(
                "inline-preview-" + inlineMessageId, Objects.requireNonNull(settings, "settings"), this::run);
    }

    /** Opens a reply into the message; previews start once {@link PreviewSettings#previewDelay()} has passed. */
    public static InlineReply open(
            Outbound outbound, TelegramMarkdown markdown, String inlineMessageId, PreviewSettings settings) {
        if (inlineMessageId.isEmpty()) {
            throw new IllegalArgumentException("an inline message id must not be empty");
        }
        InlineReply reply = new InlineReply(outbound, markdown, inlineMessageId, settings);
        reply.previews.start();
        return reply;
    }

    /** Hands over the whole answer so far (not a delta). Never blocks on Telegram. */
    public void update(String accumulatedMarkdown) {
        previews.update(Objects.requireNonNull(accumulatedMarkdown, "accumulatedMarkdown"));
    }

    /**
     * Stops the previews and edits the message to the finished answer with {@code keyboard} under it ({@link
     * Keyboard#NONE} removes the placeholder's). Blocks until Telegram took it; throws {@link TelegramException} if it
     * refused, and {@link IllegalArgumentException} for a blank answer, which no message can hold.
     */
    public void finish(String finalMarkdown, Keyboard keyboard) {
        Objects.requireNonNull(keyboard, "keyboard");
        FormattedText text = fitFinal(markdown, finalMarkdown)
                .orElseThrow(() -> new IllegalArgumentException("a blank answer cannot fill an inline message"));
        show(text, keyboard);
    }

    /**
     * {@link #finish(String, Keyboard)} for an answer with a tail that must survive the cut (its numbered sources): the
     * tail stays whole under the answer, and only the answer is cut to make room. A tail longer than half a message is
     * not worth the answer it would push out: then the whole text is cut as usual.
     */
    public void finish(String finalMarkdown, String tailMarkdown, Keyboard keyboard) {
        Objects.requireNonNull(keyboard, "keyboard");
        FormattedText tail = markdown.render(tailMarkdown.strip());
        if (tail.length() == 0 || tail.length() > FormattedText.MAX_MESSAGE_LENGTH / 2) {
            finish(finalMarkdown + TAIL_GAP + tailMarkdown.strip(), keyboard);
            return;
        }
        FormattedText body = fit(
                        markdown, finalMarkdown, FormattedText.MAX_MESSAGE_LENGTH - TAIL_GAP.length() - tail.length())
                .orElseThrow(() -> new IllegalArgumentException("a blank answer cannot fill an inline message"));
        show(joined(body, tail), keyboard);
    }

    private void show(FormattedText text, Keyboard keyboard) {
        close();
        if (keyboard.isEmpty() && text.equals(shown)) {
            // Telegram would answer "message is not modified": the last preview already is the answer
            return;
        }
        outbound.editInline(inlineMessageId, text, keyboard);
    }

    /** The tail under the body, a blank line between, its entities moved along. */
    private static FormattedText joined(FormattedText body, FormattedText tail) {
        int shift = body.length() + TAIL_GAP.length();
        List<Entity> entities = new ArrayList<>(body.entities());
        for (Entity entity : tail.entities()) {
            entities.add(new Entity(
                    entity.type(), entity.offset() + shift, entity.length(), entity.url(), entity.language()));
        }
        return new FormattedText(body.text() + TAIL_GAP + tail.text(), entities);
    }

    /** Stops previews and waits for one in flight; the message keeps whatever it shows. */
    @Override
    public void close() {
        previews.close();
    }

    /** The finished answer as one message: whole if it fits, else cut with {@link #CUT_MARK}; empty if blank. */
    static Optional<FormattedText> fitFinal(TelegramMarkdown markdown, String finalMarkdown) {
        return fit(markdown, finalMarkdown, FormattedText.MAX_MESSAGE_LENGTH);
    }

    /** The text within {@code limit} units: whole if it fits, else cut with {@link #CUT_MARK}; empty if blank. */
    private static Optional<FormattedText> fit(TelegramMarkdown markdown, String finalMarkdown, int limit) {
        List<FormattedText> whole = markdown.split(finalMarkdown, limit);
        if (whole.size() <= 1) {
            return whole.stream().findFirst();
        }
        return Optional.of(cut(markdown.split(finalMarkdown, limit - CUT_MARK.length())));
    }

    /** {@link #fitFinal} for an answer still being written; empty while there is nothing to show. */
    static Optional<FormattedText> fitPreview(TelegramMarkdown markdown, String partialMarkdown) {
        List<FormattedText> whole = markdown.splitPreview(partialMarkdown, FormattedText.MAX_MESSAGE_LENGTH);
        if (whole.size() <= 1) {
            return whole.stream().findFirst();
        }
        return Optional.of(
                cut(markdown.splitPreview(partialMarkdown, FormattedText.MAX_MESSAGE_LENGTH - CUT_MARK.length())));
    }

    private static FormattedText cut(List<FormattedText> parts) {
        FormattedText first = parts.getFirst();
        return new FormattedText(first.text() + CUT_MARK, first.entities());
    }

    private void run() {
        long lastPreviewNanos = 0;
        String handled = "";
        boolean refused = false;
        for (Optional<String> next = previews.next(); next.isPresent(); next = previews.next()) {
            String text = next.get();
            long now = System.nanoTime();
            if (refused || !previews.due(now, lastPreviewNanos) || text.equals(handled)) {
                continue;
            }
            handled = text;
            Optional<FormattedText> preview = fitPreview(markdown, text);
            if (preview.isEmpty() || preview.get().equals(shown)) {
                continue;
            }
            switch (outbound.editInlinePreview(inlineMessageId, preview.get(), Keyboard.NONE)) {
                case SHOWN -> {
                    shown = preview.get();
                    lastPreviewNanos = now;
                }
                // the lane was busy: try again with whatever text is newest by then
                case SKIPPED -> handled = "";
                case UNSUPPORTED -> {
                    refused = true;
                    log.info("inline message {}: previews stop, Telegram refused one", inlineMessageId);
                }
            }
        }
    }
}

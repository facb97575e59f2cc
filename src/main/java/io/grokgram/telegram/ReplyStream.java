package io.grokgram.telegram;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows an answer while it is being written: "typing…" at once, then — only if the answer takes longer than the
 * preview delay — a draft ({@code sendMessageDraft}) with the text so far, rendered like the final message, refreshed
 * at most once per draft interval. The provider thread only hands over text ({@link #update}); a virtual thread of the
 * stream's own makes the calls, so a slow Telegram never slows the model's stream.
 *
 * <p>Close the stream before sending the final message: closing waits for an in-flight draft, so no stale draft can
 * arrive after the answer. Telegram never keeps a draft; the caller must send the final text as a real message.
 */
public final class ReplyStream implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReplyStream.class);
    /** Telegram drops a draft after about 30 s without a refresh. */
    private static final Duration DRAFT_REFRESH = Duration.ofSeconds(20);

    private final Outbound outbound;
    private final TelegramMarkdown markdown;
    private final ChatId chat;
    private final OptionalInt threadId;
    private final int draftId;
    private final PreviewSettings settings;
    private final PreviewLoop previews;
    private final PreviewMessage previewMessage;
    private volatile boolean previewShown;
    /** {@link System#nanoTime()} when the first preview (draft or message) was shown; 0 before. */
    private volatile long firstShownNanos;

    private boolean refused;

    private ReplyStream(
            Outbound outbound,
            TelegramMarkdown markdown,
            ChatId chat,
            OptionalInt threadId,
            int draftId,
            PreviewSettings settings,
            PreviewMessage previewMessage) {
        this.outbound = outbound;
        this.previewMessage = previewMessage;
        this.markdown = markdown;
        this.chat = chat;
        this.threadId = threadId;
        this.draftId = draftId;
        this.settings = settings;
        this.previews = new PreviewLoop("preview-" + chat.value(), settings, this::run);
    }

    /**
     * Opens a stream and shows "typing…". Drafts are used in private chats (Telegram allows them nowhere else) when the
     * server has them; elsewhere a preview message is sent and edited, recorded through {@code previewMessage}.
     */
    public static ReplyStream open(
            Outbound outbound,
            TelegramMarkdown markdown,
            ChatId chat,
            OptionalInt threadId,
            int draftId,
            PreviewSettings settings,
            PreviewMessage previewMessage) {
        if (draftId == 0) {
            throw new IllegalArgumentException("draft id must be non-zero");
        }
        ReplyStream stream = new ReplyStream(outbound, markdown, chat, threadId, draftId, settings, previewMessage);
        stream.previews.start();
        return stream;
    }

    /** Hands over the whole answer so far (not a delta). Never blocks on Telegram. */
    public void update(String accumulatedMarkdown) {
        previews.update(accumulatedMarkdown);
    }

    /** Whether a preview was shown (the answer was slow or long enough to be worth one). */
    public boolean previewShown() {
        return previewShown;
    }

    /**
     * When the user first saw text of the answer: the {@link System#nanoTime()} at which Telegram accepted the first
     * draft or preview message; empty when none was shown (then the final message is the first visible text).
     */
    public OptionalLong firstShownNanos() {
        long at = firstShownNanos;
        return at == 0 ? OptionalLong.empty() : OptionalLong.of(at);
    }

    /**
     * Where the edit path's preview message is recorded: the caller stores its id the moment it exists, so a restart
     * edits that message instead of sending the answer again.
     */
    public interface PreviewMessage {
        Optional<MessageId> existing();

        void sent(MessageId message);

        /** The message a new preview replies to (in a group: the question), or none. */
        default Optional<MessageId> replyTo() {
            return Optional.empty();
        }

        PreviewMessage NONE = new PreviewMessage() {
            private volatile MessageId sent;

            @Override
            public Optional<MessageId> existing() {
                return Optional.ofNullable(sent);
            }

            @Override
            public void sent(MessageId message) {
                sent = message;
            }
        };
    }

    private void run() {
        Mode mode = chat.isPrivate() && outbound.draftsSupported() ? Mode.DRAFT : Mode.EDIT;
        String shown = "";
        long lastPreviewNanos = 0;
        long lastTypingNanos = System.nanoTime();
        outbound.typing(chat, threadId);
        for (Optional<String> next = previews.next(); next.isPresent(); next = previews.next()) {
            String text = next.get();
            long now = System.nanoTime();
            boolean due = previews.due(now, lastPreviewNanos);
            boolean stale =
                    !text.equals(shown) || mode == Mode.DRAFT && now - lastPreviewNanos >= DRAFT_REFRESH.toNanos();
            if (mode != Mode.OFF && due && stale && !text.isBlank()) {
                Outbound.PreviewResult result = mode == Mode.DRAFT ? showDraft(text) : showByEdit(text);
                switch (result) {
                    case SHOWN -> {
                        shown = text;
                        lastPreviewNanos = now;
                        if (!previewShown) {
                            firstShownNanos = Math.max(1, System.nanoTime()); // after the call: it is on screen now
                        }
                        previewShown = true;
                    }
                    case SKIPPED -> {}
                    case UNSUPPORTED -> {
                        // a chat that refuses the bot (403) gets nothing more; a server without drafts gets edits
                        mode = refused || mode == Mode.EDIT ? Mode.OFF : Mode.EDIT;
                        log.info("chat {}: previews continue as {}", chat, mode);
                    }
                }
            }
            if (!previewShown
                    && now - lastTypingNanos >= settings.typingInterval().toNanos()) {
                outbound.typing(chat, threadId);
                lastTypingNanos = now;
            }
        }
    }

    /** How the answer is previewed while it is written. */
    private enum Mode {
        /** {@code sendMessageDraft}: private chats on servers that have it. */
        DRAFT,
        /** A real message, edited as the answer grows: groups and servers without drafts. */
        EDIT,
        /** Typing only: previews failed (e.g. the chat refuses messages). */
        OFF
    }

    private Outbound.PreviewResult showDraft(String text) {
        List<FormattedText> parts = markdown.splitPreview(text, FormattedText.MAX_MESSAGE_LENGTH);
        return parts.isEmpty() ? Outbound.PreviewResult.SKIPPED : showDraft(parts.getLast());
    }

    /**
     * The edit path previews the first part only: that message becomes the answer's first part, edited to its final
     * text at the end (its id is recorded at once, so a resumed turn edits it instead of sending another).
     */
    private Outbound.PreviewResult showByEdit(String text) {
        List<FormattedText> parts = markdown.splitPreview(text, FormattedText.MAX_MESSAGE_LENGTH);
        if (parts.isEmpty()) {
            return Outbound.PreviewResult.SKIPPED;
        }
        try {
            Optional<MessageId> message = previewMessage.existing();
            if (message.isPresent()) {
                return outbound.editPreview(chat, message.get(), parts.getFirst());
            }
            Optional<MessageId> sent = outbound.sendPreview(chat, threadId, parts.getFirst(), previewMessage.replyTo());
            sent.ifPresent(previewMessage::sent);
            return sent.isPresent() ? Outbound.PreviewResult.SHOWN : Outbound.PreviewResult.SKIPPED;
        } catch (TelegramException.Forbidden e) {
            refused = true;
            return Outbound.PreviewResult.UNSUPPORTED;
        } catch (TelegramException e) {
            log.debug("preview message for chat {} refused: {}", chat, e.getMessage());
            return Outbound.PreviewResult.UNSUPPORTED;
        }
    }

    private Outbound.PreviewResult showDraft(FormattedText text) {
        try {
            return outbound.draft(chat, threadId, draftId, text);
        } catch (TelegramException.Forbidden e) {
            refused = true;
            return Outbound.PreviewResult.UNSUPPORTED;
        } catch (TelegramException e) {
            // a blocked chat: the final send will find out and record it; previews just stop
            log.debug("draft for chat {} refused: {}", chat, e.getMessage());
            return Outbound.PreviewResult.UNSUPPORTED;
        }
    }

    /** Stops previews and waits for a draft call in flight, so nothing of the preview arrives after the answer. */
    @Override
    public void close() {
        previews.close();
    }
}

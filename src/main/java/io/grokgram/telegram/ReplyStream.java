package io.grokgram.telegram;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
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
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final long startedNanos = System.nanoTime();
    private final Thread previewer;
    private String latest = "";
    private boolean closed;
    private volatile boolean draftShown;

    private ReplyStream(
            Outbound outbound,
            TelegramMarkdown markdown,
            ChatId chat,
            OptionalInt threadId,
            int draftId,
            PreviewSettings settings) {
        this.outbound = outbound;
        this.markdown = markdown;
        this.chat = chat;
        this.threadId = threadId;
        this.draftId = draftId;
        this.settings = settings;
        this.previewer = Thread.ofVirtual().name("preview-" + chat.value()).unstarted(this::run);
    }

    /**
     * Opens a stream and shows "typing…". Drafts are used only in private chats (Telegram allows them nowhere else);
     * elsewhere the stream keeps the typing status alive until closed.
     */
    public static ReplyStream open(
            Outbound outbound,
            TelegramMarkdown markdown,
            ChatId chat,
            OptionalInt threadId,
            int draftId,
            PreviewSettings settings) {
        if (draftId == 0) {
            throw new IllegalArgumentException("draft id must be non-zero");
        }
        ReplyStream stream = new ReplyStream(outbound, markdown, chat, threadId, draftId, settings);
        stream.previewer.start();
        return stream;
    }

    /** Hands over the whole answer so far (not a delta). Never blocks on Telegram. */
    public void update(String accumulatedMarkdown) {
        lock.lock();
        try {
            latest = accumulatedMarkdown;
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Whether a draft was shown (the answer was slow or long enough to be worth one). */
    public boolean draftShown() {
        return draftShown;
    }

    private void run() {
        boolean draftsAllowed = chat.isPrivate();
        String shown = "";
        long lastDraftNanos = 0;
        long lastTypingNanos = System.nanoTime();
        outbound.typing(chat, threadId);
        while (true) {
            String text;
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                changed.await(50, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (closed) {
                    return;
                }
                text = latest;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            long now = System.nanoTime();
            boolean due = now - startedNanos >= settings.previewDelay().toNanos()
                    && now - lastDraftNanos >= settings.draftInterval().toNanos();
            boolean stale = !text.equals(shown) || now - lastDraftNanos >= DRAFT_REFRESH.toNanos();
            if (draftsAllowed && due && stale && !text.isBlank()) {
                List<FormattedText> parts = markdown.splitPreview(text, FormattedText.MAX_MESSAGE_LENGTH);
                if (!parts.isEmpty()) {
                    switch (showDraft(parts.getLast())) {
                        case SHOWN -> {
                            shown = text;
                            lastDraftNanos = now;
                            draftShown = true;
                        }
                        case SKIPPED -> {}
                        case UNSUPPORTED -> {
                            log.info("the Bot API server has no sendMessageDraft; chat {} gets typing only", chat);
                            draftsAllowed = false;
                        }
                    }
                }
            }
            if (!draftShown
                    && now - lastTypingNanos >= settings.typingInterval().toNanos()) {
                outbound.typing(chat, threadId);
                lastTypingNanos = now;
            }
        }
    }

    private Outbound.PreviewResult showDraft(FormattedText text) {
        try {
            return outbound.draft(chat, threadId, draftId, text);
        } catch (TelegramException e) {
            // a blocked chat: the final send will find out and record it; previews just stop
            log.debug("draft for chat {} refused: {}", chat, e.getMessage());
            return Outbound.PreviewResult.UNSUPPORTED;
        }
    }

    /** Stops previews and waits for a draft call in flight, so nothing of the preview arrives after the answer. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signal();
        } finally {
            lock.unlock();
        }
        try {
            previewer.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

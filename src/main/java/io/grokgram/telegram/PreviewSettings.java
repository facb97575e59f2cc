package io.grokgram.telegram;

import java.time.Duration;
import java.util.Objects;

/**
 * When streamed previews are worth a call. {@code previewDelay}: no draft before this much time has passed, so an
 * answer that completes at once shows only "typing…" and then the message. {@code draftInterval}: at most one draft per
 * interval per chat (Telegram counts drafts against the chat's ~1 message per second). {@code typingInterval}: the
 * typing status lasts 5 s, so it is renewed a little sooner.
 */
public record PreviewSettings(Duration previewDelay, Duration draftInterval, Duration typingInterval) {
    public static final PreviewSettings DEFAULT =
            new PreviewSettings(Duration.ofMillis(800), Duration.ofMillis(1000), Duration.ofSeconds(4));

    public PreviewSettings {
        Objects.requireNonNull(previewDelay, "previewDelay");
        Objects.requireNonNull(draftInterval, "draftInterval");
        Objects.requireNonNull(typingInterval, "typingInterval");
    }
}

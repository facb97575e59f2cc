package io.grokgram.telegram;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * An inline keyboard under a message: rows of buttons, each with exactly one action. {@link #NONE} sends no keyboard.
 */
public record Keyboard(List<List<Button>> rows) {
    public static final Keyboard NONE = new Keyboard(List.of());

    public Keyboard {
        rows = rows.stream().map(List::copyOf).toList();
    }

    public static Keyboard of(Button... row) {
        return new Keyboard(List.of(List.of(row)));
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** A button. */
    public sealed interface Button {
        String text();
    }

    /**
     * Sends {@code data} back as a callback query. Telegram allows 1–64 bytes: keep state server-side and put a short
     * key here.
     */
    public record Callback(String text, String data) implements Button {
        public Callback {
            Objects.requireNonNull(text, "text");
            int bytes = data.getBytes(StandardCharsets.UTF_8).length;
            if (bytes < 1 || bytes > 64) {
                throw new IllegalArgumentException("callback_data must be 1-64 bytes, got " + bytes);
            }
        }
    }

    /**
     * Opens a Mini App at {@code url} inside Telegram, which hands it signed {@code initData} (Bot API: web_app;
     * private chats only, https only).
     */
    public record WebApp(String text, String url) implements Button {
        public WebApp {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(url, "url");
        }
    }

    /** Opens a URL, e.g. a {@code t.me/<bot>?start=<payload>} deep link into the private chat. */
    public record Url(String text, String url) implements Button {
        public Url {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(url, "url");
        }
    }
}

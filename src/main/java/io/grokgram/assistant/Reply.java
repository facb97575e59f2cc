package io.grokgram.assistant;

import io.grokgram.telegram.Keyboard;
import java.util.Objects;

/** A reply the bot writes itself (not the model): Markdown, and buttons under its last part. */
record Reply(String markdown, Keyboard keyboard) {
    Reply {
        Objects.requireNonNull(markdown, "markdown");
        Objects.requireNonNull(keyboard, "keyboard");
    }

    static Reply text(String markdown) {
        return new Reply(markdown, Keyboard.NONE);
    }
}

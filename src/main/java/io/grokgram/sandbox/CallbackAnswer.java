package io.grokgram.sandbox;

import java.util.Objects;
import java.util.Optional;

/** How the bot answered a button press (answerCallbackQuery): the toast or alert text, if any. */
public record CallbackAnswer(String queryId, Optional<String> text, boolean showAlert) {
    public CallbackAnswer {
        Objects.requireNonNull(queryId, "queryId");
        Objects.requireNonNull(text, "text");
    }
}

package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * A successful Bot API answer: the {@code result} as JSON text (kept as text so injected raw updates reach the bot
 * byte for byte) and the optional {@code description} Telegram adds to some answers ("Webhook was set").
 */
record Reply(String resultJson, Optional<String> description) {
    Reply {
        Objects.requireNonNull(resultJson, "resultJson");
        Objects.requireNonNull(description, "description");
    }

    static Reply of(JsonNode result) {
        return new Reply(Json.write(result), Optional.empty());
    }

    static Reply described(boolean result, String description) {
        return new Reply(Boolean.toString(result), Optional.of(description));
    }
}

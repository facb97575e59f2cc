package io.grokgram.sandbox;

import java.util.Objects;
import java.util.Optional;

/**
 * A picked inline result, posted in {@code chatId} as message {@code messageId}. {@code inlineMessageId} is there only
 * when the result carried an inline keyboard: as in Telegram, only such messages can be edited by the bot later.
 */
public record ChosenResult(long chatId, int messageId, Optional<String> inlineMessageId) {
    public ChosenResult {
        Objects.requireNonNull(inlineMessageId, "inlineMessageId");
    }
}

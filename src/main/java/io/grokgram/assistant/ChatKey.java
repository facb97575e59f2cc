package io.grokgram.assistant;

import io.grokgram.telegram.ChatId;
import java.util.Objects;
import java.util.OptionalInt;

/** One ordered stream of turns: a bot's chat, or one forum topic of it ({@code threadId} 0 = none). */
record ChatKey(long botId, ChatId chat, long threadId) {
    ChatKey {
        Objects.requireNonNull(chat, "chat");
        if (threadId < 0) {
            throw new IllegalArgumentException("thread id must not be negative");
        }
    }

    OptionalInt thread() {
        return threadId == 0 ? OptionalInt.empty() : OptionalInt.of((int) threadId);
    }
}

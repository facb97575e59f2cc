package io.grokgram.assistant;

import io.grokgram.telegram.ChatId;

/**
 * Which chats' turns this process runs. One process runs them all; a scale-out worker runs those of the chats whose
 * updates reach it (the chats of its Kafka partitions), so no two workers ever run one chat's turns at once.
 */
@FunctionalInterface
public interface ChatOwnership {
    /** Whether the turns of this chat (and forum topic; 0 = none) are this process's to run. */
    boolean owns(ChatId chat, long threadId);

    /** Every chat: the single process. */
    static ChatOwnership all() {
        return (chat, threadId) -> true;
    }
}

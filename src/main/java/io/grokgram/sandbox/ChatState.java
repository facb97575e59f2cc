package io.grokgram.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One chat as one bot sees it: its messages (ids shared by both sides), live drafts by draft_id, and the feed of
 * events the web chat and tests read. Guarded by the owning {@link BotState}'s lock.
 */
final class ChatState {
    final long id;
    final boolean group;
    final String title;
    final Map<Integer, ChatMessage> messages = new LinkedHashMap<>();
    final Map<Long, BotEvent> drafts = new LinkedHashMap<>();
    /** Drafts sent with can_stop (Bot API 10.3), by draft_id: whether keep_on_stop was asked. */
    final Map<Long, Boolean> stoppable = new LinkedHashMap<>();

    final List<BotEvent> feed = new ArrayList<>();
    int lastMessageId;
    boolean blocked;

    private ChatState(long id, boolean group, String title) {
        this.id = id;
        this.group = group;
        this.title = title;
    }

    static ChatState privateChat(long userId) {
        return new ChatState(userId, false, "");
    }

    static ChatState group(long chatId, String title) {
        return new ChatState(chatId, true, title);
    }

    int nextMessageId() {
        return ++lastMessageId;
    }
}

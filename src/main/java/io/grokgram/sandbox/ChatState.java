package io.grokgram.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One chat as one bot sees it: its messages (ids shared by both sides), live drafts by draft_id, and the feed of
 * events the web chat and tests read. Groups also know their members, their forum topics, whether the bot is in them
 * and whether they were upgraded to a supergroup. Guarded by the owning {@link BotState}'s lock.
 */
final class ChatState {
    /** Telegram's chat types the sandbox has. */
    enum Kind {
        PRIVATE,
        GROUP,
        SUPERGROUP
    }

    /** The bot's place in a group: never added (Telegram then says "chat not found"), a member, or removed. */
    enum BotMembership {
        NEVER,
        MEMBER,
        REMOVED
    }

    final long id;
    final Kind kind;
    /** Any chat with more than two people: a basic group or a supergroup. */
    final boolean group;

    final String title;
    /** A supergroup with topics ({@code is_forum}). */
    final boolean forum;

    final Map<Integer, ChatMessage> messages = new LinkedHashMap<>();
    final Map<Long, BotEvent> drafts = new LinkedHashMap<>();
    /** Drafts sent with can_stop (Bot API 10.3), by draft_id: whether keep_on_stop was asked. */
    final Map<Long, Boolean> stoppable = new LinkedHashMap<>();
    /** The people in a group, by user id, in the order they joined. */
    final Set<Long> members = new LinkedHashSet<>();
    /** The group's administrators (its creator first); they may change settings a bot offers to admins. */
    final Set<Long> admins = new LinkedHashSet<>();
    /** Forum topics by thread id (the id of their {@code forum_topic_created} message), with their names. */
    final Map<Integer, String> topics = new LinkedHashMap<>();

    final List<BotEvent> feed = new ArrayList<>();
    int lastMessageId;
    boolean blocked;
    BotMembership bot = BotMembership.MEMBER;
    /** The supergroup this basic group became; 0 while it was not upgraded. */
    long migratedTo;

    private ChatState(long id, Kind kind, String title, boolean forum) {
        this.id = id;
        this.kind = kind;
        this.group = kind != Kind.PRIVATE;
        this.title = title;
        this.forum = forum;
    }

    static ChatState privateChat(long userId) {
        return new ChatState(userId, Kind.PRIVATE, "", false);
    }

    static ChatState group(long chatId, String title) {
        return new ChatState(chatId, Kind.GROUP, title, false);
    }

    static ChatState supergroup(long chatId, String title, boolean forum) {
        return new ChatState(chatId, Kind.SUPERGROUP, title, forum);
    }

    int nextMessageId() {
        return ++lastMessageId;
    }

    /** Telegram's answer to anything the bot sends to a user who blocked it. */
    void checkNotBlocked() {
        if (blocked) {
            throw BotApiException.of(403, "Forbidden: bot was blocked by the user");
        }
    }

    /** Telegram's wording for the chat in its errors: "group chat" or "supergroup chat". */
    String wording() {
        return kind == Kind.SUPERGROUP ? "supergroup chat" : "group chat";
    }
}

package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What people do in groups: create them (with or without the bot, as a basic group or a forum supergroup), join and
 * leave, add and remove the bot, write (with mentions, replies, quotes, in topics), open topics and upgrade a group to
 * a supergroup. Each action becomes chat messages and the updates Telegram would queue for the bot.
 *
 * <p>Which messages reach the bot is Telegram's privacy mode ({@link PrivacyMode}). Service messages (joins, leaves,
 * topics, migrations) always do, while the bot is a member. Misuse by a test (writing to a group one is not in) throws
 * {@link IllegalArgumentException}, as elsewhere on the user side.
 */
final class GroupSide {
    /** Forum topic icon colour Telegram gives a topic created without one (0x6FB9F0). */
    private static final int DEFAULT_ICON_COLOR = 7_322_096;

    private final SandboxContext context;
    private final UserSide users;
    private final AtomicLong groups = new AtomicLong(4_000_000_000L);
    /** Supergroup ids are -100 followed by ten digits. */
    private final AtomicLong supergroups = new AtomicLong(1_001_000_000_000L);

    GroupSide(SandboxContext context, UserSide users) {
        this.context = context;
        this.users = users;
    }

    /** What a person writes into a group. */
    record Written(
            String text, List<RawEntity> entities, OptionalInt replyTo, OptionalInt topic, Optional<String> quote) {
        static Written text(String text) {
            return new Written(text, List.of(), OptionalInt.empty(), OptionalInt.empty(), Optional.empty());
        }
    }

    /**
     * A basic group made by {@code creator}. With the bot, it gets my_chat_member and {@code group_chat_created}, as
     * when a group is created with the bot among its first members.
     */
    long createGroup(BotState bot, UserProfile creator, String title, boolean withBot) {
        long id = -groups.incrementAndGet();
        bot.lock.lock();
        try {
            ChatState chat = ChatState.group(id, title);
            chat.members.add(creator.id());
            chat.admins.add(creator.id());
            chat.bot = withBot ? ChatState.BotMembership.MEMBER : ChatState.BotMembership.NEVER;
            bot.chats.put(id, chat);
            if (withBot) {
                users.memberStatus(bot, chat, creator, "left", "member");
                ObjectNode created = Json.object();
                created.put("group_chat_created", true);
                service(bot, chat, creator, created, OptionalInt.empty(), "created the group");
            }
            return id;
        } finally {
            bot.lock.unlock();
        }
    }

    /**
     * A supergroup with topics, the bot added right after it was made: my_chat_member and {@code new_chat_members}
     * (bots never see {@code supergroup_chat_created}: they cannot be members when a supergroup is created).
     */
    long createForum(BotState bot, UserProfile creator, String title) {
        long id = -supergroups.incrementAndGet();
        bot.lock.lock();
        try {
            ChatState chat = ChatState.supergroup(id, title, true);
            chat.members.add(creator.id());
            chat.admins.add(creator.id());
            chat.bot = ChatState.BotMembership.NEVER;
            bot.chats.put(id, chat);
            addBot(bot, creator, id);
            return id;
        } finally {
            bot.lock.unlock();
        }
    }

    void join(BotState bot, UserProfile user, long groupId) {
        bot.lock.lock();
        try {
            ChatState chat = group(bot, groupId);
            if (!chat.members.add(user.id())) {
                throw new IllegalArgumentException("user " + user.id() + " is already in group " + groupId);
            }
            ObjectNode joined = Json.object();
            joined.set("new_chat_participant", context.wire.user(user.id()));
            joined.set("new_chat_member", context.wire.user(user.id()));
            joined.putArray("new_chat_members").add(context.wire.user(user.id()));
            service(bot, chat, user, joined, OptionalInt.empty(), "joined the group");
        } finally {
            bot.lock.unlock();
        }
    }

    void leave(BotState bot, UserProfile user, long groupId) {
        bot.lock.lock();
        try {
            ChatState chat = memberOf(bot, user, groupId);
            chat.members.remove(user.id());
            ObjectNode left = Json.object();
            left.set("left_chat_participant", context.wire.user(user.id()));
            left.set("left_chat_member", context.wire.user(user.id()));
            service(bot, chat, user, left, OptionalInt.empty(), "left the group");
        } finally {
            bot.lock.unlock();
        }
    }

    /** A member adds the bot: my_chat_member (left or kicked → member), then {@code new_chat_members} with the bot. */
    void addBot(BotState bot, UserProfile user, long groupId) {
        bot.lock.lock();
        try {
            ChatState chat = memberOf(bot, user, groupId);
            if (chat.bot == ChatState.BotMembership.MEMBER) {
                throw new IllegalArgumentException("bot " + bot.username + " is already in group " + groupId);
            }
            String before = chat.bot == ChatState.BotMembership.REMOVED ? "kicked" : "left";
            chat.bot = ChatState.BotMembership.MEMBER;
            users.memberStatus(bot, chat, user, before, "member");
            ObjectNode added = Json.object();
            added.set("new_chat_participant", Wire.bot(bot, false));
            added.set("new_chat_member", Wire.bot(bot, false));
            added.putArray("new_chat_members").add(Wire.bot(bot, false));
            service(bot, chat, user, added, OptionalInt.empty(), "added " + bot.firstName);
        } finally {
            bot.lock.unlock();
        }
    }

    /**
     * A member removes the bot: my_chat_member (member → kicked); the bot hears nothing more from the group and its
     * calls there answer 403.
     */
    void removeBot(BotState bot, UserProfile user, long groupId) {
        bot.lock.lock();
        try {
            ChatState chat = memberOf(bot, user, groupId);
            if (chat.bot != ChatState.BotMembership.MEMBER) {
                throw new IllegalArgumentException("bot " + bot.username + " is not in group " + groupId);
            }
            users.memberStatus(bot, chat, user, "member", "kicked");
            chat.bot = ChatState.BotMembership.REMOVED;
            ObjectNode removed = Json.object();
            removed.set("left_chat_participant", Wire.bot(bot, false));
            removed.set("left_chat_member", Wire.bot(bot, false));
            service(bot, chat, user, removed, OptionalInt.empty(), "removed " + bot.firstName);
        } finally {
            bot.lock.unlock();
        }
    }

    /** A member writes; the bot receives it if privacy mode lets it ({@link PrivacyMode#reaches}). */
    int send(BotState bot, UserProfile user, long groupId, Written written) {
        bot.lock.lock();
        try {
            ChatState chat = memberOf(bot, user, groupId);
            OptionalInt thread = Topics.written(chat, written.replyTo(), written.topic());
            Optional<ChatMessage.Quote> quote = written.quote().map(part -> quote(chat, written, part));
            ChatMessage message = users.store(
                    bot,
                    chat,
                    user,
                    new ParsedText(written.text(), written.entities()),
                    written.replyTo(),
                    thread,
                    quote,
                    ChatMessage.Content.TEXT,
                    Optional.empty());
            if (chat.bot == ChatState.BotMembership.MEMBER && PrivacyMode.reaches(bot, chat, message)) {
                bot.updates.add("message", context.wire.message(bot, chat, message), context.clock.millis());
            }
            bot.changed.signalAll();
            return message.messageId();
        } finally {
            bot.lock.unlock();
        }
    }

    /** Opens a forum topic; its id is the id of its {@code forum_topic_created} message, which is in the topic. */
    int createTopic(BotState bot, UserProfile user, long groupId, String name) {
        if (name.isBlank() || name.codePointCount(0, name.length()) > 128) {
            throw new IllegalArgumentException("a topic name has 1-128 characters, got '" + name + "'");
        }
        bot.lock.lock();
        try {
            ChatState chat = memberOf(bot, user, groupId);
            if (!chat.forum) {
                throw new IllegalArgumentException("group " + groupId + " is not a forum; it has no topics");
            }
            ObjectNode created = Json.object();
            ObjectNode topic = created.putObject("forum_topic_created");
            topic.put("name", name);
            topic.put("icon_color", DEFAULT_ICON_COLOR);
            int id = chat.lastMessageId + 1;
            chat.topics.put(id, name);
            service(bot, chat, user, created, OptionalInt.of(id), "opened the topic " + name);
            return id;
        } finally {
            bot.lock.unlock();
        }
    }

    /**
     * Upgrades a basic group to a supergroup with a new id: the old group says {@code migrate_to_chat_id} and is dead
     * from then on (calls to it answer 400 with the new id), the new one says {@code migrate_from_chat_id}.
     */
    long upgrade(BotState bot, UserProfile user, long groupId) {
        bot.lock.lock();
        try {
            ChatState old = memberOf(bot, user, groupId);
            if (old.kind != ChatState.Kind.GROUP) {
                throw new IllegalArgumentException("chat " + groupId + " is not a basic group");
            }
            long id = -supergroups.incrementAndGet();
            ChatState upgraded = ChatState.supergroup(id, old.title, false);
            upgraded.members.addAll(old.members);
            upgraded.admins.addAll(old.admins);
            upgraded.bot = old.bot;
            bot.chats.put(id, upgraded);
            ObjectNode to = Json.object();
            to.put("migrate_to_chat_id", id);
            service(bot, old, user, to, OptionalInt.empty(), "upgraded the group to a supergroup");
            old.migratedTo = id;
            ObjectNode from = Json.object();
            from.put("migrate_from_chat_id", groupId);
            service(bot, upgraded, user, from, OptionalInt.empty(), "upgraded the group to a supergroup");
            return id;
        } finally {
            bot.lock.unlock();
        }
    }

    /**
     * The groups of the bot as the web chat lists them: id, type, title, forum flag, topics and members. Private
     * chats are listed by the page itself.
     */
    ArrayNode list(BotState bot) {
        ArrayNode result = Json.array();
        bot.lock.lock();
        try {
            List<ChatState> chats = new ArrayList<>(bot.chats.values());
            for (ChatState chat : chats) {
                if (!chat.group || chat.migratedTo != 0) {
                    continue;
                }
                ObjectNode node = context.wire.chat(chat);
                node.put("bot_is_member", chat.bot == ChatState.BotMembership.MEMBER);
                ArrayNode members = node.putArray("members");
                chat.members.forEach(member -> members.add(context.wire.user(member)));
                ArrayNode topics = node.putArray("topics");
                chat.topics.forEach((thread, name) ->
                        topics.addObject().put("message_thread_id", thread).put("name", name));
                result.add(node);
            }
            return result;
        } finally {
            bot.lock.unlock();
        }
    }

    /** A service message by {@code user}: stored, shown in the feed, and always delivered while the bot is in. */
    private void service(
            BotState bot, ChatState chat, UserProfile user, ObjectNode fields, OptionalInt thread, String shown) {
        ChatMessage message =
                ChatMessage.service(chat.nextMessageId(), chat.id, user.id(), context.now(), fields, thread);
        chat.messages.put(message.messageId(), message);
        context.record(
                bot,
                chat,
                BotEvent.Kind.USER_MESSAGE,
                message.messageId(),
                0,
                user.firstName() + " " + shown,
                List.of(),
                Optional.empty());
        if (chat.bot == ChatState.BotMembership.MEMBER) {
            bot.updates.add("message", context.wire.message(bot, chat, message), context.clock.millis());
        }
        bot.changed.signalAll();
    }

    /** A manual quote: a part of the replied message's text, found where it first occurs. */
    private static ChatMessage.Quote quote(ChatState chat, Written written, String part) {
        ChatMessage replied = written.replyTo().isPresent()
                ? chat.messages.get(written.replyTo().getAsInt())
                : null;
        if (replied == null) {
            throw new IllegalArgumentException("a quote needs a message to reply to in chat " + chat.id);
        }
        int position = part.isEmpty() ? -1 : replied.text().indexOf(part);
        if (position < 0) {
            throw new IllegalArgumentException(
                    "'" + part + "' is not part of message " + replied.messageId() + ": '" + replied.text() + "'");
        }
        return new ChatMessage.Quote(part, position);
    }

    /** A group that exists and was not upgraded away. */
    private static ChatState group(BotState bot, long groupId) {
        ChatState chat = bot.chats.get(groupId);
        if (chat == null || !chat.group) {
            throw new IllegalArgumentException("there is no group " + groupId + " of bot " + bot.username);
        }
        if (chat.migratedTo != 0) {
            throw new IllegalArgumentException(
                    "group " + groupId + " was upgraded to supergroup " + chat.migratedTo + "; write there");
        }
        return chat;
    }

    private static ChatState memberOf(BotState bot, UserProfile user, long groupId) {
        ChatState chat = group(bot, groupId);
        if (!chat.members.contains(user.id())) {
            throw new IllegalArgumentException(
                    "user " + user.id() + " is not a member of group " + groupId + "; joinGroup first");
        }
        return chat;
    }
}

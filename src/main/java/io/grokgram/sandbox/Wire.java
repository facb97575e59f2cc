package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Bot API object shapes (User, Chat, Message, MessageEntity), field order as Telegram writes them. Builds JSON only;
 * the caller holds whatever lock guards the data it passes in.
 */
final class Wire {
    private final LongFunction<Optional<UserProfile>> users;

    Wire(LongFunction<Optional<UserProfile>> users) {
        this.users = users;
    }

    ObjectNode user(long userId) {
        ObjectNode user = Json.object();
        user.put("id", userId);
        user.put("is_bot", false);
        Optional<UserProfile> profile = users.apply(userId);
        user.put("first_name", profile.map(UserProfile::firstName).orElse(""));
        profile.flatMap(UserProfile::username).ifPresent(username -> user.put("username", username));
        profile.map(UserProfile::languageCode)
                .filter(code -> !code.isEmpty())
                .ifPresent(code -> user.put("language_code", code));
        return user;
    }

    /** The bot as a User; with {@code full} the getMe flags. */
    static ObjectNode bot(BotState bot, boolean full) {
        ObjectNode user = Json.object();
        user.put("id", bot.id);
        user.put("is_bot", true);
        user.put("first_name", bot.firstName);
        user.put("username", bot.username);
        if (full) {
            user.put("can_join_groups", true);
            user.put("can_read_all_group_messages", false);
            user.put("supports_inline_queries", true);
            user.put("supports_guest_queries", true);
            user.put("can_connect_to_business", false);
            user.put("has_main_web_app", false);
            user.put("has_topics_enabled", false);
            user.put("allows_users_to_create_topics", false);
            user.put("can_manage_bots", false);
        }
        return user;
    }

    ObjectNode chat(ChatState chat) {
        ObjectNode node = Json.object();
        node.put("id", chat.id);
        if (chat.group) {
            node.put("title", chat.title);
            node.put("type", "group");
            node.put("all_members_are_administrators", true);
            return node;
        }
        Optional<UserProfile> profile = users.apply(chat.id);
        node.put("first_name", profile.map(UserProfile::firstName).orElse(""));
        profile.flatMap(UserProfile::username).ifPresent(username -> node.put("username", username));
        node.put("type", "private");
        return node;
    }

    ObjectNode message(BotState bot, ChatState chat, ChatMessage message) {
        ObjectNode node = Json.object();
        node.put("message_id", message.messageId());
        node.set("from", message.fromBot() ? bot(bot, false) : user(message.fromId()));
        node.set("chat", chat(chat));
        node.put("date", message.date().getEpochSecond());
        message.editDate().ifPresent(edit -> node.put("edit_date", edit.getEpochSecond()));
        message.replyToMessageId().ifPresent(replyTo -> {
            ChatMessage replied = chat.messages.get(replyTo);
            if (replied != null) {
                node.set("reply_to_message", message(bot, chat, replied.withoutReply()));
            }
        });
        switch (message.content()) {
            case TEXT -> {
                node.put("text", message.text());
                if (!message.entities().isEmpty()) {
                    node.set("entities", entities(message.entities()));
                }
            }
            case PHOTO -> {
                message.media().ifPresent(photo -> node.set("photo", photo));
                if (!message.text().isEmpty()) {
                    node.put("caption", message.text());
                    if (!message.entities().isEmpty()) {
                        node.set("caption_entities", entities(message.entities()));
                    }
                }
            }
            case STICKER -> message.media().ifPresent(sticker -> node.set("sticker", sticker));
        }
        message.replyMarkup().ifPresent(markup -> node.set("reply_markup", markup));
        return node;
    }

    ArrayNode entities(List<MessageEntity> entities) {
        ArrayNode array = Json.array();
        for (MessageEntity entity : entities) {
            ObjectNode node = array.addObject();
            node.put("offset", entity.offset());
            node.put("length", entity.length());
            node.put("type", entity.type());
            entity.url().ifPresent(url -> node.put("url", url));
            entity.userId().ifPresent(userId -> node.set("user", user(userId)));
            entity.language().ifPresent(language -> node.put("language", language));
            entity.customEmojiId().ifPresent(id -> node.put("custom_emoji_id", id));
        }
        return array;
    }

    /** A feed event for the web chat and the user-side HTTP API. */
    ObjectNode event(BotEvent event) {
        ObjectNode node = Json.object();
        node.put("seq", event.seq());
        node.put("at", event.at().toString());
        node.put("kind", event.kind().name().toLowerCase(java.util.Locale.ROOT));
        node.put("chat_id", event.chatId());
        node.put("message_id", event.messageId());
        node.put("draft_id", event.draftId());
        node.put("text", event.text());
        node.set("entities", entities(event.entities()));
        event.replyMarkup().ifPresent(markup -> node.set("reply_markup", markup));
        return node;
    }
}

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
            user.put("can_read_all_group_messages", !bot.groupPrivacy);
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
        switch (chat.kind) {
            case GROUP -> {
                node.put("title", chat.title);
                node.put("type", "group");
                node.put("all_members_are_administrators", true);
            }
            case SUPERGROUP -> {
                node.put("title", chat.title);
                node.put("type", "supergroup");
                if (chat.forum) {
                    node.put("is_forum", true);
                }
            }
            case PRIVATE -> {
                Optional<UserProfile> profile = users.apply(chat.id);
                node.put("first_name", profile.map(UserProfile::firstName).orElse(""));
                profile.flatMap(UserProfile::username).ifPresent(username -> node.put("username", username));
                node.put("type", "private");
            }
        }
        return node;
    }

    ObjectNode message(BotState bot, ChatState chat, ChatMessage message) {
        ObjectNode node = Json.object();
        node.put("message_id", message.messageId());
        message.threadId().ifPresent(thread -> node.put("message_thread_id", thread));
        node.set("from", message.fromBot() ? bot(bot, false) : user(message.fromId()));
        node.set("chat", chat(chat));
        node.put("date", message.date().getEpochSecond());
        message.editDate().ifPresent(edit -> node.put("edit_date", edit.getEpochSecond()));
        if (message.threadId().isPresent()) {
            node.put("is_topic_message", true);
        }
        replied(message, chat).ifPresent(replied -> {
            node.set("reply_to_message", message(bot, chat, replied.withoutReply()));
            message.quote().ifPresent(quote -> {
                ObjectNode quoted = node.putObject("quote");
                quoted.put("text", quote.text());
                quoted.put("position", quote.position());
                quoted.put("is_manual", true);
            });
        });
        switch (message.content()) {
            case TEXT -> {
                node.put("text", message.text());
                if (!message.entities().isEmpty()) {
                    node.set("entities", entities(bot, message.entities()));
                }
            }
            case PHOTO -> {
                message.media().ifPresent(photo -> node.set("photo", photo));
                caption(bot, message, node);
            }
            case DOCUMENT -> {
                message.media().ifPresent(document -> node.set("document", document));
                caption(bot, message, node);
            }
            case STICKER -> message.media().ifPresent(sticker -> node.set("sticker", sticker));
            case SERVICE -> message.media().ifPresent(fields -> node.setAll((ObjectNode) fields.deepCopy()));
            case INVOICE -> message.media().ifPresent(invoice -> node.set("invoice", invoice));
        }
        message.replyMarkup().ifPresent(markup -> node.set("reply_markup", markup));
        return node;
    }

    /**
     * The message shown as {@code reply_to_message}. In a forum topic a message that replies to nothing still carries
     * the topic's {@code forum_topic_created} message there, as Telegram does: bots must not take that for a reply.
     */
    private static Optional<ChatMessage> replied(ChatMessage message, ChatState chat) {
        if (message.replyToMessageId().isPresent()) {
            return Optional.ofNullable(
                    chat.messages.get(message.replyToMessageId().getAsInt()));
        }
        if (message.threadId().isPresent() && message.threadId().getAsInt() != message.messageId()) {
            return Optional.ofNullable(chat.messages.get(message.threadId().getAsInt()));
        }
        return Optional.empty();
    }

    private void caption(BotState bot, ChatMessage message, ObjectNode node) {
        if (!message.text().isEmpty()) {
            node.put("caption", message.text());
            if (!message.entities().isEmpty()) {
                node.set("caption_entities", entities(bot, message.entities()));
            }
        }
    }

    /** Entities of a bot's chat: a text mention of the bot itself shows the bot as its user. */
    ArrayNode entities(BotState bot, List<MessageEntity> entities) {
        ArrayNode array = entities(entities);
        for (int i = 0; i < entities.size(); i++) {
            if (entities.get(i).userId().orElse(0) == bot.id) {
                ((ObjectNode) array.get(i)).set("user", bot(bot, false));
            }
        }
        return array;
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

package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * sendMessage, editMessageText, sendMessageDraft, sendChatAction, deleteMessage and answerCallbackQuery. Each checks
 * in Telegram's order: first what the Bot API server parses (text markup, JSON parameters), then the chat, then what
 * TDLib and the server check while sending (entities, length, reply target, block, flood limits). Nothing changes
 * unless every check passed. Sends, edits and drafts count against the chat's and the bot's flood limits, chat actions
 * against the bot's only ({@link RateLimits}).
 */
final class MessageMethods {
    private static final Set<String> ACTIONS = Set.of(
            "cancel",
            "typing",
            "record_video",
            "upload_video",
            "record_audio",
            "record_voice",
            "upload_audio",
            "upload_voice",
            "upload_photo",
            "upload_document",
            "choose_sticker",
            "pick_up_location",
            "find_location",
            "record_video_note",
            "upload_video_note");

    /** answerCallbackQuery's {@code text}: "0-200 characters" in the Bot API documentation. */
    private static final int MAX_CALLBACK_ANSWER = 200;

    private final SandboxContext context;

    MessageMethods(SandboxContext context) {
        this.context = context;
    }

    JsonNode sendMessage(BotState bot, Params params) {
        ParsedText parsed = MessageText.parseText(params);
        ReplyMarkups.Markup markup = ReplyMarkups.parse(params.arg("reply_markup"));
        ReplyTo replyTo = ReplyTo.parse(params);
        bot.lock.lock();
        try {
            ChatState chat = context.chat(bot, params.arg("chat_id"));
            MessageText.Final message = MessageText.finish(parsed, false, true);
            MessageText.checkLength(message);
            ChatMessage stored = BotSends.store(
                    context,
                    bot,
                    chat,
                    params,
                    message,
                    markup,
                    markup.check(),
                    replyTo,
                    ChatMessage.Content.TEXT,
                    Optional::empty);
            context.record(
                    bot,
                    chat,
                    BotEvent.Kind.SENT,
                    stored.messageId(),
                    0,
                    stored.text(),
                    stored.entities(),
                    stored.replyMarkup());
            return context.wire.message(bot, chat, stored);
        } finally {
            bot.lock.unlock();
        }
    }

    JsonNode editMessageText(BotState bot, Params params) {
        ParsedText parsed = MessageText.parseText(params);
        ReplyMarkups.Markup markup = ReplyMarkups.parse(params.arg("reply_markup"));
        int messageId = messageId(params);
        if (params.arg("chat_id").isEmpty() && messageId == 0) {
            if (params.arg("inline_message_id").isEmpty()) {
                throw BotApiException.badRequest("message identifier is not specified");
            }
            throw BotApiException.badRequest("MESSAGE_ID_INVALID");
        }
        bot.lock.lock();
        try {
            ChatState chat = context.chat(bot, params.arg("chat_id"));
            ChatMessage current = messageId <= 0 ? null : chat.messages.get(messageId);
            if (current == null) {
                throw BotApiException.badRequest("message to edit not found");
            }
            if (!current.fromBot()) {
                throw BotApiException.badRequest("message can't be edited");
            }
            if (current.content() != ChatMessage.Content.TEXT) {
                throw BotApiException.badRequest("there is no text in the message to edit");
            }
            TextEdit edit = TextEdit.check(current, parsed, markup);
            chat.checkNotBlocked();
            markup.checkCallbackData();
            context.acquireRate(bot, chat);
            ChatMessage edited = edit.applyTo(current, context.now());
            chat.messages.put(messageId, edited);
            context.record(
                    bot, chat, BotEvent.Kind.EDITED, messageId, 0, edited.text(), edited.entities(), edit.keyboard());
            return context.wire.message(bot, chat, edited);
        } finally {
            bot.lock.unlock();
        }
    }

    /**
     * Drafts (Bot API 9.3+, all bots since 9.5): private chats only, a non-zero draft_id, text of 0–4096 characters
     * where empty shows "Thinking…". A draft creates no message; a real message from the bot clears all drafts of the
     * chat. Telegram's texts for a group chat and a zero draft_id are not public; ours are marked in the report.
     */
    JsonNode sendMessageDraft(BotState bot, Params params) {
        long draftId = params.longArg("draft_id");
        ParsedText parsed = MessageText.parse(params.arg("text"), params.arg("parse_mode"), params.arg("entities"));
        bot.lock.lock();
        try {
            ChatState chat = context.chat(bot, params.arg("chat_id"));
            MessageText.Final draft = MessageText.finish(parsed, true, true);
            if (chat.group) {
                throw BotApiException.badRequest("draft can be sent only to private chats");
            }
            if (draftId == 0) {
                throw BotApiException.badRequest("draft_id must be non-zero");
            }
            MessageText.checkLength(draft);
            chat.checkNotBlocked();
            context.acquireRate(bot, chat);
            BotEvent event = context.record(
                    bot, chat, BotEvent.Kind.DRAFT, 0, draftId, draft.text(), draft.entities(), Optional.empty());
            chat.drafts.put(draftId, event);
            if (params.bool("can_stop")) {
                chat.stoppable.put(draftId, params.bool("keep_on_stop"));
            } else {
                chat.stoppable.remove(draftId);
            }
            return BooleanNode.TRUE;
        } finally {
            bot.lock.unlock();
        }
    }

    JsonNode sendChatAction(BotState bot, Params params) {
        String action = params.arg("action").toLowerCase(Locale.ROOT);
        if (!ACTIONS.contains(action)) {
            throw BotApiException.badRequest("wrong parameter action in request");
        }
        bot.lock.lock();
        try {
            ChatState chat = context.chat(bot, params.arg("chat_id"));
            chat.checkNotBlocked();
            context.acquireChatActionRate(bot);
            context.record(bot, chat, BotEvent.Kind.ACTION, 0, 0, action, List.of(), Optional.empty());
            return BooleanNode.TRUE;
        } finally {
            bot.lock.unlock();
        }
    }

    /** Bots may delete their own messages anywhere and the user's messages in private chats. */
    JsonNode deleteMessage(BotState bot, Params params) {
        if (params.arg("chat_id").isEmpty()) {
            throw BotApiException.badRequest("chat identifier is not specified");
        }
        int messageId = messageId(params);
        if (messageId == 0) {
            throw BotApiException.badRequest("message identifier is not specified");
        }
        bot.lock.lock();
        try {
            ChatState chat = context.chat(bot, params.arg("chat_id"));
            ChatMessage message = chat.messages.get(messageId);
            if (message == null) {
                throw BotApiException.badRequest("message to delete not found");
            }
            if (chat.group && !message.fromBot()) {
                throw BotApiException.badRequest("message can't be deleted");
            }
            chat.messages.remove(messageId);
            context.record(bot, chat, BotEvent.Kind.DELETED, messageId, 0, "", List.of(), Optional.empty());
            return BooleanNode.TRUE;
        } finally {
            bot.lock.unlock();
        }
    }

    /**
     * Accepts each callback query once; unknown or answered ids get Telegram's "query is too old" error. The toast
     * may have 0–200 characters; a longer one is refused with Telegram's server constant and leaves the query open,
     * so the bot can answer again with a shorter text.
     */
    JsonNode answerCallbackQuery(BotState bot, Params params) {
        String text = params.arg("text");
        if (text.codePointCount(0, text.length()) > MAX_CALLBACK_ANSWER) {
            throw BotApiException.badRequest("MESSAGE_TOO_LONG");
        }
        bot.lock.lock();
        try {
            String id = params.arg("callback_query_id");
            if (!bot.openCallbackQueries.remove(id)) {
                throw BotApiException.badRequest(
                        "query is too old and response timeout expired or query ID is invalid");
            }
            bot.callbackAnswers.put(
                    id,
                    new CallbackAnswer(
                            id, text.isEmpty() ? Optional.empty() : Optional.of(text), params.bool("show_alert")));
            // the web chat waits for the answer to show its toast
            bot.changed.signalAll();
            return BooleanNode.TRUE;
        } finally {
            bot.lock.unlock();
        }
    }

    /** Client.cpp {@code get_message_id}: lenient int32, negatives read as 0. */
    private static int messageId(Params params) {
        return Math.max(0, Params.toInt(params.arg("message_id")));
    }
}

package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * answerInlineQuery, answerGuestQuery (Bot API 10.0) and editMessageText by {@code inline_message_id}, checked in
 * Telegram's order like {@link MessageMethods}: what the Bot API server parses, then TDLib, then the server.
 *
 * <p>Counting: answerInlineQuery sends no message and counts against no flood limit (Telegram documents none for it);
 * an answer to a guest query puts a message in a chat the bot does not know, so it counts against the bot's limit
 * only; an inline edit counts like any edit, against the chat it sits in and the bot. An unknown, expired or already
 * answered query id gets the server's QUERY_ID_INVALID in the Bot API's words, "query is too old and response timeout
 * expired or query ID is invalid", for inline and guest queries alike.
 */
final class InlineMethods {
    private static final String QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid";
    private static final int MAX_NEXT_OFFSET_BYTES = 64;
    private static final int MAX_START_PARAMETER = 64;

    private final SandboxContext context;

    InlineMethods(SandboxContext context) {
        this.context = context;
    }

    /** Client.cpp: an edit without chat_id and message_id is an inline edit, whatever else is given. */
    static boolean targetsInline(Params params) {
        return params.arg("chat_id").isEmpty() && Math.max(0, Params.toInt(params.arg("message_id"))) == 0;
    }

    JsonNode answerInlineQuery(BotState bot, Params params) {
        long queryId = Params.toLong(params.arg("inline_query_id"));
        boolean personal = params.bool("is_personal");
        int cacheTime = params.integer("cache_time", 300, 0, 24 * 60 * 60);
        String nextOffset = params.arg("next_offset");
        Optional<InlineAnswer.Button> button = button(params.arg("button"));
        List<InlineResults.Parsed> parsed = InlineResults.parseList(params.arg("results"));
        button.ifPresent(InlineMethods::checkButton);
        List<InlineAnswer.Result> results = new ArrayList<>();
        for (InlineResults.Parsed result : parsed) {
            results.add(InlineResults.finish(result));
        }
        bot.lock.lock();
        try {
            InlineState.Query query = bot.inline.queries.get(queryId);
            if (query == null
                    || query.answer.isPresent()
                    || Duration.between(query.at, context.now()).compareTo(InlineState.ANSWER_WINDOW) > 0) {
                throw BotApiException.badRequest(QUERY_INVALID);
            }
            InlineResults.checkOnServer(parsed, results);
            if (nextOffset.getBytes(StandardCharsets.UTF_8).length > MAX_NEXT_OFFSET_BYTES) {
                throw BotApiException.badRequest("NEXT_OFFSET_INVALID");
            }
            query.answer = Optional.of(new InlineAnswer(results, cacheTime, personal, button, nextOffset));
            bot.changed.signalAll();
            return BooleanNode.TRUE;
        } finally {
            bot.lock.unlock();
        }
    }

    /**
     * Posts the result in the chat of the guest query, from the bot, marked with the caller; answers {@code
     * SentGuestMessage}. The message always gets an inline_message_id: it is the only way to edit it.
     */
    JsonNode answerGuestQuery(BotState bot, Params params) {
        long guestQueryId = Params.toLong(params.arg("guest_query_id"));
        InlineResults.Parsed parsed = InlineResults.parseOne(params.arg("result"));
        InlineAnswer.Result result = InlineResults.finish(parsed);
        bot.lock.lock();
        try {
            InlineState.Guest guest = bot.inline.guestQueries.get(guestQueryId);
            if (guest == null || guest.answered) {
                throw BotApiException.badRequest(QUERY_INVALID);
            }
            InlineResults.checkOnServer(List.of(parsed), List.of(result));
            context.acquireChatActionRate(bot);
            ChatState chat = bot.inline.chat(bot, guest.chatId);
            ChatMessage message = new ChatMessage(
                    chat.nextMessageId(),
                    chat.id,
                    bot.id,
                    true,
                    context.now(),
                    Optional.empty(),
                    result.text(),
                    result.entities(),
                    result.replyMarkup(),
                    OptionalInt.empty(),
                    ChatMessage.Content.TEXT,
                    Optional.empty());
            chat.messages.put(message.messageId(), message);
            BotEvent sent = context.record(
                    bot,
                    chat,
                    BotEvent.Kind.SENT,
                    message.messageId(),
                    0,
                    message.text(),
                    message.entities(),
                    message.replyMarkup());
            String inlineMessageId = bot.inline.nextInlineMessageId(chat.id, message.messageId());
            bot.inline.messages.put(
                    inlineMessageId,
                    new InlineState.Editable(
                            inlineMessageId,
                            InlineMessage.Origin.GUEST_ANSWER,
                            chat.id,
                            message.messageId(),
                            guest.callerId,
                            List.of(sent)));
            guest.answered = true;
            ObjectNode sentGuestMessage = Json.object();
            sentGuestMessage.put("inline_message_id", inlineMessageId);
            return sentGuestMessage;
        } finally {
            bot.lock.unlock();
        }
    }

    /** editMessageText with inline_message_id: the same checks as any edit; answers {@code true}, not the message. */
    JsonNode editMessageText(BotState bot, Params params) {
        ParsedText parsed = MessageText.parseText(params);
        ReplyMarkups.Markup markup = ReplyMarkups.parse(params.arg("reply_markup"));
        String inlineMessageId = params.arg("inline_message_id");
        if (inlineMessageId.isEmpty()) {
            throw BotApiException.badRequest("message identifier is not specified");
        }
        bot.lock.lock();
        try {
            InlineState.Editable editable = bot.inline.messages.get(inlineMessageId);
            ChatState chat = editable == null ? null : bot.inline.chat(bot, editable.chatId());
            ChatMessage current = chat == null ? null : chat.messages.get(editable.messageId());
            if (current == null) {
                throw BotApiException.badRequest("MESSAGE_ID_INVALID");
            }
            TextEdit edit = TextEdit.check(current, parsed, markup);
            markup.checkCallbackData();
            context.acquireRate(bot, chat);
            ChatMessage edited = edit.applyTo(current, context.now());
            chat.messages.put(edited.messageId(), edited);
            editable.events()
                    .add(context.record(
                            bot,
                            chat,
                            BotEvent.Kind.EDITED,
                            edited.messageId(),
                            0,
                            edited.text(),
                            edited.entities(),
                            edit.keyboard()));
            return BooleanNode.TRUE;
        } finally {
            bot.lock.unlock();
        }
    }

    /** Client.cpp {@code get_inline_query_results_button}: JSON shape only; TDLib checks the parameter later. */
    private static Optional<InlineAnswer.Button> button(String json) {
        if (json.isEmpty()) {
            return Optional.empty();
        }
        JsonNode value = Json.parseOrNull(json);
        if (value == null) {
            throw BotApiException.badRequest("can't parse inline query results button JSON object");
        }
        try {
            if (!value.isObject()) {
                throw new JsonFields.FieldException("InlineQueryResultsButton must be an Object");
            }
            String text = JsonFields.requiredString(value, "text");
            if (value.has("start_parameter")) {
                return Optional.of(new InlineAnswer.Button(
                        text, Optional.of(JsonFields.requiredString(value, "start_parameter")), Optional.empty()));
            }
            if (value.has("web_app")) {
                JsonNode webApp = JsonFields.requiredObject(value, "web_app");
                return Optional.of(new InlineAnswer.Button(
                        text, Optional.empty(), Optional.of(JsonFields.requiredString(webApp, "url"))));
            }
            throw new JsonFields.FieldException("InlineQueryResultsButton must have exactly one optional field");
        } catch (JsonFields.FieldException e) {
            throw BotApiException.badRequest("can't parse inline query results button: " + e.getMessage());
        }
    }

    /** TDLib's {@code answer_inline_query}: a start parameter is 1–64 base64url characters. */
    private static void checkButton(InlineAnswer.Button button) {
        button.startParameter().ifPresent(parameter -> {
            if (parameter.isEmpty()) {
                throw BotApiException.tdlib("Can't use empty start_parameter");
            }
            if (parameter.getBytes(StandardCharsets.UTF_8).length > MAX_START_PARAMETER) {
                throw BotApiException.tdlib("Too long start_parameter specified");
            }
            if (!parameter.matches("[A-Za-z0-9_-]+")) {
                throw BotApiException.tdlib("Unallowed characters in start_parameter are used");
            }
        });
    }
}

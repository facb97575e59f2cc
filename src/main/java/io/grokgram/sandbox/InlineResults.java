package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code InlineQueryResult} objects (answerInlineQuery's {@code results}, answerGuestQuery's {@code result}) with
 * Telegram's checks in its three phases: the Bot API server reads the JSON (Client.cpp {@code
 * get_inline_query_result}: type, id, the message content, the keyboard, the title), TDLib checks the message and the
 * keyboard like any message's, and Telegram's server refuses what only it checks with its constants (RESULT_ID_*,
 * ARTICLE_TITLE_EMPTY, MESSAGE_TOO_LONG, BUTTON_DATA_INVALID). Only articles with a text message exist in the sandbox;
 * other result types are refused as the server refuses unknown ones.
 */
final class InlineResults {
    /** Bot API: at most 50 results per answer (Client.cpp {@code MAX_INLINE_QUERY_RESULT_COUNT}). */
    static final int MAX_RESULTS = 50;

    private static final int MAX_ID_BYTES = 64;

    private InlineResults() {}

    /** A result as the Bot API server parsed it, before TDLib's checks. */
    record Parsed(String id, String title, String description, ParsedText text, ReplyMarkups.Markup markup) {}

    /** answerInlineQuery's {@code results}: empty means no results, as in Telegram. */
    static List<Parsed> parseList(String json) {
        if (json.isEmpty()) {
            return List.of();
        }
        JsonNode values = decode(json, "can't parse JSON encoded inline query results: ");
        if (values.isNull()) {
            return List.of();
        }
        if (!values.isArray()) {
            throw BotApiException.badRequest("expected an Array of inline query results");
        }
        if (values.size() > MAX_RESULTS) {
            throw BotApiException.badRequest("too many inline query results specified");
        }
        List<Parsed> results = new ArrayList<>();
        for (JsonNode value : values) {
            try {
                results.add(parse(value));
            } catch (JsonFields.FieldException e) {
                throw BotApiException.badRequest("can't parse inline query result: " + e.getMessage());
            } catch (BotApiException e) {
                throw BotApiException.badRequest("can't parse inline query result: " + capitalized(e));
            }
        }
        return results;
    }

    /** answerGuestQuery's (and answerWebAppQuery's) single {@code result}: errors carry no prefix there. */
    static Parsed parseOne(String json) {
        if (json.isEmpty()) {
            throw BotApiException.badRequest("result isn't specified");
        }
        // sic: the Bot API server's text, without a colon
        JsonNode value = decode(json, "can't parse JSON encoded web view query results ");
        try {
            return parse(value);
        } catch (JsonFields.FieldException e) {
            throw BotApiException.tdlib(e.getMessage());
        }
    }

    /** TDLib's phase: the keyboard must be an inline one with valid buttons, the text valid after parsing. */
    static InlineAnswer.Result finish(Parsed parsed) {
        if (parsed.markup().present() && parsed.markup().inlineKeyboard().isEmpty()) {
            throw BotApiException.badRequest("inline keyboard expected");
        }
        Optional<JsonNode> keyboard = parsed.markup().check();
        MessageText.Final text = MessageText.finish(parsed.text(), false, true);
        return new InlineAnswer.Result(
                parsed.id(), parsed.title(), parsed.description(), text.text(), text.entities(), keyboard);
    }

    /** Telegram's server: ids of 1–64 bytes, unique per answer; a title; the text within a message's limit. */
    static void checkOnServer(List<Parsed> parsed, List<InlineAnswer.Result> results) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < results.size(); i++) {
            InlineAnswer.Result result = results.get(i);
            int idBytes = result.id().getBytes(StandardCharsets.UTF_8).length;
            if (idBytes == 0) {
                throw BotApiException.badRequest("RESULT_ID_EMPTY");
            }
            if (idBytes > MAX_ID_BYTES) {
                throw BotApiException.badRequest("RESULT_ID_INVALID");
            }
            if (!ids.add(result.id())) {
                throw BotApiException.badRequest("RESULT_ID_DUPLICATE");
            }
            if (result.title().isBlank()) {
                throw BotApiException.badRequest("ARTICLE_TITLE_EMPTY");
            }
            if (result.text().length() > MessageText.MAX_LENGTH) {
                throw BotApiException.badRequest("MESSAGE_TOO_LONG");
            }
            parsed.get(i).markup().checkCallbackData();
        }
    }

    private static Parsed parse(JsonNode value) {
        if (!value.isObject()) {
            throw new JsonFields.FieldException("Inline query result must be an object");
        }
        String type = JsonFields.requiredString(value, "type").toLowerCase(Locale.ROOT);
        String id = JsonFields.requiredString(value, "id");
        boolean article = type.equals("article");
        Optional<ParsedText> text = messageText(value, article);
        ReplyMarkups.Markup markup = markup(value);
        if (!article || text.isEmpty()) {
            // the real server knows photos, documents, …; the sandbox has no files, so they are as unknown here
            throw new JsonFields.FieldException("type \"" + type + "\" is unsupported for the inline query result");
        }
        String title = JsonFields.requiredString(value, "title");
        String description = JsonFields.optionalString(value, "description");
        return new Parsed(id, title, description, text.get(), markup);
    }

    /**
     * {@code input_message_content} with a message_text, or the legacy top-level {@code message_text}; empty only for
     * a media result without either, which the sandbox refuses anyway.
     */
    private static Optional<ParsedText> messageText(JsonNode value, boolean required) {
        JsonNode content = value.get("input_message_content");
        if (content == null || content.isNull()) {
            String text = required
                    ? JsonFields.requiredString(value, "message_text")
                    : JsonFields.optionalString(value, "message_text");
            if (!required && text.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(parseText(text, JsonFields.optionalString(value, "parse_mode"), value.get("entities")));
        }
        if (!content.isObject()) {
            throw new JsonFields.FieldException("Field \"input_message_content\" must be of type Object");
        }
        String text = JsonFields.optionalString(content, "message_text");
        if (text.isEmpty()) {
            if (required) {
                throw new JsonFields.FieldException("Input message content is not specified");
            }
            return Optional.empty();
        }
        return Optional.of(parseText(text, JsonFields.optionalString(content, "parse_mode"), content.get("entities")));
    }

    private static ParsedText parseText(String text, String parseMode, JsonNode entities) {
        if (text.isEmpty()) {
            throw new JsonFields.FieldException("Message text is empty");
        }
        return MessageText.parse(text, parseMode, entities == null ? "" : Json.write(entities));
    }

    private static ReplyMarkups.Markup markup(JsonNode value) {
        JsonNode markup = value.get("reply_markup");
        if (markup == null || markup.isNull()) {
            return ReplyMarkups.Markup.NONE;
        }
        if (!markup.isObject()) {
            throw new JsonFields.FieldException("Field \"reply_markup\" must be of type Object");
        }
        return ReplyMarkups.parse(Json.write(markup));
    }

    private static JsonNode decode(String json, String prefix) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw BotApiException.badRequest(prefix + e.getOriginalMessage());
        }
    }

    /** The inner error as the server nests it: its own first letter kept, only the outer one lower-cased. */
    private static String capitalized(BotApiException e) {
        String prefix = "Bad Request: ";
        String detail =
                e.description().startsWith(prefix) ? e.description().substring(prefix.length()) : e.description();
        return detail.isEmpty() ? detail : Character.toUpperCase(detail.charAt(0)) + detail.substring(1);
    }
}

package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The {@code reply_markup} parameter with Telegram's checks, in its three stages: JSON shape as the Bot API server
 * reads it ({@link #parse}, before the chat is looked at), TDLib's checks of button texts and URLs
 * ({@link Markup#check}), and the server's limit on callback data ({@link Markup#checkCallbackData}). Only inline
 * keyboards are stored on messages and echoed back, normalised to the fields Telegram returns.
 */
final class ReplyMarkups {
    private ReplyMarkups() {}

    /** A parsed markup: an inline keyboard (kept on the message) or another kind (accepted, not shown). */
    record Markup(Optional<ObjectNode> inlineKeyboard, boolean present) {
        static final Markup NONE = new Markup(Optional.empty(), false);

        /** TDLib's checks on inline buttons; returns the keyboard as Telegram echoes it. */
        Optional<JsonNode> check() {
            if (inlineKeyboard.isEmpty()) {
                return Optional.empty();
            }
            ArrayNode rows = Json.array();
            for (JsonNode row : inlineKeyboard.get().get("inline_keyboard")) {
                ArrayNode newRow = rows.addArray();
                for (JsonNode button : row) {
                    newRow.add(checkButton(button));
                }
            }
            ObjectNode keyboard = Json.object();
            keyboard.set("inline_keyboard", rows);
            return Optional.of(keyboard);
        }

        /** Telegram's server refuses callback data over 64 bytes with a constant, after TDLib's checks. */
        void checkCallbackData() {
            inlineKeyboard.ifPresent(keyboard -> {
                for (JsonNode row : keyboard.get("inline_keyboard")) {
                    for (JsonNode button : row) {
                        String data = button.path("callback_data").asText("");
                        if (data.getBytes(StandardCharsets.UTF_8).length > 64) {
                            throw BotApiException.badRequest("BUTTON_DATA_INVALID");
                        }
                    }
                }
            });
        }
    }

    static Markup parse(String replyMarkup) {
        if (replyMarkup.isEmpty()) {
            return Markup.NONE;
        }
        JsonNode value = Json.parseOrNull(replyMarkup);
        if (value == null) {
            throw BotApiException.badRequest("can't parse reply keyboard markup JSON object");
        }
        if (!value.isObject()) {
            throw BotApiException.badRequest("object expected as reply markup");
        }
        try {
            JsonNode keyboard = value.get("keyboard");
            if (keyboard != null) {
                if (!keyboard.isArray()) {
                    throw new JsonFields.FieldException("Field \"keyboard\" must be of type Array");
                }
                for (JsonNode row : keyboard) {
                    if (!row.isArray()) {
                        throw BotApiException.badRequest("field \"keyboard\" must be an Array of Arrays");
                    }
                }
            }
            JsonNode inline = value.get("inline_keyboard");
            if (inline == null || (keyboard != null && !keyboard.isEmpty())) {
                return new Markup(Optional.empty(), true);
            }
            if (!inline.isArray()) {
                throw new JsonFields.FieldException("Field \"inline_keyboard\" must be of type Array");
            }
            ObjectNode normalized = Json.object();
            ArrayNode rows = normalized.putArray("inline_keyboard");
            for (JsonNode row : inline) {
                if (!row.isArray()) {
                    throw BotApiException.badRequest(
                            "field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array of Arrays");
                }
                ArrayNode newRow = rows.addArray();
                for (JsonNode button : row) {
                    newRow.add(parseButton(button));
                }
            }
            return rows.isEmpty() ? new Markup(Optional.empty(), true) : new Markup(Optional.of(normalized), true);
        } catch (JsonFields.FieldException e) {
            throw BotApiException.tdlib(e.getMessage());
        }
    }

    /** Client.cpp {@code get_inline_keyboard_button}: the text and the first button type present. */
    private static ObjectNode parseButton(JsonNode button) {
        try {
            if (!button.isObject()) {
                throw new JsonFields.FieldException("InlineKeyboardButton must be an Object");
            }
            ObjectNode result = Json.object();
            result.put("text", JsonFields.requiredString(button, "text"));
            String url = JsonFields.optionalString(button, "url");
            if (!url.isEmpty()) {
                result.put("url", url);
                return result;
            }
            String callbackData = JsonFields.optionalString(button, "callback_data");
            if (!callbackData.isEmpty()) {
                result.put("callback_data", callbackData);
                return result;
            }
            for (String type : new String[] {
                "callback_game",
                "pay",
                "switch_inline_query",
                "switch_inline_query_chosen_chat",
                "switch_inline_query_current_chat",
                "login_url",
                "web_app",
                "copy_text"
            }) {
                if (button.has(type)) {
                    result.set(type, button.get(type).deepCopy());
                    return result;
                }
            }
            throw new JsonFields.FieldException("Text buttons are unallowed in the inline keyboard");
        } catch (JsonFields.FieldException e) {
            throw BotApiException.badRequest("can't parse inline keyboard button: " + e.getMessage());
        }
    }

    private static ObjectNode checkButton(JsonNode button) {
        String text = button.get("text").textValue();
        if (text.isEmpty()) {
            throw BotApiException.tdlib("Inline keyboard button text must be non-empty");
        }
        ObjectNode result = ((ObjectNode) button).deepCopy();
        if (button.has("web_app")) {
            WebApps.checkUrl(button.get("web_app").path("url").asText(""), "Inline keyboard button");
        }
        if (button.has("url")) {
            String url = button.get("url").textValue();
            switch (Links.check(url)) {
                case Links.Checked.Valid(String checked) -> result.put("url", checked);
                case Links.Checked.Invalid(String reason) ->
                    throw BotApiException.tdlib("Inline keyboard button " + Links.invalidMessage(url, reason));
            }
        }
        return result;
    }
}

package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * The new text and keyboard of an editMessageText, whether the message is addressed by chat and id or by {@code
 * inline_message_id}: TDLib's checks in its order (text, length, keyboard), then the refusal of an edit that changes
 * nothing, which Telegram answers with 400 rather than success.
 */
record TextEdit(MessageText.Final text, Optional<JsonNode> keyboard) {

    static TextEdit check(ChatMessage current, ParsedText parsed, ReplyMarkups.Markup markup) {
        MessageText.Final message = MessageText.finish(parsed, false, true);
        MessageText.checkLength(message);
        if (markup.present() && markup.inlineKeyboard().isEmpty()) {
            throw BotApiException.badRequest("inline keyboard expected");
        }
        Optional<JsonNode> keyboard = markup.check();
        if (current.text().equals(message.text())
                && current.entities().equals(message.entities())
                && current.replyMarkup().equals(keyboard)) {
            throw BotApiException.badRequest("message is not modified: specified new message content and reply"
                    + " markup are exactly the same as a current content and reply markup of the message");
        }
        return new TextEdit(message, keyboard);
    }

    ChatMessage applyTo(ChatMessage current, Instant at) {
        return current.edited(at, text.text(), text.entities(), keyboard);
    }
}

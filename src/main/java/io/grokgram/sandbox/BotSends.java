package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * The second half of sendMessage, sendDocument and sendInvoice, once the text or caption is final: the checks Telegram
 * makes while sending, in its order (keyboard, checked by the caller; topic and reply target, block, callback data,
 * flood limits), then the message is stored and the chat's drafts end, as any real message from the bot ends them.
 * Nothing is stored unless every check passed, and {@code media} is only built then, so a refused send uses up no
 * file id.
 */
final class BotSends {
    private BotSends() {}

    /**
     * @param keyboard the markup's keyboard as {@code markup.check()} gives it, or checked further by the caller (an
     *     invoice's pay button): the caller checks it before anything else, as Telegram does
     */
    static ChatMessage store(
            SandboxContext context,
            BotState bot,
            ChatState chat,
            Params params,
            MessageText.Final text,
            ReplyMarkups.Markup markup,
            Optional<JsonNode> keyboard,
            ReplyTo replyTo,
            ChatMessage.Content content,
            Supplier<Optional<JsonNode>> media) {
        OptionalInt thread = Topics.requested(chat, params);
        OptionalInt replyToId = replyTo.resolve(chat, thread);
        Optional<ChatMessage.Quote> quote = replyTo.quote(chat, replyToId);
        thread = Topics.landing(chat, thread, replyToId);
        chat.checkNotBlocked();
        markup.checkCallbackData();
        context.acquireRate(bot, chat);
        ChatMessage stored = new ChatMessage(
                chat.nextMessageId(),
                chat.id,
                bot.id,
                true,
                context.now(),
                Optional.empty(),
                text.text(),
                text.entities(),
                keyboard,
                replyToId,
                content,
                media.get(),
                thread,
                quote);
        chat.messages.put(stored.messageId(), stored);
        chat.drafts.clear();
        chat.stoppable.clear();
        return stored;
    }
}

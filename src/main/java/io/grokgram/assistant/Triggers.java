package io.grokgram.assistant;

import io.grokgram.telegram.BotIdentity;
import io.grokgram.telegram.InboundUpdate;

/**
 * The part of the trigger rules that needs nothing but the update and the bot's identity: what an ingress in front of
 * the workers may drop at once, without a store. Whatever passes may still be dropped by the {@link Dispatcher} (a group
 * that switched the assistant off, a flood, a missing consent), which decides against the store; whatever fails here
 * the dispatcher would drop too, so filtering early changes nothing a user sees.
 */
public final class Triggers {
    private Triggers() {}

    /**
     * Whether the update may ask the assistant for something or act on its state. False for updates of kinds Grokgram
     * does not handle, for messages of bots and channels, and for group messages not addressed to the assistant (other
     * people's conversation, never written anywhere).
     */
    public static boolean triggers(InboundUpdate update, BotIdentity bot) {
        return switch (update) {
            case InboundUpdate.Unsupported unsupported -> false;
            case InboundUpdate.Message message -> addressed(message, bot);
            case InboundUpdate.Edited edited -> addressed(edited.message(), bot);
            default -> true;
        };
    }

    /** Private chats: every person's message; groups: only what addresses the assistant; channels: nothing. */
    static boolean addressed(InboundUpdate.Message message, BotIdentity bot) {
        if (message.from().isBot() || message.chat().type() == InboundUpdate.ChatType.CHANNEL) {
            return false;
        }
        return message.chat().type() == InboundUpdate.ChatType.PRIVATE
                || Addressing.inGroup(message, bot).isPresent();
    }
}

package io.grokgram.sandbox;

import java.util.OptionalInt;

/**
 * Where a message lands in a forum supergroup. For the bot: {@code message_thread_id} must name one of its topics
 * (else Telegram's "message thread not found"); without one, a reply lands in the replied message's topic and anything
 * else in General. Outside forums the parameter is ignored, as the sandbox has no other threads. People's messages
 * follow the same rule ({@link #written}).
 */
final class Topics {
    private Topics() {}

    /** The topic the bot asked for, checked; call with the chat's lock held. */
    static OptionalInt requested(ChatState chat, Params params) {
        int thread = Params.toInt(params.arg("message_thread_id"));
        if (!chat.forum || thread <= 0) {
            return OptionalInt.empty();
        }
        if (!chat.topics.containsKey(thread)) {
            throw BotApiException.badRequest("message thread not found");
        }
        return OptionalInt.of(thread);
    }

    /** The topic the message ends up in: the one asked for, else the replied message's. */
    static OptionalInt landing(ChatState chat, OptionalInt requested, OptionalInt replyTo) {
        if (requested.isPresent() || replyTo.isEmpty()) {
            return requested;
        }
        ChatMessage replied = chat.messages.get(replyTo.getAsInt());
        return replied == null ? OptionalInt.empty() : replied.threadId();
    }

    /**
     * The topic a person's message lands in: the one named, else the replied message's (a reply stays in its topic),
     * else none (the General topic of a forum, or a chat without topics). Misuse by a test throws {@link
     * IllegalArgumentException}.
     */
    static OptionalInt written(ChatState chat, OptionalInt replyTo, OptionalInt named) {
        OptionalInt replied = replyTo.isPresent() && chat.messages.containsKey(replyTo.getAsInt())
                ? chat.messages.get(replyTo.getAsInt()).threadId()
                : OptionalInt.empty();
        if (named.isEmpty()) {
            return replied;
        }
        int topic = named.getAsInt();
        if (!chat.topics.containsKey(topic)) {
            throw new IllegalArgumentException("group " + chat.id + " has no topic " + topic);
        }
        if (replyTo.isPresent() && !replied.equals(named)) {
            throw new IllegalArgumentException(
                    "message " + replyTo.getAsInt() + " is not in topic " + topic + " of group " + chat.id);
        }
        return named;
    }
}

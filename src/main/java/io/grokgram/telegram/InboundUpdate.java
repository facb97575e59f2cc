package io.grokgram.telegram;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An update from Telegram after intake parsed it: the few fields Grokgram acts on, as its own records. The raw JSON is
 * kept beside it by whoever stores it, so fields newer than this model are not lost.
 */
public sealed interface InboundUpdate {

    long updateId();

    /**
     * A new message in a chat. {@code replied} is the message it answers, if any (in a forum topic Telegram shows the
     * topic's opening message as replied-to on every message; that one is left out). {@code mentionedUsernames} are
     * the {@code @username} mentions, lower case and without the '@'; {@code mentionedUsers} the people mentioned by
     * name (text mentions, for users without a username).
     */
    record Message(
            long updateId,
            Chat chat,
            OptionalInt threadId,
            Sender from,
            MessageId messageId,
            Instant date,
            Content content,
            Optional<Replied> replied,
            List<String> mentionedUsernames,
            List<UserId> mentionedUsers)
            implements InboundUpdate {
        public Message {
            Objects.requireNonNull(chat, "chat");
            Objects.requireNonNull(threadId, "threadId");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(replied, "replied");
            mentionedUsernames = List.copyOf(mentionedUsernames);
            mentionedUsers = List.copyOf(mentionedUsers);
        }
    }

    /**
     * The message a message replies to: its id, its author (absent e.g. for channel posts), its text or caption ("" for
     * none) and the part of it the reply quotes, if the user quoted.
     */
    record Replied(MessageId id, Optional<Sender> from, String text, Optional<String> quote) {
        public Replied {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(quote, "quote");
        }
    }

    /** The user edited a message they sent earlier; carries the message as it reads now. */
    record Edited(long updateId, Message message) implements InboundUpdate {}

    /** The user pressed Stop under a streaming draft (Bot API 10.3 {@code stopped_message_generation}). */
    record GenerationStopped(long updateId, ChatId chat, OptionalInt threadId, long draftId) implements InboundUpdate {}

    /**
     * The bot's own membership changed ({@code my_chat_member}): {@code status} is Telegram's new status, e.g. {@code
     * kicked} when a user blocks the bot or removes it from a group, {@code member} when they unblock it or add it to
     * a group; {@code chatType} tells which.
     */
    record MembershipChanged(long updateId, ChatId chat, String status, ChatType chatType) implements InboundUpdate {
        public boolean canWrite() {
            return !status.equals("kicked") && !status.equals("left");
        }
    }

    /**
     * A group was upgraded to a supergroup: the old group's service message {@code migrate_to_chat_id}. Settings and
     * conversations move to the new id; calls to the old id fail from now on.
     */
    record ChatMigrated(long updateId, ChatId from, ChatId to) implements InboundUpdate {}

    /** A user pressed an inline keyboard button ({@code callback_query}); must be answered with answerCallbackQuery. */
    record CallbackQuery(
            long updateId,
            String queryId,
            Sender from,
            Optional<ChatId> chat,
            Optional<MessageId> message,
            Optional<String> inlineMessageId,
            String data)
            implements InboundUpdate {}

    /**
     * A user typed {@code @bot <query>} in any chat ({@code inline_query}); {@code chatType} is Telegram's {@code
     * chat_type} ("sender", "private", "group", "supergroup", "channel"), absent e.g. from secret chats.
     */
    record InlineQuery(long updateId, String queryId, Sender from, String query, Optional<String> chatType)
            implements InboundUpdate {}

    /**
     * The user picked one of the bot's inline results ({@code chosen_inline_result}); {@code inlineMessageId} is present
     * only when the result carried an inline keyboard, and is what the bot edits to fill the answer in.
     */
    record ChosenInlineResult(
            long updateId, String resultId, Sender from, Optional<String> inlineMessageId, String query)
            implements InboundUpdate {}

    /**
     * The assistant was summoned in a chat it is not a member of (Bot API 10.0 {@code guest_message}): answered with
     * answerGuestQuery. Only {@code message} itself may reach a provider.
     */
    record GuestQuery(long updateId, String guestQueryId, Message message) implements InboundUpdate {}

    /**
     * A user is about to pay an invoice ({@code pre_checkout_query}): answer with {@link Outbound#answerPreCheckout}
     * within 10 seconds, or Telegram cancels the payment. Nothing is paid yet: grant nothing here.
     */
    record PreCheckout(long updateId, String queryId, Sender from, String currency, long totalAmount, String payload)
            implements InboundUpdate {
        public PreCheckout {
            Objects.requireNonNull(queryId, "queryId");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(currency, "currency");
            Objects.requireNonNull(payload, "payload");
        }
    }

    /**
     * A payment arrived (a message with {@code successful_payment}) in {@code chat}, the payer's private chat with the
     * bot. The only place to grant what was bought, idempotently by {@code chargeId} (Telegram may deliver it twice),
     * which refunds and subscription edits name. Every payment of a subscription is {@code recurring}, its first also
     * {@code firstRecurring}; {@code subscriptionExpires} is the end of the period it paid for.
     */
    record PaymentReceived(
            long updateId,
            Sender from,
            ChatId chat,
            String currency,
            long totalAmount,
            String payload,
            String chargeId,
            Optional<Instant> subscriptionExpires,
            boolean recurring,
            boolean firstRecurring)
            implements InboundUpdate {
        public PaymentReceived {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(chat, "chat");
            Objects.requireNonNull(currency, "currency");
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(chargeId, "chargeId");
            Objects.requireNonNull(subscriptionExpires, "subscriptionExpires");
        }
    }

    /** A payment was taken back (a message with {@code refunded_payment}): revoke what {@code chargeId} granted. */
    record PaymentRefunded(
            long updateId, Sender from, ChatId chat, String currency, long totalAmount, String payload, String chargeId)
            implements InboundUpdate {
        public PaymentRefunded {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(chat, "chat");
            Objects.requireNonNull(currency, "currency");
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(chargeId, "chargeId");
        }
    }

    /**
     * The user changed a subscription ({@code subscription}, Bot API 10.2): {@code state} is Telegram's "canceled"
     * (no more renewals; paid time stays), "active" (re-enabled) or "failed" (a renewal could not be charged), or a
     * newer word. Access still follows the payments: this only says whether the next one will come.
     */
    record SubscriptionChanged(long updateId, Sender from, String payload, String state) implements InboundUpdate {
        public SubscriptionChanged {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(state, "state");
        }
    }

    /** An update of a kind Grokgram does not handle (yet); acknowledged and dropped. */
    record Unsupported(long updateId, String kind) implements InboundUpdate {}

    /** An update that does not have the shape the Bot API promises; kept out of the inbox with the reason. */
    record Malformed(long updateId, String reason) implements InboundUpdate {}

    /** The chat a message belongs to. */
    record Chat(ChatId id, ChatType type, boolean isForum) {}

    enum ChatType {
        PRIVATE,
        GROUP,
        SUPERGROUP,
        CHANNEL
    }

    /** The author of a message. Never leaves Grokgram: the privacy gate sees only a pseudonym. */
    record Sender(
            UserId id, boolean isBot, String firstName, Optional<String> username, Optional<String> languageCode) {}

    /** What a message carries. */
    sealed interface Content {}

    /** Plain text (a command is parsed out as {@link Command}). */
    record Text(String text) implements Content {}

    /**
     * A command at the start of a message: {@code /name@bot args}. {@code mention} is the bot username after the
     * {@code @}, if any.
     */
    record Command(String name, Optional<String> mention, String arguments) implements Content {}

    /** Anything but text: a photo, sticker, voice note, document… named by its Bot API field. */
    record NonText(String kind) implements Content {}
}

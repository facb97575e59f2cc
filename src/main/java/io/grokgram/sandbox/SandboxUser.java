package io.grokgram.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A person in the sandbox, talking to one bot. Every action becomes a chat message (visible in
 * {@link BotApiEmulator#messages}) and the update Telegram would queue for the bot; a leading {@code /command} or
 * {@code /command@bot} is marked as a bot_command entity, as Telegram does. Methods return the new message's id.
 */
public final class SandboxUser {
    private final BotState bot;
    private final UserProfile profile;
    private final UserSide side;
    private final GroupSide groups;

    SandboxUser(BotState bot, UserProfile profile, UserSide side, GroupSide groups) {
        this.bot = Objects.requireNonNull(bot, "bot");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.side = Objects.requireNonNull(side, "side");
        this.groups = Objects.requireNonNull(groups, "groups");
    }

    public long userId() {
        return profile.id();
    }

    /** The private chat with the bot, whose id is the user's id. */
    public long chatId() {
        return profile.id();
    }

    public long send(String text) {
        return side.sendPrivate(bot, profile, text, OptionalInt.empty(), ChatMessage.Content.TEXT, Optional.empty());
    }

    public long reply(int messageId, String text) {
        return side.sendPrivate(
                bot, profile, text, OptionalInt.of(messageId), ChatMessage.Content.TEXT, Optional.empty());
    }

    /** Edits one of the user's own text messages; the bot receives {@code edited_message}. */
    public void edit(int messageId, String newText) {
        side.editPrivate(bot, profile, messageId, newText);
    }

    public long sendPhoto() {
        return sendPhoto("");
    }

    public long sendPhoto(String caption) {
        return side.sendPrivate(
                bot, profile, caption, OptionalInt.empty(), ChatMessage.Content.PHOTO, Optional.of(side.photo()));
    }

    public long sendSticker() {
        return side.sendPrivate(
                bot, profile, "", OptionalInt.empty(), ChatMessage.Content.STICKER, Optional.of(side.sticker()));
    }

    /** Presses an inline button of a bot message; returns the callback query id the bot must answer. */
    public String pressButton(long chatId, int messageId, String callbackData) {
        return side.press(bot, profile, chatId, messageId, callbackData);
    }

    /**
     * Types {@code @bot query} in a chat of {@code chatType} ("sender", "private", "group", "supergroup", "channel", or
     * "" to leave it out as secret chats do): the bot receives {@code inline_query}. Returns the query id.
     *
     * @throws IllegalArgumentException for a query over 256 characters, which no client sends
     */
    public String inlineQuery(String query, String chatType) {
        return side.inline().inlineQuery(bot, profile, query, chatType);
    }

    /** The bot's answer to an inline query, once it comes; throws if none comes within 10 s. */
    public InlineAnswer inlineResults(String queryId) {
        return inlineResults(queryId, Duration.ofSeconds(10));
    }

    public InlineAnswer inlineResults(String queryId, Duration timeout) {
        return side.inline().awaitAnswer(bot, queryId, timeout);
    }

    /**
     * Picks a result of the bot's answer and sends it into {@code chatId}: the own private chat with the bot (the
     * user's id), a group with the bot, or a chat without it. The bot receives {@code chosen_inline_result}, with an
     * {@code inline_message_id} only if the result carried an inline keyboard.
     */
    public ChosenResult chooseInlineResult(String queryId, String resultId, long chatId) {
        return side.inline().choose(bot, profile, queryId, resultId, chatId);
    }

    /**
     * Creates a basic group of people without the bot (the same as {@link #createGroup}); returns its chat id. The bot
     * hears nothing of it, but can be used there inline or summoned as a guest.
     */
    public long createGroupWithoutBot(String title) {
        return createGroup(title);
    }

    /**
     * Summons the bot in a chat it is not a member of (guest mode): the bot receives {@code guest_message}. Returns
     * the guest query id.
     *
     * @throws IllegalStateException if the bot is a member of the chat, where this is an ordinary message
     */
    public String summonAsGuest(long chatId, String text) {
        return side.inline().summonAsGuest(bot, profile, chatId, text);
    }

    // ---- groups: see GroupSide. Only members may write; the bot hears what privacy mode lets through. ----

    /** Creates a basic group with the bot in it (my_chat_member, group_chat_created); returns its chat id. */
    public long createGroupWithBot(String title) {
        return groups.createGroup(bot, profile, title, true);
    }

    /** Creates a basic group without the bot; {@link #addBotToGroup} brings it in later. */
    public long createGroup(String title) {
        return groups.createGroup(bot, profile, title, false);
    }

    /** Creates a supergroup with topics ({@code is_forum}) and adds the bot; returns its chat id (-100…). */
    public long createForumSupergroupWithBot(String title) {
        return groups.createForum(bot, profile, title);
    }

    /** Joins a group (service message {@code new_chat_members}, which the bot always receives). */
    public void joinGroup(long groupId) {
        groups.join(bot, profile, groupId);
    }

    public void leaveGroup(long groupId) {
        groups.leave(bot, profile, groupId);
    }

    /** Adds the bot to a group the user is in: my_chat_member (left → member) and {@code new_chat_members}. */
    public void addBotToGroup(long groupId) {
        groups.addBot(bot, profile, groupId);
    }

    /** Removes the bot: my_chat_member (member → kicked); its calls to the group then answer 403. */
    public void removeBotFromGroup(long groupId) {
        groups.removeBot(bot, profile, groupId);
    }

    public long sendToGroup(long groupId, String text) {
        return groups.send(bot, profile, groupId, GroupSide.Written.text(text));
    }

    /** Replies to a message of the group; in a forum the reply lands in the replied message's topic. */
    public long replyInGroup(long groupId, int messageId, String text) {
        return groups.send(
                bot,
                profile,
                groupId,
                new GroupSide.Written(
                        text, List.of(), OptionalInt.of(messageId), OptionalInt.empty(), Optional.empty()));
    }

    /** Replies quoting {@code quotedPart}, which must occur in the replied message's text (a manual TextQuote). */
    public long replyInGroupQuoting(long groupId, int messageId, String quotedPart, String text) {
        return groups.send(
                bot,
                profile,
                groupId,
                new GroupSide.Written(
                        text, List.of(), OptionalInt.of(messageId), OptionalInt.empty(), Optional.of(quotedPart)));
    }

    /**
     * Writes {@code text} in which the first occurrence of {@code mentioned}'s first name is a text mention, the way
     * clients mention someone picked from the member list (the only way to mention a user without a username).
     */
    public long sendToGroupMentioning(long groupId, String text, SandboxUser mentioned) {
        return sendMentioning(groupId, text, mentioned.profile.firstName(), mentioned.userId());
    }

    /** Like {@link #sendToGroupMentioning}, mentioning the bot by its first name instead of its @username. */
    public long sendToGroupMentioningBot(long groupId, String text) {
        return sendMentioning(groupId, text, bot.firstName, bot.id);
    }

    /** Opens a topic in a forum supergroup; returns its id, the message_thread_id of everything in it. */
    public int createTopic(long groupId, String name) {
        return groups.createTopic(bot, profile, groupId, name);
    }

    public long sendToTopic(long groupId, int topicId, String text) {
        return groups.send(
                bot,
                profile,
                groupId,
                new GroupSide.Written(text, List.of(), OptionalInt.empty(), OptionalInt.of(topicId), Optional.empty()));
    }

    /** Upgrades a basic group to a supergroup; returns the new chat id. The old id is dead for the bot from now on. */
    public long upgradeToSupergroup(long groupId) {
        return groups.upgrade(bot, profile, groupId);
    }

    private long sendMentioning(long groupId, String text, String name, long userId) {
        int at = text.indexOf(name);
        if (at < 0) {
            throw new IllegalArgumentException("'" + name + "' does not occur in '" + text + "'");
        }
        RawEntity mention = new RawEntity(EntityType.MENTION_NAME, at, name.length(), Long.toString(userId));
        return groups.send(
                bot,
                profile,
                groupId,
                new GroupSide.Written(
                        text, List.of(mention), OptionalInt.empty(), OptionalInt.empty(), Optional.empty()));
    }

    /** Presses Stop under the bot's draft; returns the update id of {@code stopped_message_generation}. */
    public long pressStop() {
        return side.pressStop(bot, profile);
    }

    // ---- Telegram Stars: see PaymentSide. The bot must answer each pre_checkout_query within 10 s. ----

    /**
     * Taps Pay under an invoice message the bot sent to a chat the user is in: the bot receives {@code
     * pre_checkout_query}; the checkout tells whether it confirmed in time. The {@code successful_payment} goes into
     * the user's private chat with the bot.
     */
    public Checkout payInvoice(long chatId, int invoiceMessageId) {
        return side.payments().payInvoice(bot, profile, chatId, invoiceMessageId);
    }

    /** Opens an invoice link of the bot ({@code https://t.me/$…}, from createInvoiceLink) and pays it. */
    public Checkout payLink(String link) {
        return side.payments().payLink(bot, profile, link);
    }

    /**
     * Renews the subscription that {@code chargeId} (any of its payments) belongs to, now: a new {@code
     * successful_payment} with is_recurring and an expiration 30 days later. Empty if the user or the bot cancelled it.
     */
    public Optional<Payment> renew(String chargeId) {
        return side.payments().renew(bot, profile, chargeId);
    }

    /** Cancels the subscription in Telegram's settings: the bot receives {@code subscription} with state "canceled". */
    public void cancelSubscription(String chargeId) {
        side.payments().setCancelled(bot, profile, chargeId, true);
    }

    /** Re-enables a subscription the user cancelled: {@code subscription} with state "active". */
    public void resumeSubscription(String chargeId) {
        side.payments().setCancelled(bot, profile, chargeId, false);
    }

    /** A renewal of the subscription could not be charged: {@code subscription} with state "failed", no payment. */
    public void failRenewal(String chargeId) {
        side.payments().failRenewal(bot, profile, chargeId);
    }

    public void blockBot() {
        side.setBlocked(bot, profile, true);
    }

    public void unblockBot() {
        side.setBlocked(bot, profile, false);
    }
}

package io.grokgram.sandbox;

import java.time.Duration;
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

    SandboxUser(BotState bot, UserProfile profile, UserSide side) {
        this.bot = Objects.requireNonNull(bot, "bot");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.side = Objects.requireNonNull(side, "side");
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

    /** Creates a basic group of people without the bot; returns its chat id. The bot hears nothing of it. */
    public long createGroupWithoutBot(String title) {
        return side.inline().createGroupWithoutBot(bot, title);
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

    /** Creates a basic group with the bot in it (the bot gets my_chat_member); returns the group's chat id. */
    public long createGroupWithBot(String title) {
        return side.createGroup(bot, profile, title);
    }

    public long sendToGroup(long groupId, String text) {
        return side.sendToGroup(bot, profile, groupId, text, OptionalInt.empty());
    }

    public long replyInGroup(long groupId, int messageId, String text) {
        return side.sendToGroup(bot, profile, groupId, text, OptionalInt.of(messageId));
    }

    /** Presses Stop under the bot's draft; returns the update id of {@code stopped_message_generation}. */
    public long pressStop() {
        return side.pressStop(bot, profile);
    }

    public void blockBot() {
        side.setBlocked(bot, profile, true);
    }

    public void unblockBot() {
        side.setBlocked(bot, profile, false);
    }
}

package io.grokgram.assistant;

import io.grokgram.telegram.BotIdentity;
import io.grokgram.telegram.InboundUpdate;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a group message asks the assistant for something, and what exactly. A group message addresses the assistant
 * when it mentions the bot ({@code @bot} or a text mention), replies to one of the bot's messages, or is a command
 * addressed to it ({@code /ask@bot}, or a bare {@code /ask}). Everything else is other people's conversation: intake
 * drops it unread, whatever Telegram's privacy mode lets through.
 *
 * <p>A user who replies to someone else's message while addressing the assistant quotes that message on purpose: it
 * is the only text of another person that may reach a provider, and it goes marked as quoted.
 */
record Addressing(String question, Optional<String> quoted) {

    /** Commands the assistant answers in groups; a bare {@code /name} without {@code @bot} counts for these only. */
    static final java.util.Set<String> GROUP_COMMANDS = java.util.Set.of("ask", "help", "settings", "start", "privacy");

    /** How a group message addresses the bot, or empty when it does not. */
    static Optional<Addressing> inGroup(InboundUpdate.Message message, BotIdentity bot) {
        if (message.from().isBot()) {
            return Optional.empty();
        }
        return switch (message.content()) {
            case InboundUpdate.Command command ->
                addressedCommand(command, bot)
                        ? Optional.of(new Addressing(command.arguments(), quote(message, bot)))
                        : Optional.empty();
            case InboundUpdate.Text text ->
                mentions(message, bot) || repliesToBot(message, bot)
                        ? Optional.of(new Addressing(withoutMention(text.text(), bot), quote(message, bot)))
                        : Optional.empty();
            case InboundUpdate.NonText nonText ->
                repliesToBot(message, bot) ? Optional.of(new Addressing("", Optional.empty())) : Optional.empty();
        };
    }

    /** A private message: all of it is addressed to the assistant; a reply to another message quotes it. */
    static Addressing inPrivate(String text, InboundUpdate.Message message, BotIdentity bot) {
        return new Addressing(text, quote(message, bot));
    }

    static boolean addressedCommand(InboundUpdate.Command command, BotIdentity bot) {
        return command.mention()
                .map(name -> name.equalsIgnoreCase(bot.username()))
                .orElse(GROUP_COMMANDS.contains(command.name()));
    }

    private static boolean mentions(InboundUpdate.Message message, BotIdentity bot) {
        String username = bot.username().toLowerCase(Locale.ROOT);
        return message.mentionedUsernames().contains(username)
                || message.mentionedUsers().stream().anyMatch(user -> user.value() == bot.id());
    }

    private static boolean repliesToBot(InboundUpdate.Message message, BotIdentity bot) {
        return message.replied()
                .flatMap(InboundUpdate.Replied::from)
                .map(from -> from.id().value() == bot.id())
                .orElse(false);
    }

    /**
     * The message the user replied to, when it is someone else's: the part they selected if they quoted one, else its
     * whole text. A reply to the bot's own answer quotes nothing new (the answer is in the conversation already).
     */
    private static Optional<String> quote(InboundUpdate.Message message, BotIdentity bot) {
        if (message.replied().isEmpty() || repliesToBot(message, bot)) {
            return Optional.empty();
        }
        InboundUpdate.Replied replied = message.replied().get();
        String text = replied.quote().orElse(replied.text());
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }

    /** The question without the {@code @bot} that addressed it, so the model reads what the user asked. */
    static String withoutMention(String text, BotIdentity bot) {
        return Pattern.compile("@" + Pattern.quote(bot.username()) + "\\b", Pattern.CASE_INSENSITIVE)
                .matcher(text)
                .replaceAll("")
                .replaceAll("[ \\t]{2,}", " ")
                .strip();
    }
}

package io.grokgram.sandbox;

/**
 * Telegram's privacy mode for bots in groups (BotFather's /setprivacy, on by default; getMe shows it as {@code
 * can_read_all_group_messages}). Service messages are not its business: they always reach a bot that is a member.
 */
final class PrivacyMode {
    private PrivacyMode() {}

    /**
     * Whether a person's group message reaches the bot. With privacy mode on: only commands (to it or to no bot in
     * particular), mentions of it (@username or a text mention) and replies to its own messages; with it off, all.
     */
    static boolean reaches(BotState bot, ChatState chat, ChatMessage message) {
        if (!bot.groupPrivacy) {
            return true;
        }
        for (MessageEntity entity : message.entities()) {
            String value = message.text().substring(entity.offset(), entity.end());
            switch (entity.type()) {
                case "bot_command" -> {
                    int at = value.indexOf('@');
                    if (at < 0 || value.substring(at + 1).equalsIgnoreCase(bot.username)) {
                        return true;
                    }
                }
                case "mention" -> {
                    if (value.substring(1).equalsIgnoreCase(bot.username)) {
                        return true;
                    }
                }
                case "text_mention" -> {
                    if (entity.userId().orElse(0) == bot.id) {
                        return true;
                    }
                }
                default -> {}
            }
        }
        return message.replyToMessageId().isPresent()
                && chat.messages.get(message.replyToMessageId().getAsInt()).fromBot();
    }
}

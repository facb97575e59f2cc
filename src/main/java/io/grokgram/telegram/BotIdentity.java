package io.grokgram.telegram;

/** Who the bot is, from {@code getMe}: needed to recognise mentions and commands addressed to it. */
public record BotIdentity(long id, String username, String firstName) {}

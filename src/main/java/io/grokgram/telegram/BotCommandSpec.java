package io.grokgram.telegram;

/** A command for the bot's menu ({@code setMyCommands}): 1–32 of {@code a-z0-9_}, description 1–256 characters. */
public record BotCommandSpec(String command, String description) {
    public BotCommandSpec {
        if (command == null || !command.matches("[a-z0-9_]{1,32}")) {
            throw new IllegalArgumentException("command must be 1-32 of a-z0-9_, got " + command);
        }
        if (description == null || description.isEmpty() || description.length() > 256) {
            throw new IllegalArgumentException("command description must be 1-256 characters");
        }
    }
}

package io.grokgram.assistant;

import io.grokgram.telegram.BotCommandSpec;
import io.grokgram.telegram.InboundUpdate;
import java.util.List;

/** The commands the assistant answers itself, without a model. */
final class Commands {
    /** The menu registered with {@code setMyCommands}, in display order. */
    static final List<String> MENU = List.of(
            "start", "help", "new", "subscribe", "language", "privacy", "mydata", "forget", "paysupport", "terms");

    private final Texts texts;
    private final Conversations conversations;
    private final String providerName;

    Commands(Texts texts, Conversations conversations, String providerName) {
        this.texts = texts;
        this.conversations = conversations;
        this.providerName = providerName;
    }

    List<BotCommandSpec> menu() {
        return menu(texts.current());
    }

    /** The menu with its descriptions in {@code language}. */
    List<BotCommandSpec> menu(Language language) {
        return MENU.stream()
                .map(name -> new BotCommandSpec(name, texts.text(language, "command." + name + ".description")))
                .toList();
    }

    /** The reply to a command, as Markdown. {@code /new} also starts a fresh conversation for the chat. */
    String reply(InboundUpdate.Command command, InboundUpdate.Sender from, ChatKey chat) {
        return switch (command.name()) {
            case "start" -> texts.text("start.greeting", literal(from.firstName()), providerName);
            case "help" -> texts.text("help.text");
            case "paysupport" -> texts.text("paysupport.text");
            case "terms" -> texts.text("terms.text");
            case "new" -> {
                conversations.startNew(chat, 0);
                yield texts.text("new.done");
            }
            default -> texts.text("command.unknown", literal(command.name()));
        };
    }

    /** Escapes a user-supplied value so a name like {@code *Bob*} shows as typed instead of turning italic. */
    static String literal(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            if ("\\`*_{}[]()<>#+-.!|~".indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}

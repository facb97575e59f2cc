package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * getMe, the command menu (set/get/deleteMyCommands per scope and language) and the profile texts. Checks follow
 * Client.cpp (JSON shape), TDLib's {@code BotCommand.cpp} (trimming, a leading '/', lengths) and Telegram's server
 * constants for what TDLib leaves to it (BOT_COMMAND_INVALID for characters outside [a-z0-9_], BOT_COMMANDS_TOO_MUCH
 * above 100). getMyCommands answers for exactly the scope and language asked, as Telegram does.
 */
final class ProfileMethods {
    private static final Set<String> SIMPLE_SCOPES =
            Set.of("default", "all_private_chats", "all_group_chats", "all_chat_administrators");
    private static final Set<String> CHAT_SCOPES = Set.of("chat", "chat_administrators", "chat_member");

    private final SandboxContext context;

    ProfileMethods(SandboxContext context) {
        this.context = context;
    }

    JsonNode getMe(BotState bot) {
        return Wire.bot(bot, true);
    }

    JsonNode setMyCommands(BotState bot, Params params) {
        List<JsonNode> commands = commands(params.arg("commands"));
        String scope = scope(params.arg("scope"));
        bot.lock.lock();
        try {
            String key = key(bot, scope, params.arg("language_code"));
            List<JsonNode> checked = new ArrayList<>();
            for (JsonNode command : commands) {
                checked.add(check(command));
            }
            if (checked.size() > 100) {
                throw BotApiException.badRequest("BOT_COMMANDS_TOO_MUCH");
            }
            if (checked.isEmpty()) {
                bot.commands.remove(key);
            } else {
                bot.commands.put(key, List.copyOf(checked));
            }
            return BooleanNode.TRUE;
        } finally {
            bot.lock.unlock();
        }
    }

    JsonNode getMyCommands(BotState bot, Params params) {
        String scope = scope(params.arg("scope"));
        bot.lock.lock();
        try {
            ArrayNode result = Json.array();
            bot.commands
                    .getOrDefault(key(bot, scope, params.arg("language_code")), List.of())
                    .forEach(result::add);
            return result;
        } finally {
            bot.lock.unlock();
        }
    }

    JsonNode deleteMyCommands(BotState bot, Params params) {
        String scope = scope(params.arg("scope"));
        bot.lock.lock();
        try {
            bot.commands.remove(key(bot, scope, params.arg("language_code")));
            return BooleanNode.TRUE;
        } finally {
            bot.lock.unlock();
        }
    }

    /** Telegram's limits: description 0–512, short description 0–120 characters; the texts are ours. */
    JsonNode setDescription(BotState bot, Params params, boolean shortOne) {
        String name = shortOne ? "short_description" : "description";
        String text = params.arg(name);
        String language = params.arg("language_code");
        checkLanguage(language);
        if (text.codePointCount(0, text.length()) > (shortOne ? 120 : 512)) {
            throw BotApiException.badRequest(name.replace('_', ' ') + " is too long");
        }
        bot.lock.lock();
        try {
            Map<String, String> texts = shortOne ? bot.shortDescriptions : bot.descriptions;
            if (text.isEmpty()) {
                texts.remove(language);
            } else {
                texts.put(language, text);
            }
            return BooleanNode.TRUE;
        } finally {
            bot.lock.unlock();
        }
    }

    JsonNode getDescription(BotState bot, Params params, boolean shortOne) {
        String language = params.arg("language_code");
        checkLanguage(language);
        bot.lock.lock();
        try {
            Map<String, String> texts = shortOne ? bot.shortDescriptions : bot.descriptions;
            String text = texts.getOrDefault(language, texts.getOrDefault("", ""));
            ObjectNode result = Json.object();
            result.put(shortOne ? "short_description" : "description", text);
            return result;
        } finally {
            bot.lock.unlock();
        }
    }

    private static List<JsonNode> commands(String json) {
        if (json.isEmpty()) {
            return List.of();
        }
        JsonNode value = Json.parseOrNull(json);
        if (value == null) {
            throw BotApiException.badRequest("can't parse commands JSON object");
        }
        if (!value.isArray()) {
            throw BotApiException.badRequest("expected an Array of BotCommand");
        }
        List<JsonNode> commands = new ArrayList<>();
        for (JsonNode command : value) {
            try {
                if (!command.isObject()) {
                    throw new JsonFields.FieldException("expected an Object");
                }
                ObjectNode parsed = Json.object();
                parsed.put("command", JsonFields.requiredString(command, "command"));
                parsed.put("description", JsonFields.requiredString(command, "description"));
                commands.add(parsed);
            } catch (JsonFields.FieldException e) {
                throw BotApiException.badRequest("can't parse BotCommand: " + e.getMessage());
            }
        }
        return commands;
    }

    private static JsonNode check(JsonNode command) {
        String name = command.get("command").textValue().strip();
        if (name.startsWith("/")) {
            name = name.substring(1);
        }
        if (name.isEmpty()) {
            throw BotApiException.tdlib("Command must be non-empty");
        }
        if (name.codePointCount(0, name.length()) > 32) {
            throw BotApiException.tdlib("Command length must not exceed 32");
        }
        String description = command.get("description").textValue().strip();
        if (description.isEmpty()) {
            throw BotApiException.tdlib("Command description must be non-empty");
        }
        if (description.codePointCount(0, description.length()) > 256) {
            throw BotApiException.tdlib("Command description length must not exceed 256");
        }
        if (!name.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
            throw BotApiException.badRequest("BOT_COMMAND_INVALID");
        }
        ObjectNode result = Json.object();
        result.put("command", name);
        result.put("description", description);
        return result;
    }

    /** The scope in a canonical form (its type plus chat and user), or Telegram's parse error. */
    private static String scope(String json) {
        if (json.isEmpty()) {
            return "default";
        }
        JsonNode value = Json.parseOrNull(json);
        if (value == null) {
            throw BotApiException.badRequest("can't parse BotCommandScope JSON object");
        }
        try {
            if (!value.isObject()) {
                throw new JsonFields.FieldException("BotCommandScope must be an Object");
            }
            String type = JsonFields.requiredString(value, "type");
            if (SIMPLE_SCOPES.contains(type)) {
                return type;
            }
            if (!CHAT_SCOPES.contains(type)) {
                throw new JsonFields.FieldException("Unsupported type specified");
            }
            String chatId = JsonFields.requiredString(value, "chat_id");
            if (chatId.isEmpty()) {
                throw new JsonFields.FieldException("Empty chat_id specified");
            }
            if (!type.equals("chat_member")) {
                return type + ":" + chatId;
            }
            long userId = JsonFields.requiredLong(value, "user_id");
            if (userId <= 0) {
                throw new JsonFields.FieldException("Invalid user_id specified");
            }
            return type + ":" + chatId + ":" + userId;
        } catch (JsonFields.FieldException e) {
            throw BotApiException.badRequest("can't parse BotCommandScope: " + e.getMessage());
        }
    }

    /** The storage key; a chat scope must name a chat the bot knows. Call with the bot's lock held. */
    private String key(BotState bot, String scope, String language) {
        String[] parts = scope.split(":");
        if (parts.length > 1) {
            context.chat(bot, parts[1]);
        }
        checkLanguage(language);
        String chatScope = parts.length > 1 ? parts[0] + ":" + Params.toLong(parts[1]) : parts[0];
        return (parts.length > 2 ? chatScope + ":" + parts[2] : chatScope) + "|" + language;
    }

    private static void checkLanguage(String language) {
        if (!language.isEmpty() && !language.matches("[a-z]{2}")) {
            throw BotApiException.tdlib("Invalid language code specified");
        }
    }
}

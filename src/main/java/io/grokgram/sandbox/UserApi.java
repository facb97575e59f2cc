package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The user side over HTTP, for the web chat: people write to the default bot and read their chat back. Plain JSON
 * (not Telegram's envelope): {@code POST /sandbox/api/chats/{userId}/messages} sends, {@code GET …/events?after=SEQ&
 * wait=MS} long-polls the chat's events (both sides, drafts included; at most 25 s), {@code GET …/messages} lists the
 * chat, {@code GET /sandbox/api/bot} names the bot.
 */
final class UserApi {
    private static final long MAX_WAIT_MILLIS = 25_000;

    private final BotApiEmulator emulator;

    UserApi(BotApiEmulator emulator) {
        this.emulator = emulator;
    }

    void register(RoutesConfig routes) {
        routes.get("/sandbox/api/bot", this::bot);
        routes.post("/sandbox/api/chats/{userId}/messages", this::send);
        routes.get("/sandbox/api/chats/{chatId}/events", this::events);
        routes.get("/sandbox/api/chats/{chatId}/messages", this::messages);
    }

    private void bot(Context ctx) {
        Optional<BotState> bot = emulator.defaultBotIfAny();
        if (bot.isEmpty()) {
            error(ctx, 404, "no bot is registered");
            return;
        }
        json(ctx, 200, Wire.bot(bot.get(), false));
    }

    private void send(Context ctx) {
        long userId = Params.toLong(ctx.pathParam("userId"));
        JsonNode body = Json.parseOrNull(ctx.body());
        if (userId <= 0 || body == null || !body.isObject()) {
            error(ctx, 400, "expected a positive user id and a JSON object with text");
            return;
        }
        String text = body.path("text").asText("");
        if (text.isBlank()) {
            error(ctx, 400, "text is empty");
            return;
        }
        UserProfile known = emulator.context().users.get(userId);
        String firstName = body.path("first_name").asText(known == null ? "Guest" : known.firstName());
        Optional<String> username = body.hasNonNull("username")
                ? Optional.of(body.get("username").asText()).filter(name -> !name.isBlank())
                : Optional.ofNullable(known).flatMap(UserProfile::username);
        String language = body.path("language_code").asText(known == null ? "en" : known.languageCode());
        UserProfile profile = new UserProfile(userId, firstName.isBlank() ? "Guest" : firstName, username, language);
        emulator.context().users.put(userId, profile);
        int messageId;
        try {
            messageId = emulator.userSide()
                    .sendPrivate(
                            emulator.defaultBot(),
                            profile,
                            text,
                            OptionalInt.empty(),
                            ChatMessage.Content.TEXT,
                            Optional.empty());
        } catch (IllegalArgumentException | IllegalStateException e) {
            error(ctx, 400, e.getMessage());
            return;
        }
        ObjectNode result = Json.object();
        result.put("message_id", messageId);
        json(ctx, 200, result);
    }

    private void events(Context ctx) {
        long chatId = Params.toLong(ctx.pathParam("chatId"));
        long after = Params.toLong(String.valueOf(ctx.queryParam("after")));
        long wait = Math.clamp(Params.toLong(String.valueOf(ctx.queryParam("wait"))), 0, MAX_WAIT_MILLIS);
        Optional<BotState> bot = emulator.defaultBotIfAny();
        if (bot.isEmpty()) {
            error(ctx, 404, "no bot is registered");
            return;
        }
        List<BotEvent> events = awaitEvents(bot.get(), chatId, after, wait);
        ArrayNode result = Json.array();
        events.forEach(event -> result.add(emulator.context().wire.event(event)));
        json(ctx, 200, result);
    }

    private List<BotEvent> awaitEvents(BotState bot, long chatId, long after, long waitMillis) {
        long deadline = System.nanoTime() + waitMillis * 1_000_000;
        bot.lock.lock();
        try {
            while (true) {
                List<BotEvent> events = emulator.feed(bot, chatId, after);
                long remaining = deadline - System.nanoTime();
                if (!events.isEmpty() || remaining <= 0) {
                    return events;
                }
                bot.changed.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } finally {
            bot.lock.unlock();
        }
    }

    private void messages(Context ctx) {
        long chatId = Params.toLong(ctx.pathParam("chatId"));
        Optional<BotState> bot = emulator.defaultBotIfAny();
        if (bot.isEmpty()) {
            error(ctx, 404, "no bot is registered");
            return;
        }
        ArrayNode result = Json.array();
        BotState state = bot.get();
        state.lock.lock();
        try {
            ChatState chat = state.chats.get(chatId);
            if (chat != null) {
                chat.messages
                        .values()
                        .forEach(message -> result.add(emulator.context().wire.message(state, chat, message)));
            }
        } finally {
            state.lock.unlock();
        }
        json(ctx, 200, result);
    }

    private static void json(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }

    private static void error(Context ctx, int status, String message) {
        ObjectNode body = Json.object();
        body.put("error", message);
        json(ctx, status, body);
    }
}

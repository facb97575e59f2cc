package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The user side over HTTP, for the web chat: people write to the default bot and read their chat back. Plain JSON
 * (not Telegram's envelope): {@code POST /sandbox/api/chats/{chatId}/messages} sends (to the private chat whose id is
 * the user's, or to a group with {@code user_id} in the body), {@code GET …/events?after=SEQ&wait=MS} long-polls the
 * chat's events (both sides, drafts included; at most 25 s), {@code GET …/messages} lists the chat as Bot API
 * messages (with their senders), {@code GET /sandbox/api/bot} names the bot. Groups: {@code GET /sandbox/api/groups}
 * lists them with members and topics, {@code POST /sandbox/api/groups} creates one with the bot, {@code POST
 * /sandbox/api/groups/{chatId}/members} joins one. {@code POST …/messages/{messageId}/buttons} presses an inline
 * button ({@code callback_data}) as {@code user_id}: the bot receives {@code callback_query}, and the answer carries
 * the query id and, if the bot answered within {@code wait} ms (2 s unless given, at most 10 s), its toast. {@code
 * POST /sandbox/api/payments} pays an invoice ({@link PaymentApi}).
 */
final class UserApi {
    private static final long MAX_WAIT_MILLIS = 25_000;
    /**
     * How long a press waits for answerCallbackQuery, so the page can show the toast. Telegram's clients spin the
     * button a few seconds too; a bot that answers later is fine, the page just shows no toast.
     */
    private static final long DEFAULT_ANSWER_WAIT_MILLIS = 2_000;

    private static final long MAX_ANSWER_WAIT_MILLIS = 10_000;

    private final BotApiEmulator emulator;

    UserApi(BotApiEmulator emulator) {
        this.emulator = emulator;
    }

    void register(RoutesConfig routes) {
        routes.get("/sandbox/api/bot", this::bot);
        routes.post("/sandbox/api/chats/{chatId}/messages", this::send);
        routes.post("/sandbox/api/chats/{chatId}/messages/{messageId}/buttons", this::press);
        routes.get("/sandbox/api/groups", this::groups);
        routes.post("/sandbox/api/groups", this::createGroup);
        routes.post("/sandbox/api/groups/{chatId}/members", this::join);
        routes.get("/sandbox/api/chats/{chatId}/events", this::events);
        routes.get("/sandbox/api/chats/{chatId}/messages", this::messages);
        routes.get("/sandbox/api/chats/{chatId}/menu", this::menu);
        routes.post("/sandbox/api/webapp", this::openWebApp);
        routes.post("/sandbox/api/inline", this::inlineQuery);
        routes.post("/sandbox/api/inline/{queryId}/choose", this::chooseInline);
        new PaymentApi(emulator, this::profile).register(routes);
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
        long chatId = Params.toLong(ctx.pathParam("chatId"));
        JsonNode body = Json.parseOrNull(ctx.body());
        long userId =
                chatId > 0 ? chatId : body == null ? 0 : body.path("user_id").asLong(0);
        if (chatId == 0 || userId <= 0 || body == null || !body.isObject()) {
            error(ctx, 400, "expected a chat id and a JSON object with text (and user_id for a group)");
            return;
        }
        String text = body.path("text").asText("");
        if (text.isBlank()) {
            error(ctx, 400, "text is empty");
            return;
        }
        UserProfile profile = profile(userId, body);
        int replyTo = body.path("reply_to_message_id").asInt(0);
        OptionalInt reply = replyTo > 0 ? OptionalInt.of(replyTo) : OptionalInt.empty();
        int messageId;
        try {
            messageId = chatId > 0
                    ? emulator.userSide()
                            .sendPrivate(
                                    emulator.defaultBot(),
                                    profile,
                                    text,
                                    reply,
                                    ChatMessage.Content.TEXT,
                                    Optional.empty())
                    : emulator.groupSide()
                            .send(
                                    emulator.defaultBot(),
                                    profile,
                                    chatId,
                                    new GroupSide.Written(
                                            text, List.of(), reply, OptionalInt.empty(), Optional.empty()));
        } catch (IllegalArgumentException | IllegalStateException e) {
            error(ctx, 400, e.getMessage());
            return;
        }
        ObjectNode result = Json.object();
        result.put("message_id", messageId);
        json(ctx, 200, result);
    }

    /** A person presses an inline button under a bot message; in a private chat the user defaults to its owner. */
    private void press(Context ctx) {
        long chatId = Params.toLong(ctx.pathParam("chatId"));
        int messageId = Params.toInt(ctx.pathParam("messageId"));
        JsonNode body = Json.parseOrNull(ctx.body());
        long userId = body == null ? 0 : body.path("user_id").asLong(Math.max(chatId, 0));
        String data = body == null ? "" : body.path("callback_data").asText("");
        if (chatId == 0 || messageId <= 0 || userId <= 0 || data.isEmpty()) {
            error(
                    ctx,
                    400,
                    "expected a chat id, a message id and a JSON object with callback_data"
                            + " (and user_id for a group)");
            return;
        }
        Optional<BotState> bot = emulator.defaultBotIfAny();
        if (bot.isEmpty()) {
            error(ctx, 404, "no bot is registered");
            return;
        }
        String queryId;
        try {
            queryId = emulator.userSide().press(bot.get(), profile(userId, body), chatId, messageId, data);
        } catch (IllegalArgumentException e) {
            error(ctx, 400, e.getMessage());
            return;
        }
        String waitParam = ctx.queryParam("wait");
        long wait = waitParam == null
                ? DEFAULT_ANSWER_WAIT_MILLIS
                : Math.clamp(Params.toLong(waitParam), 0, MAX_ANSWER_WAIT_MILLIS);
        ObjectNode result = Json.object();
        result.put("callback_query_id", queryId);
        emulator.userSide()
                .awaitCallbackAnswer(bot.get(), queryId, Duration.ofMillis(wait))
                .ifPresent(answer -> {
                    ObjectNode node = result.putObject("answer");
                    answer.text().ifPresent(text -> node.put("text", text));
                    node.put("show_alert", answer.showAlert());
                });
        json(ctx, 200, result);
    }

    /** The chat's menu button as getChatMenuButton answers it: {@code commands}, {@code default} or {@code web_app}. */
    private void menu(Context ctx) {
        Optional<BotState> bot = emulator.defaultBotIfAny();
        if (bot.isEmpty()) {
            error(ctx, 404, "no bot is registered");
            return;
        }
        json(ctx, 200, emulator.webApps().menuButton(bot.get(), Params.toLong(ctx.pathParam("chatId"))));
    }

    /** A person opens a Mini App ({@code url} of a menu or web_app button): the URL with signed initData to load. */
    private void openWebApp(Context ctx) {
        JsonNode body = Json.parseOrNull(ctx.body());
        long userId = body == null ? 0 : body.path("user_id").asLong(0);
        String url = body == null ? "" : body.path("url").asText("");
        Optional<BotState> bot = emulator.defaultBotIfAny();
        if (userId <= 0 || url.isEmpty() || bot.isEmpty()) {
            error(ctx, 400, "expected a JSON object with user_id and url, and a registered bot");
            return;
        }
        try {
            ObjectNode result = Json.object();
            result.put("url", emulator.webApps().open(bot.get(), profile(userId, body), url));
            json(ctx, 200, result);
        } catch (BotApiException e) {
            error(ctx, 400, e.getMessage());
        }
    }

    /**
     * A person types {@code @bot query} in a chat of {@code chat_type}: the bot gets {@code inline_query}, and the
     * answer lists its results once the bot answered (within {@code wait} ms, 10 s unless given).
     */
    private void inlineQuery(Context ctx) {
        JsonNode body = Json.parseOrNull(ctx.body());
        long userId = body == null ? 0 : body.path("user_id").asLong(0);
        Optional<BotState> bot = emulator.defaultBotIfAny();
        if (userId <= 0 || bot.isEmpty()) {
            error(ctx, 400, "expected a JSON object with user_id and query, and a registered bot");
            return;
        }
        long wait = Math.clamp(body.path("wait").asLong(10_000), 0, MAX_ANSWER_WAIT_MILLIS);
        try {
            UserProfile user = profile(userId, body);
            String queryId = emulator.userSide()
                    .inline()
                    .inlineQuery(
                            bot.get(),
                            user,
                            body.path("query").asText(""),
                            body.path("chat_type").asText(""));
            InlineAnswer answer = emulator.userSide().inline().awaitAnswer(bot.get(), queryId, Duration.ofMillis(wait));
            ObjectNode result = Json.object();
            result.put("query_id", queryId);
            ArrayNode results = result.putArray("results");
            answer.results()
                    .forEach(item -> results.addObject()
                            .put("id", item.id())
                            .put("title", item.title())
                            .put("description", item.description()));
            json(ctx, 200, result);
        } catch (IllegalArgumentException | IllegalStateException e) {
            error(ctx, 400, e.getMessage());
        }
    }

    /** The person picks a result: it is sent into {@code chat_id} "via @bot", and the bot hears which one. */
    private void chooseInline(Context ctx) {
        JsonNode body = Json.parseOrNull(ctx.body());
        long userId = body == null ? 0 : body.path("user_id").asLong(0);
        Optional<BotState> bot = emulator.defaultBotIfAny();
        if (userId <= 0 || bot.isEmpty()) {
            error(ctx, 400, "expected a JSON object with user_id, result_id and chat_id, and a registered bot");
            return;
        }
        try {
            ChosenResult chosen = emulator.userSide()
                    .inline()
                    .choose(
                            bot.get(),
                            profile(userId, body),
                            ctx.pathParam("queryId"),
                            body.path("result_id").asText(""),
                            body.path("chat_id").asLong(userId));
            ObjectNode result = Json.object();
            result.put("chat_id", chosen.chatId());
            result.put("message_id", chosen.messageId());
            json(ctx, 200, result);
        } catch (IllegalArgumentException | IllegalStateException e) {
            error(ctx, 400, e.getMessage());
        }
    }

    /** The person named in a request: known ones keep what the body does not change; new ones are registered. */
    private UserProfile profile(long userId, JsonNode body) {
        UserProfile known = emulator.context().users.get(userId);
        String firstName = body.path("first_name").asText(known == null ? "Guest" : known.firstName());
        Optional<String> username = body.hasNonNull("username")
                ? Optional.of(body.get("username").asText()).filter(name -> !name.isBlank())
                : Optional.ofNullable(known).flatMap(UserProfile::username);
        String language = body.path("language_code").asText(known == null ? "en" : known.languageCode());
        UserProfile profile = new UserProfile(userId, firstName.isBlank() ? "Guest" : firstName, username, language);
        emulator.context().users.put(userId, profile);
        return profile;
    }

    private void groups(Context ctx) {
        Optional<BotState> bot = emulator.defaultBotIfAny();
        if (bot.isEmpty()) {
            error(ctx, 404, "no bot is registered");
            return;
        }
        json(ctx, 200, emulator.groupSide().list(bot.get()));
    }

    private void createGroup(Context ctx) {
        JsonNode body = Json.parseOrNull(ctx.body());
        long userId = body == null ? 0 : body.path("user_id").asLong(0);
        String title = body == null ? "" : body.path("title").asText("").strip();
        if (userId <= 0 || title.isEmpty() || title.length() > 128) {
            error(ctx, 400, "expected a JSON object with user_id and a title of 1-128 characters");
            return;
        }
        long chatId = emulator.groupSide().createGroup(emulator.defaultBot(), profile(userId, body), title, true);
        ObjectNode result = Json.object();
        result.put("chat_id", chatId);
        json(ctx, 200, result);
    }

    private void join(Context ctx) {
        long chatId = Params.toLong(ctx.pathParam("chatId"));
        JsonNode body = Json.parseOrNull(ctx.body());
        long userId = body == null ? 0 : body.path("user_id").asLong(0);
        if (chatId >= 0 || userId <= 0) {
            error(ctx, 400, "expected a group id and a JSON object with user_id");
            return;
        }
        try {
            emulator.groupSide().join(emulator.defaultBot(), profile(userId, body), chatId);
        } catch (IllegalArgumentException e) {
            error(ctx, 400, e.getMessage());
            return;
        }
        ObjectNode result = Json.object();
        result.put("chat_id", chatId);
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

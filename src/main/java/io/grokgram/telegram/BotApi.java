package io.grokgram.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChatMember;
import org.telegram.telegrambots.meta.api.methods.menubutton.SetChatMenuButton;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.MessageEntity;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.menubutton.MenuButtonWebApp;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.api.objects.webapp.WebAppInfo;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiValidationException;

/**
 * The Bot API methods Grokgram calls, over the telegrambots client, with every failure decided once into {@link
 * TelegramException}. Package-private on purpose: everything that sends goes through {@link Outbound}; only intake
 * polls.
 */
final class BotApi implements AutoCloseable {
    private final BotToken token;
    private final OkHttpTelegramClient client;
    private final OkHttpClient http;
    private final ExecutorService callbacks;
    private final ObjectMapper json = new ObjectMapper();

    BotApi(BotToken token, URI apiBase, Duration longestCall) {
        this.token = token;
        this.callbacks = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("telegram-http-", 0).factory());
        // OkHttp's default dispatcher allows 5 requests per host: far too few for a bot that sends to thousands
        // of chats (the outbound scheduler, not the HTTP client, is what keeps Telegram's limits).
        Dispatcher dispatcher = new Dispatcher(callbacks);
        dispatcher.setMaxRequests(1024);
        dispatcher.setMaxRequestsPerHost(1024);
        this.http = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(64, 5, java.util.concurrent.TimeUnit.MINUTES))
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(longestCall)
                .writeTimeout(Duration.ofSeconds(30))
                .callTimeout(longestCall.plusSeconds(10))
                .build();
        int port = apiBase.getPort() > 0 ? apiBase.getPort() : "https".equals(apiBase.getScheme()) ? 443 : 80;
        this.client = new OkHttpTelegramClient(
                http, token.value(), new TelegramUrl(apiBase.getScheme(), apiBase.getHost(), port, false));
    }

    BotIdentity getMe() {
        User me = execute(new GetMe());
        return new BotIdentity(me.getId(), Optional.ofNullable(me.getUserName()).orElse(""), me.getFirstName());
    }

    /** Returns each update as its raw JSON, so fields newer than the client library survive. */
    List<String> getUpdates(long offset, int limit, Duration timeout, List<String> allowedUpdates) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("offset", offset);
        parameters.put("limit", limit);
        parameters.put("timeout", timeout.toSeconds());
        parameters.put("allowed_updates", allowedUpdates);
        JsonNode result = readTree("getUpdates", execute(new RawMethod("getUpdates", parameters)));
        List<String> updates = new ArrayList<>(result.size());
        result.forEach(update -> updates.add(update.toString()));
        return updates;
    }

    /**
     * Registers the webhook. Raw, so the secret and the allowed updates go exactly as given; the secret never appears
     * in an exception (Telegram does not echo parameters in its descriptions).
     */
    void setWebhook(URI url, WebhookSecret secret, List<String> allowedUpdates, OptionalInt maxConnections) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("url", url.toString());
        parameters.put("secret_token", secret.value());
        parameters.put("allowed_updates", allowedUpdates);
        maxConnections.ifPresent(n -> parameters.put("max_connections", n));
        execute(new RawMethod("setWebhook", parameters));
    }

    /** Removes the webhook; with {@code dropPendingUpdates} false, waiting updates stay for getUpdates. */
    void deleteWebhook(boolean dropPendingUpdates) {
        execute(new RawMethod("deleteWebhook", Map.of("drop_pending_updates", dropPendingUpdates)));
    }

    /** The URL of the webhook Telegram holds for this bot; empty when none is set. */
    String webhookUrl() {
        return readTree("getWebhookInfo", execute(new RawMethod("getWebhookInfo", Map.of())))
                .path("url")
                .asText("");
    }

    MessageId sendMessage(ChatId chat, OptionalInt threadId, FormattedText text, Optional<MessageId> replyTo) {
        return sendMessage(chat, threadId, text, replyTo, Keyboard.NONE);
    }

    MessageId sendMessage(
            ChatId chat, OptionalInt threadId, FormattedText text, Optional<MessageId> replyTo, Keyboard keyboard) {
        SendMessage.SendMessageBuilder<?, ?> builder =
                SendMessage.builder().chatId(chat.value()).text(text.text()).entities(entities(text));
        threadId.ifPresent(builder::messageThreadId);
        if (!keyboard.isEmpty()) {
            builder.replyMarkup(markup(keyboard));
        }
        replyTo.ifPresent(
                id -> builder.replyParameters(org.telegram.telegrambots.meta.api.objects.ReplyParameters.builder()
                        .messageId(id.value())
                        .allowSendingWithoutReply(true)
                        .build()));
        Message sent = execute(builder.build());
        return new MessageId(sent.getMessageId());
    }

    void editMessageText(ChatId chat, MessageId message, FormattedText text) {
        editMessageText(chat, message, text, Keyboard.NONE);
    }

    /** Telegram drops the message's buttons when an edit carries none: {@link Keyboard#NONE} removes them. */
    void editMessageText(ChatId chat, MessageId message, FormattedText text, Keyboard keyboard) {
        EditMessageText.EditMessageTextBuilder<?, ?> builder = EditMessageText.builder()
                .chatId(chat.value())
                .messageId(message.value())
                .text(text.text())
                .entities(entities(text));
        if (!keyboard.isEmpty()) {
            builder.replyMarkup(markup(keyboard));
        }
        execute(builder.build());
    }

    void answerCallbackQuery(String callbackQueryId, Optional<String> toast) {
        AnswerCallbackQuery.AnswerCallbackQueryBuilder<?, ?> builder =
                AnswerCallbackQuery.builder().callbackQueryId(callbackQueryId);
        toast.ifPresent(builder::text);
        execute(builder.build());
    }

    /** The user's status in the chat: creator, administrator, member, restricted, left or kicked. */
    String chatMemberStatus(ChatId chat, UserId user) {
        return execute(GetChatMember.builder()
                        .chatId(chat.value())
                        .userId(user.value())
                        .build())
                .getStatus();
    }

    /** Uploads a file as multipart/form-data, the only way Telegram takes new bytes. */
    MessageId sendDocument(
            ChatId chat, OptionalInt threadId, String fileName, byte[] content, Optional<String> caption) {
        SendDocument.SendDocumentBuilder<?, ?> builder = SendDocument.builder()
                .chatId(chat.value())
                .document(new InputFile(new ByteArrayInputStream(content), fileName));
        threadId.ifPresent(builder::messageThreadId);
        caption.ifPresent(builder::caption);
        try {
            return new MessageId(client.execute(builder.build()).getMessageId());
        } catch (TelegramApiException e) {
            throw decide("sendDocument", e);
        }
    }

    /**
     * Drafts are sent raw: {@code can_stop} (Bot API 10.3) is newer than the client library. With it the user sees a
     * Stop button; pressing it sends {@code stopped_message_generation}.
     */
    void sendMessageDraft(ChatId chat, OptionalInt threadId, int draftId, FormattedText text, boolean canStop) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("chat_id", chat.value());
        threadId.ifPresent(id -> parameters.put("message_thread_id", id));
        parameters.put("draft_id", draftId);
        parameters.put("text", text.text());
        if (!text.entities().isEmpty()) {
            parameters.put("entities", entities(text));
        }
        if (canStop) {
            parameters.put("can_stop", true);
        }
        execute(new RawMethod("sendMessageDraft", parameters));
    }

    void sendChatAction(ChatId chat, OptionalInt threadId, String action) {
        SendChatAction.SendChatActionBuilder<?, ?> builder =
                SendChatAction.builder().chatId(chat.value()).action(action);
        threadId.ifPresent(builder::messageThreadId);
        execute(builder.build());
    }

    /** The bot's default menu button (every private chat without one of its own) opens the Mini App at {@code url}. */
    void setMenuButton(String text, String url) {
        execute(SetChatMenuButton.builder()
                .menuButton(MenuButtonWebApp.builder()
                        .text(text)
                        .webAppInfo(WebAppInfo.builder().url(url).build())
                        .build())
                .build());
    }

    void setMyCommands(List<BotCommandSpec> commands) {
        setMyCommands(commands, Optional.empty());
    }

    /** The menu for users whose Telegram speaks {@code languageCode} (two letters); empty: for everyone else. */
    void setMyCommands(List<BotCommandSpec> commands, Optional<String> languageCode) {
        List<BotCommand> botCommands = commands.stream()
                .map(c -> new BotCommand(c.command(), c.description()))
                .toList();
        SetMyCommands.SetMyCommandsBuilder<?, ?> builder =
                SetMyCommands.builder().commands(botCommands);
        languageCode.ifPresent(builder::languageCode);
        execute(builder.build());
    }

    /**
     * The bot's description (shown in an empty chat) or short description (its profile) for {@code languageCode};
     * raw, as the two methods are plain text with an optional language.
     */
    void setMyDescription(boolean shortOne, String text, Optional<String> languageCode) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put(shortOne ? "short_description" : "description", text);
        languageCode.ifPresent(code -> parameters.put("language_code", code));
        execute(new RawMethod(shortOne ? "setMyShortDescription" : "setMyDescription", parameters));
    }

    /**
     * A method called with raw parameters, answering the raw {@code result} JSON: for methods the client library lacks
     * (answerGuestQuery, Bot API 10.0) or whose shapes are kept as plain JSON here (the inline methods).
     */
    JsonNode callRaw(String method, Map<String, Object> parameters) {
        return readTree(method, execute(new RawMethod(method, parameters)));
    }

    private static InlineKeyboardMarkup markup(Keyboard keyboard) {
        return InlineKeyboardMarkup.builder()
                .keyboard(keyboard.rows().stream()
                        .map(row -> new InlineKeyboardRow(
                                row.stream().map(BotApi::button).toList()))
                        .toList())
                .build();
    }

    private static InlineKeyboardButton button(Keyboard.Button button) {
        return switch (button) {
            case Keyboard.Callback callback ->
                InlineKeyboardButton.builder()
                        .text(callback.text())
                        .callbackData(callback.data())
                        .build();
            case Keyboard.Url url ->
                InlineKeyboardButton.builder().text(url.text()).url(url.url()).build();
            case Keyboard.WebApp app ->
                InlineKeyboardButton.builder()
                        .text(app.text())
                        .webApp(WebAppInfo.builder().url(app.url()).build())
                        .build();
        };
    }

    private JsonNode readTree(String method, String raw) {
        try {
            return json.readTree(raw);
        } catch (IOException e) {
            throw new TelegramException.Unavailable(method, "unreadable result: " + e.getMessage(), e);
        }
    }

    private static List<MessageEntity> entities(FormattedText text) {
        return text.entities().stream()
                .<MessageEntity>map(e -> MessageEntity.builder()
                        .type(e.type().wireName())
                        .offset(e.offset())
                        .length(e.length())
                        .url(e.url().orElse(null))
                        .language(e.language().orElse(null))
                        .build())
                .toList();
    }

    /** Runs a library method object, with every failure decided into {@link TelegramException}. */
    <T extends java.io.Serializable, M extends BotApiMethod<T>> T execute(M method) {
        String name = method.getMethod();
        try {
            return client.execute(method);
        } catch (TelegramApiException e) {
            throw decide(name, e);
        }
    }

    private TelegramException decide(String method, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException
                    || cause instanceof InterruptedIOException
                            && Thread.currentThread().isInterrupted()
                    || cause instanceof CancellationException) {
                // the client's blocking get() swallows the interrupt; put it back for our caller
                Thread.currentThread().interrupt();
                return new TelegramException.Unavailable(method, "interrupted", null);
            }
            if (cause instanceof TelegramApiRequestException request
                    && request.getErrorCode() != null
                    && request.getErrorCode() != 0) {
                return fromResponse(method, request);
            }
            if (cause instanceof TelegramApiValidationException invalid) {
                // the client library refused the request before sending it: sending it again would not help
                return new TelegramException.BadRequest(method, "not sent, invalid: " + invalid.getMessage());
            }
        }
        String message = token.scrub(rootMessage(failure));
        return new TelegramException.Unavailable(method, message, null);
    }

    private TelegramException fromResponse(String method, TelegramApiRequestException e) {
        String description = token.scrub(Optional.ofNullable(e.getApiResponse()).orElse(""));
        int code = e.getErrorCode();
        return switch (code) {
            case 429 -> {
                int seconds = e.getParameters() != null && e.getParameters().getRetryAfter() != null
                        ? e.getParameters().getRetryAfter()
                        : 1;
                yield new TelegramException.RateLimited(method, Duration.ofSeconds(seconds), description);
            }
            case 400 ->
                e.getParameters() != null && e.getParameters().getMigrateToChatId() != null
                        ? new TelegramException.ChatMigrated(
                                method, new ChatId(e.getParameters().getMigrateToChatId()), description)
                        : new TelegramException.BadRequest(method, description);
            case 401 -> new TelegramException.Unauthorized(method, description);
            case 403 -> new TelegramException.Forbidden(method, description);
            case 404 -> new TelegramException.NotFound(method, description);
            case 409 -> new TelegramException.Conflict(method, description);
            default ->
                code >= 500
                        ? new TelegramException.Unavailable(method, code + " " + description, null)
                        : new TelegramException.BadRequest(method, code + " " + description);
        };
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String kind = root instanceof IOException
                ? "connection failed"
                : root.getClass().getSimpleName();
        return kind + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    @Override
    public void close() {
        http.dispatcher().cancelAll();
        http.connectionPool().evictAll();
        callbacks.shutdownNow();
    }
}

package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grokgram.web.HttpModule;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Telegram Bot API: {@code /bot<token>/<method>} over GET and POST with JSON, form, multipart or query
 * parameters, answering in Telegram's envelope with Telegram's validation and error texts, plus a side door for tests
 * and the web chat to act as people and to watch what the bot did.
 *
 * <p>Where Telegram's behaviour is documented or visible in the open-source Bot API server and TDLib, the emulator
 * copies it, including its leniency (scalars are parsed the way the server parses them; a parse_mode wins over an
 * entities array; overlapping entities are repaired, not refused). Updates go out by long polling or, while a webhook
 * is set, by real POSTs to it with Telegram's retries ({@link #setWebhookRetry}). Groups have members, privacy mode,
 * forum topics and the upgrade to a supergroup; the bot may upload documents. Inline mode and guest mode work with
 * articles ({@link InlineMethods}). Telegram Stars payments work end to end ({@link PaymentMethods}): invoices and
 * links, the 10-second pre-checkout, subscriptions with renewals, refunds and transactions. What it does not do: other
 * inline result types, downloads of files, payments in other currencies, rich messages.
 *
 * <p>Thread safety: each bot's state has one lock; long polls wait on a condition of that lock, never holding it.
 */
public final class BotApiEmulator implements HttpModule, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BotApiEmulator.class);
    private static final long FIRST_UPDATE_ID = 100_000_001L;
    private static final Duration DRAFT_LIFETIME = Duration.ofSeconds(30);
    private static final Set<String> METHODS = Set.of(
            "getme",
            "getupdates",
            "setwebhook",
            "deletewebhook",
            "getwebhookinfo",
            "setmycommands",
            "getmycommands",
            "deletemycommands",
            "setmydescription",
            "getmydescription",
            "setmyshortdescription",
            "getmyshortdescription",
            "setchatmenubutton",
            "getchatmenubutton",
            "sendmessage",
            "editmessagetext",
            "sendmessagedraft",
            "sendchataction",
            "deletemessage",
            "answercallbackquery",
            "answerinlinequery",
            "answerguestquery",
            "senddocument",
            "getchatmember",
            "sendinvoice",
            "createinvoicelink",
            "answerprecheckoutquery",
            "refundstarpayment",
            "edituserstarsubscription",
            "getstartransactions",
            "getmystarbalance");

    private final SandboxContext context;
    private final MessageMethods messageMethods;
    private final InlineMethods inlineMethods;
    private final WebhookDelivery webhookDelivery;
    private final UpdateMethods updateMethods;
    private final ProfileMethods profileMethods;
    private final WebApps webApps;
    private final UserSide userSide;
    private final GroupSide groupSide;
    private final DocumentMethods documentMethods;
    private final MemberMethods memberMethods;
    private final PaymentMethods paymentMethods;
    private final Map<String, BotState> bots = new ConcurrentHashMap<>();
    private final AtomicLong generatedBotIds = new AtomicLong(7_000_000_000L);
    /** Numbers the injected payments, for their message and charge ids. */
    private final AtomicLong injectedPayments = new AtomicLong(900_000);

    private final Queue<RejectedCall> rejections = new ConcurrentLinkedQueue<>();
    private final Map<String, Queue<BotApiException>> injectedFailures = new ConcurrentHashMap<>();
    private volatile BotState defaultBot;
    private volatile boolean draftsEnabled = true;

    public BotApiEmulator(Clock clock) {
        this.context = new SandboxContext(Objects.requireNonNull(clock, "clock"));
        this.messageMethods = new MessageMethods(context);
        this.inlineMethods = new InlineMethods(context);
        this.webhookDelivery = new WebhookDelivery(context);
        this.updateMethods = new UpdateMethods(context, webhookDelivery);
        this.profileMethods = new ProfileMethods(context);
        this.webApps = new WebApps(clock);
        this.userSide = new UserSide(context);
        this.groupSide = new GroupSide(context, userSide);
        this.documentMethods = new DocumentMethods(context);
        this.memberMethods = new MemberMethods(context);
        this.paymentMethods = new PaymentMethods(context);
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/bot{token}/{method}", this::handle);
        routes.post("/bot{token}/{method}", this::handle);
        new UserApi(this).register(routes);
    }

    // ---- setting up ----

    /**
     * Registers a bot; the first one becomes the default bot of the web chat and of the methods without a token.
     * Returns the bot's user id: the number before ':' in a Telegram-style token, else a generated one.
     */
    public long registerBot(String token, String username, String firstName) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(firstName, "firstName");
        if (token.isEmpty() || token.contains("/")) {
            throw new IllegalArgumentException("a bot token must be non-empty and without '/', got '" + token + "'");
        }
        int colon = token.indexOf(':');
        long id = colon > 0 && token.substring(0, colon).matches("\\d{1,15}")
                ? Long.parseLong(token.substring(0, colon))
                : generatedBotIds.incrementAndGet();
        BotState bot = new BotState(token, id, username, firstName, FIRST_UPDATE_ID);
        if (bots.putIfAbsent(token, bot) != null) {
            throw new IllegalArgumentException("bot token already registered: " + token);
        }
        synchronized (this) {
            if (defaultBot == null) {
                defaultBot = bot;
            }
        }
        return id;
    }

    /** A person talking to the default bot; registering the same id again updates their name. */
    public SandboxUser user(long userId, String firstName, Optional<String> username, String languageCode) {
        return user(defaultBot().token, userId, firstName, username, languageCode);
    }

    public SandboxUser user(
            String botToken, long userId, String firstName, Optional<String> username, String languageCode) {
        UserProfile profile = new UserProfile(userId, firstName, username, languageCode);
        context.users.put(userId, profile);
        return new SandboxUser(bot(botToken), profile, userSide, groupSide);
    }

    // ---- switches ----

    /** With drafts off, sendMessageDraft answers 404 "Not Found" like a Bot API server older than 9.3. */
    public void setDraftsEnabled(boolean enabled) {
        this.draftsEnabled = enabled;
    }

    /**
     * Switches flood control on or off. Each bot counts its own calls; changing the limits starts every count afresh.
     * Telegram's 429 says only "retry after N", never which limit was hit, and neither does the emulator's.
     */
    public void setRateLimits(RateLimits limits) {
        context.rateLimits(Objects.requireNonNull(limits, "limits"));
    }

    /**
     * How webhook deliveries are retried: a failed one is tried again after {@code firstPause}, then after twice that,
     * and so on (at most a minute), and dropped after {@code attempts} in all. Default: 1 s and 8 attempts.
     */
    public void setWebhookRetry(Duration firstPause, int attempts) {
        webhookDelivery.retry(firstPause, attempts);
    }

    /** How long one webhook delivery may take before it counts as failed ("Read timeout expired"). Default: 30 s. */
    public void setWebhookTimeout(Duration timeout) {
        webhookDelivery.timeout(timeout);
    }

    /** How many 429 answers flood control has served so far (injected failures not counted). */
    public int tooManyRequestsServed() {
        return context.tooManyRequestsServed();
    }

    /**
     * The next call of {@code method} (any bot, any case) fails with this error instead of running. A 429 whose
     * description is "Too Many Requests: retry after N" carries parameters.retry_after = N, as Telegram's do.
     */
    public void failNext(String method, int errorCode, String description) {
        if (errorCode < 400 || errorCode > 599) {
            throw new IllegalArgumentException("an error code is 4xx or 5xx, got " + errorCode);
        }
        injectedFailures
                .computeIfAbsent(method.toLowerCase(Locale.ROOT), m -> new ConcurrentLinkedQueue<>())
                .add(BotApiException.of(errorCode, description));
    }

    /**
     * Privacy mode of the default bot (BotFather's /setprivacy; on unless switched off): with it on, the bot receives
     * in groups only commands, mentions of it, replies to it and service messages. getMe shows it as {@code
     * can_read_all_group_messages}. Unlike Telegram, a change applies at once, not only after the bot is re-added.
     */
    public void setGroupPrivacy(boolean enabled) {
        defaultBot().groupPrivacy = enabled;
    }

    public void setGroupPrivacy(String botToken, boolean enabled) {
        bot(botToken).groupPrivacy = enabled;
    }

    /** The user blocks the default bot: its sends to them answer 403 until they write again or unblock. */
    public void blockBy(long userId) {
        userSide.setBlocked(defaultBot(), profile(userId), true);
    }

    public void unblockBy(long userId) {
        userSide.setBlocked(defaultBot(), profile(userId), false);
    }

    // ---- raw updates ----

    /**
     * Queues text as an update exactly as given, for tests of malformed input. A JSON object without update_id gets
     * the next id; anything else is delivered once, verbatim. Returns the update id (-1 if there is none).
     */
    public long injectRawUpdate(String botToken, String json) {
        BotState bot = bot(botToken);
        bot.lock.lock();
        try {
            long id = bot.updates.addRaw(json, context.clock.millis());
            bot.changed.signalAll();
            return id;
        } finally {
            bot.lock.unlock();
        }
    }

    /** The update_id of the newest update queued for the bot, e.g. to {@link #redeliver} it. */
    public long lastUpdateId(String botToken) {
        BotState bot = bot(botToken);
        bot.lock.lock();
        try {
            return bot.updates.lastId();
        } finally {
            bot.lock.unlock();
        }
    }

    /** Delivers an update once more with its original update_id, even if the bot already confirmed it. */
    public void redeliver(String botToken, long updateId) {
        BotState bot = bot(botToken);
        bot.lock.lock();
        try {
            bot.updates.redeliver(updateId, context.clock.millis());
            bot.changed.signalAll();
        } finally {
            bot.lock.unlock();
        }
    }

    // ---- payments ----

    /** Every payment the default bot received, oldest first, as it stands now (refunded or not). */
    public List<Payment> payments() {
        return payments(defaultBot().token);
    }

    public List<Payment> payments(String botToken) {
        BotState bot = bot(botToken);
        bot.lock.lock();
        try {
            return bot.payments.charges.values().stream()
                    .map(PaymentState.Charge::snapshot)
                    .toList();
        } finally {
            bot.lock.unlock();
        }
    }

    /**
     * Renews, once each, the default bot's subscriptions whose paid period has ended by the emulator's clock and that
     * neither the user nor the bot cancelled; returns the new payments. Telegram does this on its own; tests move the
     * clock and call this.
     */
    public List<Payment> renewDueSubscriptions() {
        return userSide.payments().renewDue(defaultBot());
    }

    /**
     * Queues a {@code successful_payment} message from the user to the default bot that no checkout preceded, with
     * whatever currency, amount and payload a test needs (also ones Telegram would never send), through {@link
     * #injectRawUpdate}. Nothing is charged or recorded. Returns the update id.
     */
    public long injectSuccessfulPayment(long userId, String currency, long totalAmount, String payload) {
        return injectSuccessfulPayment(
                userId, currency, totalAmount, payload, "stxInjected" + injectedPayments.incrementAndGet());
    }

    /** Like {@link #injectSuccessfulPayment(long, String, long, String)} with a chosen charge id. */
    public long injectSuccessfulPayment(
            long userId, String currency, long totalAmount, String payload, String chargeId) {
        ObjectNode update = new PaymentMessages(context)
                .forged(profile(userId), currency, totalAmount, payload, chargeId, injectedPayments.incrementAndGet());
        return injectRawUpdate(defaultBot().token, Json.write(update));
    }

    // ---- what happened ----

    /** Every accepted send, edit, draft, chat action and deletion in the default bot's chat, oldest first. */
    public List<BotEvent> events(long chatId) {
        return events(defaultBot().token, chatId);
    }

    public List<BotEvent> events(String botToken, long chatId) {
        return feed(bot(botToken), chatId, 0).stream().filter(BotEvent::byBot).toList();
    }

    /**
     * The default bot's events in a chat after {@code afterSeq}, oldest first: for a poller that remembers where it got
     * to (the bench's simulated users). Looks only at the new end of the feed, so a poll costs the same in a long chat
     * as in a new one.
     */
    public List<BotEvent> eventsAfter(long chatId, long afterSeq) {
        BotState bot = defaultBot();
        bot.lock.lock();
        try {
            ChatState chat = bot.chats.get(chatId);
            if (chat == null) {
                return List.of();
            }
            // a chat's feed is in seq order: events are appended under the bot's lock as their seq is drawn
            int from = chat.feed.size();
            while (from > 0 && chat.feed.get(from - 1).seq() > afterSeq) {
                from--;
            }
            return chat.feed.subList(from, chat.feed.size()).stream()
                    .filter(BotEvent::byBot)
                    .toList();
        } finally {
            bot.lock.unlock();
        }
    }

    /** The seq of the last event in the default bot's chat, either side's, or 0 for a chat with none. */
    public long lastSeq(long chatId) {
        BotState bot = defaultBot();
        bot.lock.lock();
        try {
            ChatState chat = bot.chats.get(chatId);
            return chat == null || chat.feed.isEmpty() ? 0 : chat.feed.getLast().seq();
        } finally {
            bot.lock.unlock();
        }
    }

    /**
     * The chat as it stands: both sides' messages, edits applied, deletions gone. Chats without the bot (where it was
     * used inline or as a guest) are included.
     */
    public List<ChatMessage> messages(long chatId) {
        return messages(defaultBot().token, chatId);
    }

    public List<ChatMessage> messages(String botToken, long chatId) {
        BotState bot = bot(botToken);
        bot.lock.lock();
        try {
            ChatState chat = bot.inline.chat(bot, chatId);
            return chat == null ? List.of() : List.copyOf(chat.messages.values());
        } finally {
            bot.lock.unlock();
        }
    }

    /** Ids of the default bot's callback queries (button presses) not answered yet, oldest first. */
    public List<String> unansweredCallbacks() {
        BotState bot = defaultBot();
        bot.lock.lock();
        try {
            return List.copyOf(bot.openCallbackQueries);
        } finally {
            bot.lock.unlock();
        }
    }

    /** How the default bot answered a callback query, if it did. */
    public Optional<CallbackAnswer> callbackAnswer(String queryId) {
        BotState bot = defaultBot();
        bot.lock.lock();
        try {
            return Optional.ofNullable(bot.callbackAnswers.get(queryId));
        } finally {
            bot.lock.unlock();
        }
    }

    /** The files the default bot uploaded to a chat with sendDocument, oldest first. */
    public List<SentDocument> documents(long chatId) {
        return documents(defaultBot().token, chatId);
    }

    public List<SentDocument> documents(String botToken, long chatId) {
        BotState bot = bot(botToken);
        bot.lock.lock();
        try {
            return List.copyOf(bot.documents.getOrDefault(chatId, List.of()));
        } finally {
            bot.lock.unlock();
        }
    }

    /** Drafts still visible in the default bot's chat: the latest per draft_id, younger than 30 s, none after a send. */
    public List<BotEvent> activeDrafts(long chatId) {
        BotState bot = defaultBot();
        Instant cutoff = context.now().minus(DRAFT_LIFETIME);
        bot.lock.lock();
        try {
            ChatState chat = bot.chats.get(chatId);
            return chat == null
                    ? List.of()
                    : chat.drafts.values().stream()
                            .filter(d -> d.at().isAfter(cutoff))
                            .toList();
        } finally {
            bot.lock.unlock();
        }
    }

    /** The default bot's message behind an inline_message_id as it stands now; empty if there is none. */
    public Optional<InlineMessage> inlineMessage(String inlineMessageId) {
        BotState bot = defaultBot();
        bot.lock.lock();
        try {
            return Optional.ofNullable(bot.inline.messages.get(inlineMessageId))
                    .map(editable -> bot.inline.snapshot(bot, editable));
        } finally {
            bot.lock.unlock();
        }
    }

    /** What happened to the message behind an inline_message_id: its creation, then every accepted edit. */
    public List<BotEvent> inlineEvents(String inlineMessageId) {
        BotState bot = defaultBot();
        bot.lock.lock();
        try {
            InlineState.Editable editable = bot.inline.messages.get(inlineMessageId);
            return editable == null ? List.of() : List.copyOf(editable.events());
        } finally {
            bot.lock.unlock();
        }
    }

    /** Every Bot API call answered with ok=false, oldest first. */
    public List<RejectedCall> rejections() {
        return List.copyOf(rejections);
    }

    /** Waits for the first event in the default bot's chat (either side) that matches; throws if none comes. */
    public BotEvent awaitEvent(long chatId, Predicate<BotEvent> condition, Duration timeout) {
        BotState bot = defaultBot();
        long deadline = System.nanoTime() + timeout.toNanos();
        bot.lock.lock();
        try {
            while (true) {
                ChatState chat = bot.chats.get(chatId);
                if (chat != null) {
                    for (BotEvent event : chat.feed) {
                        if (condition.test(event)) {
                            return event;
                        }
                    }
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new IllegalStateException("no matching event in chat " + chatId + " within " + timeout
                            + "; events: " + events(chatId));
                }
                bot.changed.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an event in chat " + chatId, e);
        } finally {
            bot.lock.unlock();
        }
    }

    // ---- package-private, for the user-side HTTP API ----

    BotState defaultBot() {
        BotState bot = defaultBot;
        if (bot == null) {
            throw new IllegalStateException("no bot registered");
        }
        return bot;
    }

    Optional<BotState> defaultBotIfAny() {
        return Optional.ofNullable(defaultBot);
    }

    SandboxContext context() {
        return context;
    }

    UserSide userSide() {
        return userSide;
    }

    WebApps webApps() {
        return webApps;
    }

    /** The menu button a private chat shows: its own, else the default bot's default, else {@code commands}. */
    public JsonNode menuButton(long chatId) {
        return webApps.menuButton(defaultBot(), chatId);
    }

    GroupSide groupSide() {
        return groupSide;
    }

    /** Events after {@code afterSeq} in a chat, both sides; with the lock held by the caller or not. */
    List<BotEvent> feed(BotState bot, long chatId, long afterSeq) {
        bot.lock.lock();
        try {
            ChatState chat = bot.chats.get(chatId);
            if (chat == null) {
                return List.of();
            }
            List<BotEvent> result = new ArrayList<>();
            for (BotEvent event : chat.feed) {
                if (event.seq() > afterSeq) {
                    result.add(event);
                }
            }
            return result;
        } finally {
            bot.lock.unlock();
        }
    }

    private UserProfile profile(long userId) {
        UserProfile profile = context.users.get(userId);
        if (profile == null) {
            throw new IllegalArgumentException("no sandbox user " + userId + "; create one with user(...)");
        }
        return profile;
    }

    private BotState bot(String token) {
        BotState bot = bots.get(token);
        if (bot == null) {
            throw new IllegalArgumentException("no bot with token " + token);
        }
        return bot;
    }

    // ---- the Bot API over HTTP ----

    private void handle(Context ctx) {
        String method = ctx.pathParam("method");
        try {
            Reply reply = call(ctx.pathParam("token"), method, Params.from(ctx));
            String description = reply.description()
                    .map(text -> ",\"description\":"
                            + Json.write(Json.MAPPER.getNodeFactory().textNode(text)))
                    .orElse("");
            ctx.status(200)
                    .contentType("application/json")
                    .result("{\"ok\":true,\"result\":" + reply.resultJson() + description + "}");
        } catch (BotApiException e) {
            reject(ctx, method, e);
        } catch (RuntimeException e) {
            log.warn("Bot API emulator failed on {}", method, e);
            reject(ctx, method, BotApiException.of(500, "Internal Server Error"));
        }
    }

    private Reply call(String token, String method, Params params) {
        BotState bot = bots.get(token);
        if (bot == null) {
            throw BotApiException.of(401, "Unauthorized");
        }
        String name = method.toLowerCase(Locale.ROOT);
        if (!METHODS.contains(name) || (name.equals("sendmessagedraft") && !draftsEnabled)) {
            throw BotApiException.notFound();
        }
        Queue<BotApiException> failures = injectedFailures.get(name);
        BotApiException injected = failures == null ? null : failures.poll();
        if (injected != null) {
            throw injected;
        }
        return switch (name) {
            case "getme" -> Reply.of(profileMethods.getMe(bot));
            case "setchatmenubutton" -> Reply.of(webApps.setChatMenuButton(bot, params));
            case "getchatmenubutton" -> Reply.of(webApps.getChatMenuButton(bot, params));
            case "getupdates" -> updateMethods.getUpdates(bot, params);
            case "setwebhook" -> updateMethods.setWebhook(bot, params);
            case "deletewebhook" -> updateMethods.deleteWebhook(bot, params);
            case "getwebhookinfo" -> updateMethods.getWebhookInfo(bot);
            case "setmycommands" -> Reply.of(profileMethods.setMyCommands(bot, params));
            case "getmycommands" -> Reply.of(profileMethods.getMyCommands(bot, params));
            case "deletemycommands" -> Reply.of(profileMethods.deleteMyCommands(bot, params));
            case "setmydescription" -> Reply.of(profileMethods.setDescription(bot, params, false));
            case "getmydescription" -> Reply.of(profileMethods.getDescription(bot, params, false));
            case "setmyshortdescription" -> Reply.of(profileMethods.setDescription(bot, params, true));
            case "getmyshortdescription" -> Reply.of(profileMethods.getDescription(bot, params, true));
            case "sendmessage" -> Reply.of(messageMethods.sendMessage(bot, params));
            case "editmessagetext" ->
                Reply.of(
                        InlineMethods.targetsInline(params)
                                ? inlineMethods.editMessageText(bot, params)
                                : messageMethods.editMessageText(bot, params));
            case "sendmessagedraft" -> Reply.of(messageMethods.sendMessageDraft(bot, params));
            case "sendchataction" -> Reply.of(messageMethods.sendChatAction(bot, params));
            case "deletemessage" -> Reply.of(messageMethods.deleteMessage(bot, params));
            case "answercallbackquery" -> Reply.of(messageMethods.answerCallbackQuery(bot, params));
            case "answerinlinequery" -> Reply.of(inlineMethods.answerInlineQuery(bot, params));
            case "answerguestquery" -> Reply.of(inlineMethods.answerGuestQuery(bot, params));
            case "senddocument" -> Reply.of(documentMethods.sendDocument(bot, params));
            case "getchatmember" -> Reply.of(memberMethods.getChatMember(bot, params));
            case "sendinvoice" -> Reply.of(paymentMethods.sendInvoice(bot, params));
            case "createinvoicelink" -> Reply.of(paymentMethods.createInvoiceLink(bot, params));
            case "answerprecheckoutquery" -> Reply.of(paymentMethods.answerPreCheckoutQuery(bot, params));
            case "refundstarpayment" -> Reply.of(paymentMethods.refundStarPayment(bot, params));
            case "edituserstarsubscription" -> Reply.of(paymentMethods.editUserStarSubscription(bot, params));
            case "getstartransactions" -> Reply.of(paymentMethods.getStarTransactions(bot, params));
            case "getmystarbalance" -> Reply.of(paymentMethods.getMyStarBalance(bot));
            default -> throw new IllegalStateException("method listed but not dispatched: " + name);
        };
    }

    /** Stops webhook delivery; the emulator answers calls as before, but nothing is posted any more. */
    @Override
    public void close() {
        webhookDelivery.close();
    }

    private void reject(Context ctx, String method, BotApiException e) {
        rejections.add(new RejectedCall(context.now(), method, e.errorCode(), e.description()));
        ObjectNode body = Json.object();
        body.put("ok", false);
        body.put("error_code", e.errorCode());
        body.put("description", e.description());
        e.retryAfter().ifPresent(seconds -> body.putObject("parameters").put("retry_after", seconds));
        e.migrateToChatId().ifPresent(chat -> body.putObject("parameters").put("migrate_to_chat_id", chat));
        ctx.status(e.errorCode()).contentType("application/json").result(Json.write(body));
    }
}

package io.grokgram.telegram;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only way out to Telegram. Every call leaves only when its chat and the bot have room under {@link
 * OutboundLimits}, so Grokgram stays inside Telegram's limits however many turns run, and close to them under load.
 *
 * <p>Final answers queue per chat and wait their turn; previews (drafts) never wait: if no token is free right now, or a
 * final of the chat is queued, they are skipped, since the next preview carries newer text anyway. So finals outrank
 * previews and a stale preview never queues behind a fresh one. A 429 pauses the chat, or the whole bot when the chat
 * had been quiet, for {@code retry_after}; finals then retry, previews are dropped.
 *
 * <p>A 403 (blocked by the user, removed from the group) makes the chat inactive: the {@link ChatStatusListener} hears
 * of it once, and every later call to the chat fails at once with {@link TelegramException.Forbidden}, without a
 * network call, until {@link #reactivate}. Any other 4xx is logged once with the method and Telegram's description and
 * never retried; 5xx and lost connections are retried with back-off.
 *
 * <p>A 400 carrying {@code migrate_to_chat_id} (the group became a supergroup) is remembered: the call is sent once
 * more to the new id, the listener hears of the move once, and every later call to the old id goes to the new one.
 */
public final class Outbound implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Outbound.class);

    private final BotApi api;
    private final OutboundLimits limits;
    private final FloodControl flood;
    private final InlineCalls inline;
    private final PaymentCalls payments;
    private final ChatStatusListener listener;
    private final CallCounter calls;
    private final Map<Long, String> inactive = new ConcurrentHashMap<>();
    /** Groups upgraded to supergroups: old chat id to new chat. In memory; the listener keeps the record. */
    private final Map<Long, ChatId> migrated = new ConcurrentHashMap<>();
    /** Cleared for good the first time the server answers 404 to a draft: an older or self-hosted Bot API server. */
    private volatile boolean draftsSupported = true;

    Outbound(BotApi api, OutboundLimits limits, ChatStatusListener listener, MeterRegistry metrics) {
        this(api, Buckets.local(Objects.requireNonNull(limits, "limits")), listener, metrics);
    }

    /** An outbound whose limits and 429 pauses are {@code buckets}': this process's own, or shared in scale-out. */
    Outbound(BotApi api, Buckets buckets, ChatStatusListener listener, MeterRegistry metrics) {
        this.api = Objects.requireNonNull(api, "api");
        this.limits = buckets.limits();
        this.listener = Objects.requireNonNull(listener, "listener");
        this.calls = new CallCounter(Objects.requireNonNull(metrics, "metrics"));
        this.flood = new FloodControl(buckets);
        this.inline = new InlineCalls(api, limits, flood, calls);
        this.payments = new PaymentCalls(api, limits, flood, inline, calls);
    }

    /** Sends a final message part; waits for its turn and retries transient failures. */
    public MessageId send(ChatId chat, OptionalInt threadId, FormattedText text, Optional<MessageId> replyTo) {
        return send(chat, threadId, text, replyTo, Keyboard.NONE);
    }

    /**
     * Sends a final message part with inline buttons under it ({@link Keyboard#NONE} for none). A reply goes as {@code
     * reply_parameters} and is sent without the reply if the replied message is gone.
     */
    public MessageId send(
            ChatId chat, OptionalInt threadId, FormattedText text, Optional<MessageId> replyTo, Keyboard keyboard) {
        Objects.requireNonNull(keyboard, "keyboard");
        return redirected(
                chat,
                target -> finalCall(
                        target, "sendMessage", () -> api.sendMessage(target, threadId, text, replyTo, keyboard)));
    }

    /** Edits a message to its final text, removing its buttons. "Not modified" counts as done. */
    public void edit(ChatId chat, MessageId message, FormattedText text) {
        edit(chat, message, text, Keyboard.NONE);
    }

    /**
     * Edits a message to its final text and replaces its buttons ({@link Keyboard#NONE} removes them, as Telegram does
     * for an edit without any). "Not modified" counts as done: the wanted state already holds.
     */
    public void edit(ChatId chat, MessageId message, FormattedText text, Keyboard keyboard) {
        Objects.requireNonNull(keyboard, "keyboard");
        redirected(
                chat,
                target -> finalCall(target, "editMessageText", () -> {
                    try {
                        api.editMessageText(target, message, text, keyboard);
                    } catch (TelegramException.BadRequest e) {
                        if (!e.notModified()) {
                            throw e;
                        }
                    }
                    return Boolean.TRUE;
                }));
    }

    /**
     * Uploads a file (e.g. an answer too long for messages) with an optional plain caption of at most 1024 characters.
     * Waits its turn in the chat like a final message; files up to 50 MB.
     */
    public MessageId sendDocument(
            ChatId chat, OptionalInt threadId, String fileName, byte[] content, Optional<String> caption) {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(caption, "caption");
        byte[] bytes = content.clone();
        return redirected(
                chat,
                target -> finalCall(
                        target, "sendDocument", () -> api.sendDocument(target, threadId, fileName, bytes, caption)));
    }

    /**
     * Answers a button press: stops the spinner on the button, with a short toast if given (at most 200 characters).
     * Counts against the bot's limit only. Not retried: an answer is worth something only within seconds. Fails with
     * {@link TelegramException.BadRequest} when the query is too old or was answered already.
     */
    public void answerCallback(String callbackQueryId, Optional<String> toast) {
        Objects.requireNonNull(callbackQueryId, "callbackQueryId");
        Objects.requireNonNull(toast, "toast");
        flood.awaitBot();
        try {
            api.answerCallbackQuery(callbackQueryId, toast);
            count("answerCallbackQuery", "ok");
        } catch (TelegramException e) {
            count("answerCallbackQuery", outcome(e));
            log.info("answerCallbackQuery failed: {}", e.getMessage());
            throw e;
        }
    }

    /**
     * Whether the user is the group's creator or one of its admins, as Telegram says now. Asked only where the answer
     * decides something (group settings, admins-only groups); when Telegram cannot say, the answer is no.
     */
    public boolean isAdmin(ChatId chat, UserId user) {
        flood.awaitBot();
        try {
            String status = api.chatMemberStatus(currentId(chat), user);
            count("getChatMember", "ok");
            return status.equals("creator") || status.equals("administrator");
        } catch (TelegramException e) {
            count("getChatMember", outcome(e));
            log.info("could not learn whether a user is an admin of chat {}: {}", chat, e.getMessage());
            return false;
        }
    }

    /**
     * Records that a group became a supergroup, as told by the update ({@code migrate_to_chat_id}); calls to {@code
     * from} go to {@code to} from now on. The listener is not told: it is where the news came from.
     */
    public void chatMigrated(ChatId from, ChatId to) {
        migrated.put(from.value(), Objects.requireNonNull(to, "to"));
    }

    /** Where calls to {@code chat} go: the supergroup it became, or the chat itself. */
    public ChatId currentId(ChatId chat) {
        return migrated.getOrDefault(chat.value(), chat);
    }

    /**
     * Shows a streaming draft if a token is free right now. Returns {@link PreviewResult#UNSUPPORTED} when the server
     * does not know drafts (404), so the caller can switch to edits.
     */
    public PreviewResult draft(ChatId chat, OptionalInt threadId, int draftId, FormattedText text) {
        ChatId target = currentId(chat);
        return previewCall(
                target, "sendMessageDraft", () -> api.sendMessageDraft(target, threadId, draftId, text, true));
    }

    /**
     * Sends the first preview message where drafts are not available (groups, older Bot API servers); empty if no
     * token was free or the call failed — the next preview tries again.
     */
    public Optional<MessageId> sendPreview(ChatId chat, OptionalInt threadId, FormattedText text) {
        return sendPreview(chat, threadId, text, Optional.empty());
    }

    /** A preview message that replies to {@code replyTo} (in a group, the question it answers). */
    public Optional<MessageId> sendPreview(
            ChatId chat, OptionalInt threadId, FormattedText text, Optional<MessageId> replyTo) {
        ChatId target = currentId(chat);
        MessageId[] sent = new MessageId[1];
        PreviewResult result =
                previewCall(target, "sendMessage", () -> sent[0] = api.sendMessage(target, threadId, text, replyTo));
        return result == PreviewResult.SHOWN ? Optional.of(sent[0]) : Optional.empty();
    }

    /** Updates a preview message if a token is free right now; "not modified" is fine. */
    public PreviewResult editPreview(ChatId chat, MessageId message, FormattedText text) {
        ChatId target = currentId(chat);
        return previewCall(target, "editMessageText", () -> {
            try {
                api.editMessageText(target, message, text);
            } catch (TelegramException.BadRequest e) {
                if (!e.notModified()) {
                    throw e;
                }
            }
        });
    }

    /** Whether drafts can be used: true until the server showed it does not have them. */
    public boolean draftsSupported() {
        return draftsSupported;
    }

    /** Shows "typing…" (lasts up to 5 s on the user's screen). Best effort; counts only against the bot's limit. */
    public void typing(ChatId original, OptionalInt threadId) {
        ChatId chat = currentId(original);
        if (inactive.containsKey(chat.value())) {
            return;
        }
        Optional<FloodControl.Permit> leave = flood.tryChatAction(chat);
        if (leave.isEmpty()) {
            return;
        }
        FloodControl.Permit permit = leave.get();
        try (permit) {
            api.sendChatAction(chat, threadId, "typing");
            count("sendChatAction", "ok");
        } catch (TelegramException.RateLimited e) {
            count("sendChatAction", "rate_limited");
            slowDown(chat, "sendChatAction", permit, e);
        } catch (TelegramException.Forbidden e) {
            count("sendChatAction", "forbidden");
            deactivated(chat, e);
        } catch (TelegramException.ChatMigrated e) {
            count("sendChatAction", "migrated");
            migrated(chat, e.to());
        } catch (TelegramException e) {
            count("sendChatAction", outcome(e));
            failedBestEffort(chat, "sendChatAction", e);
        }
    }

    /** Sets the bot's default menu button to open the Mini App at {@code url}; counts against the bot's limit. */
    public void setMenuButton(String text, String url) {
        flood.awaitBot();
        api.setMenuButton(text, url);
        count("setChatMenuButton", "ok");
    }

    public void setMyCommands(List<BotCommandSpec> commands) {
        setMyCommands(commands, Optional.empty());
    }

    /** Registers the command menu for users whose Telegram is in {@code languageCode}; empty: the default menu. */
    public void setMyCommands(List<BotCommandSpec> commands, Optional<String> languageCode) {
        flood.awaitBot();
        api.setMyCommands(commands, languageCode);
        count("setMyCommands", "ok");
    }

    /** Sets the bot's description (empty chat, up to 512 characters) for {@code languageCode}; empty: the default. */
    public void setMyDescription(String description, Optional<String> languageCode) {
        flood.awaitBot();
        api.setMyDescription(false, description, languageCode);
        count("setMyDescription", "ok");
    }

    /** Sets the bot's short description (profile, up to 120 characters) for {@code languageCode}. */
    public void setMyShortDescription(String description, Optional<String> languageCode) {
        flood.awaitBot();
        api.setMyDescription(true, description, languageCode);
        count("setMyShortDescription", "ok");
    }

    /** Whether calls to the chat go out (no 403 since the last {@link #reactivate}). */
    public boolean active(ChatId chat) {
        return !inactive.containsKey(chat.value());
    }

    /** Lets calls to the chat go out again, e.g. when its user writes to the bot. Returns whether it was inactive. */
    public boolean reactivate(ChatId chat) {
        boolean was = inactive.remove(chat.value()) != null;
        if (was) {
            log.info("chat {} is active again", chat);
        }
        return was;
    }

    /**
     * Marks a chat inactive without asking Telegram, e.g. from the recorded status at start. The listener is not told:
     * it is where the status came from.
     */
    public void deactivate(ChatId chat, String reason) {
        inactive.putIfAbsent(chat.value(), Objects.requireNonNull(reason, "reason"));
    }

    /**
     * Answers an inline query with up to 50 articles. Urgent: Telegram takes the answer for about ten seconds only, so
     * it queues behind no final or preview (see {@link FloodControl#awaitUrgent}). Transient failures are retried; a
     * refusal, such as a query that is too old or already answered, throws {@link TelegramException.BadRequest}.
     */
    public void answerInline(String queryId, List<InlineArticle> results, InlineAnswerOptions options) {
        inline.answerInline(queryId, List.copyOf(results), options);
    }

    /**
     * Answers a guest query (Bot API 10.0) with one article, which Telegram posts in the chat the bot was summoned in;
     * urgent like {@link #answerInline}. Returns the inline_message_id to fill the answer in with {@link #editInline}.
     */
    public String answerGuest(String guestQueryId, InlineArticle result) {
        return inline.answerGuest(guestQueryId, result);
    }

    /**
     * Edits an inline message to its final text and keyboard ({@link Keyboard#NONE} removes the keyboard); waits for
     * the message's turn and retries transient failures, so it arrives after any preview of the same message.
     */
    public void editInline(String inlineMessageId, FormattedText text, Keyboard keyboard) {
        inline.edit(inlineMessageId, text, keyboard);
    }

    /**
     * Shows a preview in an inline message if its lane is free right now, else skips it: nothing is queued, so a newer
     * preview simply replaces one that could not go. {@link PreviewResult#UNSUPPORTED} when Telegram refused it.
     */
    public PreviewResult editInlinePreview(String inlineMessageId, FormattedText text, Keyboard keyboard) {
        return inline.editPreview(inlineMessageId, text, keyboard);
    }

    // ---- Telegram Stars (PaymentCalls) ----

    /**
     * Posts an invoice with Telegram's Pay button; waits for the chat's turn and retries like a final message. A
     * subscription cannot be sent this way (Telegram refuses it): sell it by {@link #createInvoiceLink}.
     */
    public MessageId sendInvoice(ChatId chat, Invoice invoice) {
        Objects.requireNonNull(invoice, "invoice");
        if (invoice.subscription()) {
            throw new IllegalArgumentException(
                    "a subscription is sold by link only (createInvoiceLink), not by sendInvoice: "
                            + invoice.payload());
        }
        return redirected(
                chat, target -> finalCall(target, "sendInvoice", () -> payments.sendInvoiceOnce(target, invoice)));
    }

    /** An invoice link ({@code https://t.me/$…}) to put in a button or message; the only way to sell a subscription. */
    public String createInvoiceLink(Invoice invoice) {
        return payments.createInvoiceLink(Objects.requireNonNull(invoice, "invoice"));
    }

    /**
     * Confirms a checkout (empty {@code errorMessage}) or refuses it, with a reason Telegram shows the user. Urgent:
     * Telegram cancels the payment unless this arrives within 10 seconds, so it never waits behind a chat's queue or a
     * preview. An expired or already answered query throws {@link TelegramException.BadRequest}.
     */
    public void answerPreCheckout(String queryId, Optional<String> errorMessage) {
        Objects.requireNonNull(queryId, "queryId");
        Objects.requireNonNull(errorMessage, "errorMessage");
        if (errorMessage.isPresent() && errorMessage.get().isBlank()) {
            throw new IllegalArgumentException("a refused checkout needs a reason the user can read");
        }
        payments.answerPreCheckout(queryId, errorMessage);
    }

    /** Gives a payment back in full; the bot then receives {@code refunded_payment}. Refused once it was refunded. */
    public void refundStarPayment(UserId user, String chargeId) {
        payments.refund(Objects.requireNonNull(user, "user"), Objects.requireNonNull(chargeId, "chargeId"));
    }

    /**
     * Stops ({@code cancelled}) or allows again the renewals of the user's subscription that {@code chargeId} paid
     * for; the paid period stays either way.
     */
    public void editStarSubscription(UserId user, String chargeId, boolean cancelled) {
        payments.editSubscription(
                Objects.requireNonNull(user, "user"), Objects.requireNonNull(chargeId, "chargeId"), cancelled);
    }

    /** A page of the bot's Stars transactions, oldest first: skip {@code offset}, at most {@code limit} (1–100). */
    public List<StarTransaction> starTransactions(int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > 100) {
            throw new IllegalArgumentException("offset >= 0 and limit 1-100, got " + offset + " and " + limit);
        }
        return payments.transactions(offset, limit);
    }

    /** What became of a preview. */
    public enum PreviewResult {
        SHOWN,
        SKIPPED,
        UNSUPPORTED
    }

    private PreviewResult previewCall(ChatId chat, String method, Runnable call) {
        refuseIfInactive(chat, method);
        Optional<FloodControl.Permit> leave = flood.tryPreview(chat);
        if (leave.isEmpty()) {
            count(method, "skipped");
            return PreviewResult.SKIPPED;
        }
        FloodControl.Permit permit = leave.get();
        try (permit) {
            call.run();
            count(method, "ok");
            return PreviewResult.SHOWN;
        } catch (TelegramException.NotFound e) {
            count(method, "not_found");
            if (method.equals("sendMessageDraft") && draftsSupported) {
                draftsSupported = false;
                log.warn("the Bot API server does not know sendMessageDraft; answers stream by editing a message");
            }
            return PreviewResult.UNSUPPORTED;
        } catch (TelegramException.RateLimited e) {
            count(method, "rate_limited");
            slowDown(chat, method, permit, e);
            return PreviewResult.SKIPPED;
        } catch (TelegramException.Forbidden e) {
            count(method, "forbidden");
            deactivated(chat, e);
            throw e;
        } catch (TelegramException.ChatMigrated e) {
            // the next preview goes to the supergroup
            count(method, "migrated");
            migrated(chat, e.to());
            return PreviewResult.SKIPPED;
        } catch (TelegramException e) {
            count(method, outcome(e));
            failedBestEffort(chat, method, e);
            return PreviewResult.SKIPPED;
        }
    }

    /** Keeps the chat's turn across attempts, so a retried part is not overtaken by the next one. */
    private <T> T finalCall(ChatId chat, String method, Supplier<T> call) {
        refuseIfInactive(chat, method);
        try (FloodControl.Turn turn = flood.awaitTurn(chat)) {
            Duration backoff = Duration.ofMillis(500);
            for (int attempt = 1; ; attempt++) {
                // also when the chat was refused by another call while this one waited
                refuseIfInactive(chat, method);
                FloodControl.Permit permit = turn.awaitSlot();
                try (permit) {
                    T result = call.get();
                    count(method, "ok");
                    return result;
                } catch (TelegramException.RateLimited e) {
                    count(method, "rate_limited");
                    slowDown(chat, method, permit, e);
                    if (attempt >= limits.maxAttempts()) {
                        log.warn(
                                "{} to chat {} still rate limited after {} attempts; giving up", method, chat, attempt);
                        throw e;
                    }
                } catch (TelegramException.Forbidden e) {
                    count(method, "forbidden");
                    deactivated(chat, e);
                    throw e;
                } catch (TelegramException.ChatMigrated e) {
                    // not a refusal: redirected() sends it again at the new id, outside this chat's turn
                    count(method, "migrated");
                    throw e;
                } catch (TelegramException e) {
                    count(method, outcome(e));
                    if (!e.retriable()) {
                        refused(chat, method, e);
                        throw e;
                    }
                    if (attempt >= limits.maxAttempts()
                            || Thread.currentThread().isInterrupted()) {
                        log.warn("{} to chat {} failed {} times; giving up: {}", method, chat, attempt, e.getMessage());
                        throw e;
                    }
                    log.warn(
                            "{} to chat {} failed, retrying in {} ms: {}",
                            method,
                            chat,
                            backoff.toMillis(),
                            e.getMessage());
                    Backoff.pause(backoff);
                    backoff = backoff.multipliedBy(2);
                }
            }
        }
    }

    /**
     * Runs a call for {@code chat} at the id it has now; if Telegram says the group became a supergroup, remembers
     * that and runs the call once more there. Once: a supergroup is never upgraded again, so a second move is a bug.
     */
    private <T> T redirected(ChatId chat, Function<ChatId, T> call) {
        ChatId target = currentId(chat);
        try {
            return call.apply(target);
        } catch (TelegramException.ChatMigrated e) {
            migrated(target, e.to());
            return call.apply(e.to());
        }
    }

    private void migrated(ChatId from, ChatId to) {
        if (migrated.put(from.value(), to) != null) {
            return;
        }
        log.info("group {} was upgraded to supergroup {}; sending there from now on", from, to);
        try {
            listener.migrated(from, to);
        } catch (RuntimeException failure) {
            // the in-memory redirect still holds; only its record is lost
            log.error("chat status listener failed on the move of chat {} to {}", from, to, failure);
        }
    }

    private void slowDown(ChatId chat, String method, FloodControl.Permit permit, TelegramException.RateLimited e) {
        long seconds = e.retryAfter().toSeconds();
        switch (permit.rateLimited(e.retryAfter())) {
            case CHAT -> log.warn("Telegram asked to slow down chat {} for {} s ({})", chat, seconds, method);
            case BOT ->
                log.warn(
                        "Telegram asked to slow down for {} s ({} to chat {}, which had been quiet, so the bot-wide"
                                + " limit); every chat pauses",
                        seconds,
                        method,
                        chat);
        }
    }

    /** A 4xx that sending again would not cure: said once, here, with Telegram's own words. */
    private static void refused(ChatId chat, String method, TelegramException e) {
        log.warn("Telegram refused {} to chat {}, not retrying: {}", method, chat, e.getMessage());
    }

    /** A preview or chat action is never retried: a refusal is still said once, a passing failure only for debugging. */
    private static void failedBestEffort(ChatId chat, String method, TelegramException e) {
        if (e.retriable()) {
            log.debug("{} to chat {} failed, skipped: {}", method, chat, e.getMessage());
        } else {
            refused(chat, method, e);
        }
    }

    private void refuseIfInactive(ChatId chat, String method) {
        String reason = inactive.get(chat.value());
        if (reason != null) {
            count(method, "inactive");
            throw new TelegramException.Forbidden(method, "chat " + chat + " is inactive (" + reason + ")");
        }
    }

    private void deactivated(ChatId chat, TelegramException.Forbidden e) {
        if (inactive.putIfAbsent(chat.value(), e.description()) != null) {
            return;
        }
        log.info("chat {} refuses the bot ({}); no more calls to it until it is reactivated", chat, e.description());
        try {
            listener.forbidden(chat, e.description());
        } catch (RuntimeException failure) {
            // the in-memory status still stops the sends; only its record is lost
            log.error("chat status listener failed for chat {}; it stays inactive until restart only", chat, failure);
        }
    }

    private void count(String method, String outcome) {
        calls.count(method, outcome);
    }

    /** The metrics tag for a failed call. */
    static String outcome(TelegramException e) {
        return switch (e) {
            case TelegramException.RateLimited r -> "rate_limited";
            case TelegramException.Forbidden f -> "forbidden";
            case TelegramException.BadRequest b -> "bad_request";
            case TelegramException.ChatMigrated m -> "migrated";
            case TelegramException.NotFound n -> "not_found";
            case TelegramException.Unauthorized u -> "unauthorized";
            case TelegramException.Conflict c -> "conflict";
            case TelegramException.Unavailable u -> "unavailable";
        };
    }

    @Override
    public void close() {
        flood.clear();
    }
}

package io.grokgram.assistant;

import io.grokgram.billing.Admission;
import io.grokgram.billing.Billing;
import io.grokgram.billing.Payment;
import io.grokgram.billing.PaymentOutcome;
import io.grokgram.billing.Plan;
import io.grokgram.billing.RefundOutcome;
import io.grokgram.llm.Completion;
import io.grokgram.llm.FinishReason;
import io.grokgram.llm.LlmException;
import io.grokgram.llm.ModelId;
import io.grokgram.llm.PriceTable;
import io.grokgram.privacy.ConsentRequiredException;
import io.grokgram.privacy.DataSubject;
import io.grokgram.privacy.GateRequest;
import io.grokgram.privacy.GatedMessage;
import io.grokgram.privacy.Origin;
import io.grokgram.privacy.ProviderGate;
import io.grokgram.privacy.Purpose;
import io.grokgram.store.Database;
import io.grokgram.telegram.BotIdentity;
import io.grokgram.telegram.FormattedText;
import io.grokgram.telegram.InboundUpdate;
import io.grokgram.telegram.Keyboard;
import io.grokgram.telegram.MessageId;
import io.grokgram.telegram.Outbound;
import io.grokgram.telegram.ReplyStream;
import io.grokgram.telegram.TelegramException;
import io.grokgram.telegram.TelegramMarkdown;
import io.grokgram.telegram.UpdateParser;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one inbox entry to its end: a command's reply, or a turn — context, the gate, the streamed preview, the final
 * answer in valid parts — writing down each step before the next, so that a restart resumes where the turn stopped.
 */
final class TurnProcessor {
    private static final Logger log = LoggerFactory.getLogger(TurnProcessor.class);

    private final Database database;
    private final Inbox inbox;
    private final Conversations conversations;
    private final ContextBuilder context;
    private final TokenCounter tokens;
    private final ProviderGate gate;
    private final Outbound outbound;
    private final TelegramMarkdown markdown;
    private final Commands commands;
    private final Texts texts;
    private final PriceTable prices;
    private final AssistantSettings settings;
    private final TurnLedger ledger;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final RunningTurns running;
    private final UpdateParser parser = new UpdateParser();
    private final Summarizer summarizer;

    private final BotIdentity bot;
    private final Billing billing;
    private final SubscriptionDesk subscriptions;
    private final PrivacyDesk desk;
    private final GroupSettings groups;
    private final Callbacks callbacks;
    private final InlineTurns inline;
    private final ToolLoop tools;
    private final FeedbackButtons feedback;
    private final TurnLanguage language;
    private final LanguageDesk languages;

    TurnProcessor(
            BotIdentity bot,
            Database database,
            Inbox inbox,
            Conversations conversations,
            TokenCounter tokens,
            ProviderGate gate,
            Outbound outbound,
            TelegramMarkdown markdown,
            Texts texts,
            PriceTable prices,
            AssistantSettings settings,
            RunningTurns running,
            MeterRegistry metrics,
            Clock clock,
            PrivacyDesk desk,
            GroupSettings groups,
            Callbacks callbacks,
            InlineTurns inline,
            Billing billing,
            SubscriptionDesk subscriptions,
            ToolBox tools,
            Feedback feedback,
            TurnLanguage language,
            LanguageDesk languages) {
        this.language = language;
        this.languages = languages;
        this.bot = bot;
        this.tools = new ToolLoop(gate, tools, texts);
        this.billing = billing;
        this.subscriptions = subscriptions;
        this.desk = desk;
        this.groups = groups;
        this.callbacks = callbacks;
        this.inline = inline;
        this.running = running;
        this.database = database;
        this.inbox = inbox;
        this.conversations = conversations;
        this.tokens = tokens;
        this.gate = gate;
        this.outbound = outbound;
        this.markdown = markdown;
        this.texts = texts;
        this.prices = prices;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.context =
                new ContextBuilder(settings.persona(), tokens, settings.contextTokens(), settings.trimStepMessages());
        this.commands = new Commands(texts, conversations, settings.providerName());
        this.summarizer = new Summarizer(gate, settings.model(), conversations);
        this.ledger = new TurnLedger(metrics);
        this.feedback = new FeedbackButtons(
                database,
                feedback,
                conversations,
                gate,
                billing,
                subscriptions,
                outbound,
                markdown,
                texts,
                settings,
                prices,
                clock,
                new FeedbackButtons.TurnTools() {
                    @Override
                    public ContextBuilder context() {
                        return context;
                    }

                    @Override
                    public TokenCounter tokens() {
                        return tokens;
                    }

                    @Override
                    public TurnLedger ledger() {
                        return ledger;
                    }

                    @Override
                    public void meter(long user, Plan plan, String purpose, Completion done, Optional<Long> cost) {
                        TurnProcessor.this.meter(user, plan, purpose, done, cost);
                    }
                });
    }

    Commands commands() {
        return commands;
    }

    /**
     * Handles the entry; never throws for a failure of the turn itself (the user gets a message, the log a line). Every
     * text of the entry speaks its language (the group's, the user's choice, their Telegram's).
     */
    void process(InboxEntry entry) {
        // parsed once: the language and the question are read from the same update
        InboundUpdate update = parser.parse(entry.payload());
        texts.run(language.of(update), () -> processInLanguage(entry, update));
    }

    private void processInLanguage(InboxEntry entry, InboundUpdate update) {
        if (entry.kind() == InboxEntry.Kind.INLINE || entry.kind() == InboxEntry.Kind.GUEST) {
            inline.process(entry); // inline and guest answers live in messages of chats the bot may not be in
            return;
        }
        if (entry.state() == InboxEntry.State.HELD && !desk.serviceGranted(entry.userId())) {
            return; // still waiting for the user's consent
        }
        if (!outbound.active(entry.chat().chat())) {
            log.info(
                    "update {}: chat {} does not accept messages from the bot; not answered",
                    entry.updateId(),
                    entry.chat().chat());
            inbox.markDone(entry);
            return;
        }
        if (entry.state() == InboxEntry.State.ANSWERED) {
            log.info(
                    "resuming update {} of chat {}: delivering its recorded answer",
                    entry.updateId(),
                    entry.chat().chat());
            Optional<Exchange> resumed = resumedExchange(entry);
            deliver(
                    entry,
                    entry.finalText().orElseThrow(),
                    resumed,
                    resumed.isPresent() ? feedback.keyboard(entry.updateId(), 0) : Keyboard.NONE);
            return;
        }
        switch (entry.kind()) {
            case CALLBACK -> {
                if (update instanceof InboundUpdate.CallbackQuery press && FeedbackButtons.handles(press.data())) {
                    feedbackPress(entry, press);
                } else {
                    callbacks.handle(entry);
                }
                return;
            }
            case PAYMENT -> {
                payment(entry);
                return;
            }
            case GROUP_WELCOME -> {
                reply(entry, Reply.text(texts.text("group.welcome", bot.username())));
                return;
            }
            default -> {}
        }
        Optional<InboundUpdate.Message> message = question(update);
        if (message.isEmpty()) {
            log.error("inbox entry {} holds no message; marking it done", entry.updateId());
            inbox.markDone(entry);
            return;
        }
        InboundUpdate.Message question = message.get();
        switch (entry.kind()) {
            case SLOW_DOWN -> reply(entry, texts.text("flood.slow_down"));
            case EDIT_NOTE -> reply(entry, texts.text("edit.too_late"));
            case CONSENT_NEEDED -> reply(entry, consentNeeded());
            case TEXT, COMMAND, NON_TEXT -> {
                if (question.chat().type() == InboundUpdate.ChatType.PRIVATE) {
                    inPrivate(entry, question);
                } else {
                    inGroup(entry, question);
                }
            }
            default -> {
                log.error("inbox entry {} of kind {} has no handler; marking it done", entry.updateId(), entry.kind());
                inbox.markDone(entry);
            }
        }
    }

    /**
     * A private chat: commands are answered at once (the privacy commands work without consent: a user who declined
     * can still see and erase their data); anything for the model waits for the service consent.
     */
    private void inPrivate(InboxEntry entry, InboundUpdate.Message message) {
        switch (message.content()) {
            case InboundUpdate.Command command -> privateCommand(entry, message, command);
            case InboundUpdate.NonText nonText -> reply(entry, texts.text("nontext.reply", describe(nonText)));
            case InboundUpdate.Text text -> {
                if (!desk.serviceGranted(entry.userId())) {
                    holdForConsent(entry, message);
                    return;
                }
                answer(entry, message, Addressing.inPrivate(text.text(), message, bot));
            }
        }
    }

    private void privateCommand(InboxEntry entry, InboundUpdate.Message message, InboundUpdate.Command command) {
        long user = message.from().id().value();
        switch (command.name()) {
            case "start" -> {
                if (command.arguments().equals("privacy")) {
                    reply(entry, desk.overview(user));
                } else if (desk.serviceGranted(user)) {
                    reply(entry, commands.reply(command, message.from(), entry.chat()));
                } else {
                    reply(entry, desk.consentPrompt(message.from().firstName()));
                }
            }
            case "privacy" -> reply(entry, desk.overview(user));
            case "language" -> reply(entry, languages.menu(false));
            case "subscribe" -> reply(entry, subscriptions.subscribe(user));
            case "settings" ->
                reply(
                        entry,
                        settings.miniAppUrl()
                                .map(url -> new Reply(
                                        texts.text("miniapp.settings"),
                                        Keyboard.of(new Keyboard.WebApp(texts.text("miniapp.button"), url))))
                                .orElseGet(() -> Reply.text(texts.text("miniapp.unavailable"))));
            case "forget" -> reply(entry, desk.forgetQuestion());
            case "mydata" -> {
                try {
                    outbound.sendDocument(
                            entry.chat().chat(),
                            entry.chat().thread(),
                            "my-data.json",
                            desk.export(user),
                            Optional.of(texts.text("mydata.caption")));
                } catch (TelegramException e) {
                    log.warn("update {}: the data export could not be sent: {}", entry.updateId(), e.getMessage());
                }
                inbox.markDone(entry);
            }
            default -> reply(entry, commands.reply(command, message.from(), entry.chat()));
        }
    }

    /**
     * A message before consent: kept (the user will want it answered once they accept), the consent question asked
     * once, nothing sent to the provider.
     */
    private void holdForConsent(InboxEntry entry, InboundUpdate.Message message) {
        boolean asked = inbox.hasHeld(entry.chat().botId(), entry.userId());
        inbox.hold(entry);
        if (!asked) {
            Reply prompt = desk.consentPrompt(message.from().firstName());
            outbound.send(
                    entry.chat().chat(),
                    entry.chat().thread(),
                    markdown.render(prompt.markdown()),
                    Optional.empty(),
                    prompt.keyboard());
        }
        log.info("update {}: held until the user accepts the service consent", entry.updateId());
    }

    /** Group messages that reach here addressed the assistant (intake dropped the rest) by someone who consented. */
    private void inGroup(InboxEntry entry, InboundUpdate.Message message) {
        GroupSettings.Settings group = groups.of(entry.chat().chat());
        if (message.content() instanceof InboundUpdate.Command command
                && !command.name().equals("ask")) {
            reply(entry, groupCommand(entry, message, command, group));
            return;
        }
        if (!group.enabled()) {
            inbox.markDone(entry);
            return;
        }
        if (group.adminsOnly()
                && !outbound.isAdmin(entry.chat().chat(), message.from().id())) {
            reply(entry, Reply.text(texts.text("group.admins.only")));
            return;
        }
        if (message.content() instanceof InboundUpdate.NonText nonText) {
            reply(entry, texts.text("nontext.reply", describe(nonText)));
            return;
        }
        Optional<Addressing> addressing = Addressing.inGroup(message, bot);
        if (addressing.isEmpty() || addressing.get().question().isBlank()) {
            reply(entry, Reply.text(texts.text("group.empty.question", bot.username())));
            return;
        }
        answer(entry, message, addressing.get());
    }

    private Reply groupCommand(
            InboxEntry entry,
            InboundUpdate.Message message,
            InboundUpdate.Command command,
            GroupSettings.Settings group) {
        return switch (command.name()) {
            case "settings" ->
                outbound.isAdmin(entry.chat().chat(), message.from().id())
                        ? callbacks.groupSettings(group)
                        : Reply.text(texts.text("group.settings.not.admin"));
            case "start" -> Reply.text(texts.text("group.welcome", bot.username()));
            case "help" -> Reply.text(texts.text("help.text"));
            case "language" ->
                outbound.isAdmin(entry.chat().chat(), message.from().id())
                        ? languages.menu(true)
                        : Reply.text(texts.text("group.settings.not.admin"));
            case "privacy", "mydata", "forget" ->
                new Reply(
                        texts.text("group.private.only"),
                        Keyboard.of(new Keyboard.Url(texts.text("consent.needed.button"), startLink("privacy"))));
            default -> Reply.text(texts.text("command.unknown", Commands.literal(command.name())));
        };
    }

    /** Points someone without consent (or asking for their data in a group) to the private chat's consent step. */
    private Reply consentNeeded() {
        return new Reply(
                texts.text("consent.needed.group"),
                Keyboard.of(new Keyboard.Url(texts.text("consent.needed.button"), startLink("consent"))));
    }

    String startLink(String payload) {
        return "https://t.me/" + bot.username() + "?start=" + payload;
    }

    /** The message an entry answers; an edit's payload carries the message as it reads after the edit. */
    private Optional<InboundUpdate.Message> question(InboxEntry entry) {
        return question(parser.parse(entry.payload()));
    }

    private static Optional<InboundUpdate.Message> question(InboundUpdate update) {
        return switch (update) {
            case InboundUpdate.Message message -> Optional.of(message);
            case InboundUpdate.Edited edited -> Optional.of(edited.message());
            default -> Optional.empty();
        };
    }

    private void reply(InboxEntry entry, String replyMarkdown) {
        reply(entry, Reply.text(replyMarkdown));
    }

    private void reply(InboxEntry entry, Reply reply) {
        if (inbox.markAnswered(entry, reply.markdown())) {
            deliver(entry, reply.markdown(), Optional.empty(), reply.keyboard());
        }
    }

    private void answer(InboxEntry entry, InboundUpdate.Message message, Addressing addressing) {
        long started = System.nanoTime();
        long user = message.from().id().value();
        boolean group = message.chat().type() != InboundUpdate.ChatType.PRIVATE;
        // the plan decides the model and the limits; the quota is taken before anything reaches a provider
        Plan plan;
        String reservation;
        switch (billing.admit(user)) {
            case Admission.Admitted admitted -> {
                plan = admitted.plan();
                reservation = admitted.reservationId();
            }
            case Admission.Exhausted exhausted -> {
                log.info("update {}: the user's quota is used up until {}", entry.updateId(), exhausted.resetsAt());
                reply(entry, subscriptions.exhausted(user, exhausted));
                return;
            }
            case Admission.Paused paused -> {
                log.info("update {}: free turns are paused until {}", entry.updateId(), paused.until());
                reply(entry, subscriptions.paused(paused));
                return;
            }
            case Admission.Blocked blocked -> {
                log.info(
                        "update {}: the user is blocked by an operator; refused before any provider call",
                        entry.updateId());
                reply(entry, Reply.text(texts.text("account.blocked")));
                return;
            }
        }
        inbox.markStarted(entry);
        String conversation =
                conversations.current(entry.chat(), group && settings.conversationPerGroupUser() ? user : 0);
        Exchange exchange = new Exchange(
                conversation,
                addressing.question(),
                tokens.count(addressing.question()),
                addressing.quoted(),
                addressing.quoted().map(tokens::count).orElse(0));
        List<StoredMessage> history = conversations.messages(conversation);
        int start = context.windowStart(
                history,
                exchange.questionTokens() + exchange.quoteTokens(),
                Math.min(plan.contextTokens(), settings.contextTokens()));
        Conversations.Summary summary = summarizer.upTo(conversation, history, start, user);
        GateRequest request = new GateRequest(
                new DataSubject(user),
                Purpose.ANSWER,
                new ModelId(plan.model()),
                context.build(history, start, summary.text(), exchange.asked(entry.updateId())),
                conversation,
                OptionalInt.of(Math.min(plan.maxOutputTokens(), settings.maxOutputTokens())));
        Completion completion = null;
        ToolLoop.Outcome used = null;
        LlmException failure = null;
        boolean refusedForConsent = false;
        StringBuilder written = new StringBuilder();
        Optional<RunningTurns.Reason> endedEarly;
        OptionalLong firstShown;
        try (RunningTurns.Running turn = running.register(entry.chat(), entry.updateId(), draftId(entry));
                ReplyStream stream = ReplyStream.open(
                        outbound,
                        markdown,
                        entry.chat().chat(),
                        entry.chat().thread(),
                        draftId(entry),
                        settings.previews(),
                        previewMessage(entry))) {
            try {
                used = tools.run(
                        request,
                        plan.tools(),
                        plan.maxToolCalls(),
                        text -> {
                            written.setLength(0);
                            written.append(text);
                            stream.update(text);
                        },
                        stream::update);
                completion = used.completion();
            } catch (LlmException e) {
                failure = e;
            } catch (ConsentRequiredException e) {
                // consent was withdrawn after intake accepted the message: nothing left, the user is told why
                refusedForConsent = true;
            } finally {
                // the provider call is over: a Stop or an edit arriving now must not interrupt the delivery below
                turn.release();
                Thread.interrupted();
            }
            endedEarly = turn.reason();
            firstShown = stream.firstShownNanos();
        }
        if (refusedForConsent) {
            billing.release(reservation);
            log.info("update {}: no service consent any more; nothing was sent", entry.updateId());
            reply(
                    entry,
                    group ? consentNeeded() : desk.consentPrompt(message.from().firstName()));
            return;
        }
        if (failure != null) {
            if (failure instanceof LlmException.OutOfCredits) {
                billing.providerOutOfCredits();
            }
            if (failure.partialText().isBlank()) {
                billing.release(reservation); // nothing came of it: the turn does not count
            }
            ledger.failed(failure);
            log.warn(
                    "update {}: the provider failed ({}): {}",
                    entry.updateId(),
                    failure.getClass().getSimpleName(),
                    failure.getMessage());
            failedAnswer(entry, failure, exchange);
            return;
        }
        if (endedEarly.isPresent() && endedEarly.get() != RunningTurns.Reason.STOPPED) {
            billing.release(reservation); // the turn runs again (edited question, or after a restart) and counts then
            log.info("update {}: answer abandoned ({}); the inbox keeps the turn", entry.updateId(), endedEarly.get());
            return;
        }
        Completion done = completion;
        ToolLoop.Outcome toolUse = used;
        String answer = (endedEarly.isPresent()
                        ? (done.text().isBlank() ? texts.text("answer.stopped") : done.text())
                        : finalText(done))
                + ToolLoop.footer(done.text(), toolUse.sources(), texts.text("answer.sources"));
        long turnMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        // what the user waited for before seeing anything: the first preview, else the answer, sent right after this
        OptionalLong firstVisible = OptionalLong.of(Math.min(
                turnMillis,
                firstShown.isPresent()
                        ? Duration.ofNanos(firstShown.getAsLong() - started).toMillis()
                        : turnMillis));
        Optional<Long> cost = withFees(prices.costNanoUsd(done.model(), done.usage()), toolUse);
        if (toolUse.calls() > 0) {
            log.info(
                    "update {}: {} tool call(s), {} ms in tools, fees {} nano-USD",
                    entry.updateId(),
                    toolUse.calls(),
                    toolUse.toolTime().toMillis(),
                    toolUse.feesNanoUsd());
            metrics.counter("grokgram_tool_calls").increment(toolUse.calls());
        }
        boolean current = database.inTransaction(tx -> {
            if (!inbox.markAnswered(tx, entry, answer)) {
                return false;
            }
            ledger.recordUsage(tx, entry, "answer", done, cost, turnMillis, firstVisible, clock.millis());
            return true;
        });
        if (!current) {
            log.info(
                    "update {}: the question was edited while it was answered; answering the new text",
                    entry.updateId());
            return;
        }
        ledger.answered(done, cost, turnMillis, firstVisible);
        meter(user, plan, "answer", done, cost);
        deliver(entry, answer, Optional.of(exchange), feedback.keyboard(entry.updateId(), 0));
    }

    /** Token cost plus the tools' per-call fees; unknown stays unknown (a model without a price). */
    private static Optional<Long> withFees(Optional<Long> tokens, ToolLoop.Outcome toolUse) {
        return tokens.map(cost -> cost + toolUse.feesNanoUsd());
    }

    /**
     * A provider failure: text already written stays as the answer, marked incomplete; with nothing written the user
     * gets a clear apology (or, for a content filter, the refusal).
     */
    private void failedAnswer(InboxEntry entry, LlmException e, Exchange exchange) {
        if (!e.partialText().isBlank()) {
            String answer = e.partialText() + texts.text("answer.incomplete");
            if (inbox.markAnswered(entry, answer)) {
                deliver(entry, answer, Optional.of(exchange), feedback.keyboard(entry.updateId(), 0));
            }
            return;
        }
        reply(entry, texts.text(e instanceof LlmException.ContentFiltered ? "answer.refused" : "answer.failed"));
    }

    /** A press of a button under an answer: always answered (the spinner stops) and the entry finished. */
    private void feedbackPress(InboxEntry entry, InboundUpdate.CallbackQuery press) {
        Optional<String> toast = Optional.empty();
        try {
            toast = feedback.press(entry, press);
        } catch (TelegramException e) {
            log.warn("update {}: a feedback button's answer could not be sent: {}", entry.updateId(), e.getMessage());
        } finally {
            try {
                // Telegram takes at most 200 characters of toast
                outbound.answerCallback(
                        press.queryId(), toast.map(text -> text.length() > 200 ? text.substring(0, 199) + "…" : text));
            } catch (TelegramException e) {
                log.info("a button press could not be answered (it may be too old): {}", e.getMessage());
            }
            inbox.markDone(entry);
        }
    }

    /**
     * A payment or a refund, stored in the inbox like any trigger: credited (or reversed) exactly once per Telegram
     * charge id — a replay, or the same payment arriving twice, finds it done and says nothing more.
     */
    private void payment(InboxEntry entry) {
        String reply = switch (parser.parse(entry.payload())) {
            case InboundUpdate.PaymentReceived paid -> {
                PaymentOutcome outcome = billing.credit(new Payment(
                        paid.from().id().value(),
                        paid.currency(),
                        paid.totalAmount(),
                        paid.payload(),
                        paid.chargeId(),
                        paid.subscriptionExpires(),
                        paid.recurring()));
                log.info("update {}: payment {} -> {}", entry.updateId(), paid.chargeId(), outcome);
                yield subscriptions.paid(outcome);
            }
            case InboundUpdate.PaymentRefunded refunded -> {
                RefundOutcome outcome = billing.reverse(refunded.chargeId(), refunded.totalAmount());
                log.info("update {}: refund of {} -> {}", entry.updateId(), refunded.chargeId(), outcome);
                yield subscriptions.refunded(outcome);
            }
            default -> "";
        };
        if (reply.isEmpty()) {
            inbox.markDone(entry);
        } else {
            reply(entry, reply);
        }
    }

    /** The turn's usage, for the billing room's per user, plan and day figures. */
    private void meter(long user, Plan plan, String purpose, Completion done, Optional<Long> cost) {
        try {
            billing.meter(
                    user,
                    plan.id(),
                    purpose,
                    done.usage().promptTokens(),
                    done.usage().cachedTokens(),
                    done.usage().completionTokens(),
                    done.usage().reasoningTokens(),
                    cost);
        } catch (RuntimeException e) {
            log.warn("the usage of a turn could not be metered: {}", e.getMessage());
        }
    }

    /** The edit path's preview message is part 0 of the answer: recorded at once, edited to its final text later. */
    private ReplyStream.PreviewMessage previewMessage(InboxEntry entry) {
        // read once (a resumed turn may have one), then kept in memory: previews tick several times a second
        Optional<MessageId> recorded =
                Optional.ofNullable(inbox.sentParts(entry).get(0));
        return new ReplyStream.PreviewMessage() {
            private volatile Optional<MessageId> message = recorded;

            @Override
            public Optional<MessageId> existing() {
                return message;
            }

            @Override
            public void sent(MessageId sent) {
                inbox.recordPart(entry, 0, sent);
                message = Optional.of(sent);
            }

            @Override
            public Optional<MessageId> replyTo() {
                // in a group the answer replies to the question from its first preview on
                return entry.chat().chat().isPrivate()
                        ? Optional.empty()
                        : question(entry).map(InboundUpdate.Message::messageId);
            }
        };
    }

    private String finalText(Completion completion) {
        if (completion.finishReason() == FinishReason.CONTENT_FILTER
                && completion.text().isBlank()) {
            return texts.text("answer.refused");
        }
        if (completion.text().isBlank()) {
            return texts.text("answer.empty");
        }
        if (completion.finishReason() == FinishReason.LENGTH) {
            return completion.text() + texts.text("answer.truncated");
        }
        return completion.text();
    }

    /**
     * Sends the recorded answer: each part not yet shown is sent and its id recorded at once; a part already shown
     * (a resumed turn) is edited to its final text instead of sent again. Then the turn is done, together with the
     * conversation history, in one transaction.
     */
    private void deliver(InboxEntry entry, String answer, Optional<Exchange> exchange, Keyboard keyboard) {
        List<FormattedText> parts = markdown.split(answer, FormattedText.MAX_MESSAGE_LENGTH);
        Map<Integer, MessageId> sent = inbox.sentParts(entry);
        // in a group the answer replies to the message that asked, so everyone sees whom it answers
        Optional<MessageId> replyTo = entry.chat().chat().isPrivate()
                ? Optional.empty()
                : question(entry).map(InboundUpdate.Message::messageId);
        try {
            for (int index = 0; index < parts.size(); index++) {
                FormattedText part = parts.get(index);
                Keyboard buttons = index == parts.size() - 1 ? keyboard : Keyboard.NONE;
                MessageId already = sent.get(index);
                if (already != null) {
                    outbound.edit(entry.chat().chat(), already, part, buttons);
                } else {
                    inbox.recordPart(
                            entry, index, sendPart(entry, part, index == 0 ? replyTo : Optional.empty(), buttons));
                }
            }
        } catch (TelegramException.Forbidden e) {
            log.info(
                    "chat {} no longer accepts messages from the bot ({}); the turn ends unanswered",
                    entry.chat().chat(),
                    e.getMessage());
        } catch (TelegramException e) {
            log.error("update {}: Telegram refused the answer: {}", entry.updateId(), e.getMessage());
        }
        Exchange done = exchange.orElse(null);
        // counted before the transaction: SQLite's one connection waits for no tokenizer
        int answerTokens = done == null ? 0 : tokens.count(answer);
        database.useTransaction(tx -> {
            if (done != null) {
                long user = entry.userId();
                if (done.quoted().isPresent()) {
                    conversations.append(
                            tx,
                            done.conversation(),
                            entry.chat(),
                            entry.updateId(),
                            user,
                            Origin.QUOTED_BY_USER,
                            done.quoted().get(),
                            done.quoteTokens());
                }
                conversations.append(
                        tx,
                        done.conversation(),
                        entry.chat(),
                        entry.updateId(),
                        user,
                        Origin.ADDRESSED,
                        done.question(),
                        done.questionTokens());
                conversations.append(
                        tx,
                        done.conversation(),
                        entry.chat(),
                        entry.updateId(),
                        user,
                        Origin.ASSISTANT,
                        answer,
                        answerTokens);
            }
            inbox.markDone(tx, entry);
        });
    }

    /**
     * Sends a part; if Telegram rejects its entities (a renderer bug, never expected), the same text goes out without
     * formatting rather than not at all.
     */
    private MessageId sendPart(InboxEntry entry, FormattedText part, Optional<MessageId> replyTo, Keyboard keyboard) {
        try {
            return outbound.send(entry.chat().chat(), entry.chat().thread(), part, replyTo, keyboard);
        } catch (TelegramException.BadRequest e) {
            log.error(
                    "update {}: Telegram rejected a formatted part ({}); sending it as plain text",
                    entry.updateId(),
                    e.description());
            metrics.counter("grokgram_format_rejected").increment();
            return outbound.send(
                    entry.chat().chat(), entry.chat().thread(), FormattedText.plain(part.text()), replyTo, keyboard);
        }
    }

    /** For a resumed turn, the question to put into the history beside its recorded answer. */
    private Optional<Exchange> resumedExchange(InboxEntry entry) {
        if (entry.kind() != InboxEntry.Kind.TEXT
                || !(question(entry).orElse(null) instanceof InboundUpdate.Message message)
                || !(message.content() instanceof InboundUpdate.Text text)) {
            return Optional.empty();
        }
        boolean group = message.chat().type() != InboundUpdate.ChatType.PRIVATE;
        Optional<Addressing> addressing =
                group ? Addressing.inGroup(message, bot) : Optional.of(Addressing.inPrivate(text.text(), message, bot));
        long scope = group && settings.conversationPerGroupUser() ? entry.userId() : 0;
        return addressing.map(asked -> new Exchange(
                conversations.current(entry.chat(), scope),
                asked.question(),
                tokens.count(asked.question()),
                asked.quoted(),
                asked.quoted().map(tokens::count).orElse(0)));
    }

    private String describe(InboundUpdate.NonText nonText) {
        String key = "nontext.kind." + nonText.kind();
        return texts.text(texts.has(key) ? key : "nontext.kind.other");
    }

    /** A non-zero draft id per turn, the same after a restart, so a resumed preview animates in place. */
    private static int draftId(InboxEntry entry) {
        return (int) (Math.floorMod(entry.updateId(), (long) Integer.MAX_VALUE - 1) + 1);
    }

    /**
     * The question (with the message the user quoted, if any) and where it goes, kept until the answer is delivered and
     * all of it enters the history.
     */
    private record Exchange(
            String conversation, String question, int questionTokens, Optional<String> quoted, int quoteTokens) {
        /** What the user gave the assistant in this turn, with its provenance, as the gate receives it. */
        List<GatedMessage> asked(long updateId) {
            List<GatedMessage> asked = new java.util.ArrayList<>(2);
            quoted.ifPresent(
                    text -> asked.add(new GatedMessage("update:" + updateId + ":quote", Origin.QUOTED_BY_USER, text)));
            asked.add(new GatedMessage("update:" + updateId, Origin.ADDRESSED, question));
            return asked;
        }
    }
}

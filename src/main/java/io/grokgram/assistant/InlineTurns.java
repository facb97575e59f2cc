package io.grokgram.assistant;

import io.grokgram.billing.Admission;
import io.grokgram.billing.Billing;
import io.grokgram.billing.Plan;
import io.grokgram.llm.Completion;
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
import io.grokgram.telegram.InboundUpdate;
import io.grokgram.telegram.InlineAnswerOptions;
import io.grokgram.telegram.InlineArticle;
import io.grokgram.telegram.InlineReply;
import io.grokgram.telegram.InlineStartButton;
import io.grokgram.telegram.Keyboard;
import io.grokgram.telegram.Outbound;
import io.grokgram.telegram.TelegramException;
import io.grokgram.telegram.TelegramMarkdown;
import io.grokgram.telegram.UpdateParser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assistant outside its own chats: inline mode ({@code @bot question} in any chat) and guest mode (summoned in a
 * chat it is not a member of). Both answer into a message the bot does not own, by editing it through its inline
 * message id. An inline query is answered at once with one article and no provider call (Telegram's answer window is
 * a few seconds, and clients send a query per keystroke); the model only runs when the user sends the article. Only
 * the request itself reaches the provider: no history, no other message of the chat.
 *
 * <p>The answer may use the plan's tools through the chats' {@link ToolLoop} and gate, on {@link ToolBox#inline()}'s
 * smaller budget; its numbered sources stay whole under it even when the answer must be cut to one message.
 */
final class InlineTurns {
    private static final Logger log = LoggerFactory.getLogger(InlineTurns.class);
    /** How long an identical request of the same user is answered from memory. */
    private static final Duration CACHED_FOR = Duration.ofMinutes(10);

    static final String WRITING = "x";

    private final Database database;
    private final Inbox inbox;
    private final ProviderGate gate;
    private final Outbound outbound;
    private final TelegramMarkdown markdown;
    private final Texts texts;
    private final PrivacyDesk desk;
    private final AssistantSettings settings;
    private final PriceTable prices;
    private final TurnLedger ledger;
    private final Clock clock;
    private final BotIdentity bot;
    private final String botUsername;
    private final UpdateParser parser = new UpdateParser();
    private final AnswerCache answers;
    private final Billing billing;
    private final SubscriptionDesk subscriptions;
    private final TurnLanguage language;
    private final ToolLoop tools;

    InlineTurns(
            Database database,
            Inbox inbox,
            ProviderGate gate,
            Outbound outbound,
            TelegramMarkdown markdown,
            Texts texts,
            PrivacyDesk desk,
            AssistantSettings settings,
            PriceTable prices,
            TurnLedger ledger,
            Clock clock,
            BotIdentity bot,
            Billing billing,
            SubscriptionDesk subscriptions,
            AnswerCache answers,
            TurnLanguage language,
            ToolBox tools) {
        this.language = language;
        this.tools = new ToolLoop(gate, tools.inline(), texts);
        this.answers = answers;
        this.billing = billing;
        this.subscriptions = subscriptions;
        this.database = database;
        this.inbox = inbox;
        this.gate = gate;
        this.outbound = outbound;
        this.markdown = markdown;
        this.texts = texts;
        this.desk = desk;
        this.settings = settings;
        this.prices = prices;
        this.ledger = ledger;
        this.clock = clock;
        this.bot = bot;
        this.botUsername = bot.username();
    }

    /**
     * Answers an inline query at once: one article that asks the question when chosen, or, for a user who has not
     * accepted the service consent, no result and a button into the private chat's consent step. Nothing is stored.
     */
    void answerQuery(InboundUpdate.InlineQuery query) {
        texts.run(language.of(query), () -> answerQueryInLanguage(query));
    }

    private void answerQueryInLanguage(InboundUpdate.InlineQuery query) {
        String asked = query.query().strip();
        try {
            if (!desk.serviceGranted(query.from().id().value())) {
                outbound.answerInline(
                        query.queryId(),
                        List.of(),
                        new InlineAnswerOptions(
                                0,
                                true,
                                Optional.of(
                                        new InlineStartButton(texts.text("consent.needed.inline.button"), "consent"))));
                return;
            }
            if (asked.isEmpty()) {
                outbound.answerInline(query.queryId(), List.of(), new InlineAnswerOptions(0, true, Optional.empty()));
                return;
            }
            outbound.answerInline(
                    query.queryId(),
                    List.of(placeholder(asked, texts.text("inline.title", asked), texts.text("inline.description"))),
                    new InlineAnswerOptions(0, true, Optional.empty()));
        } catch (TelegramException e) {
            log.info("inline query not answered (the user may have typed on): {}", e.getMessage());
        }
    }

    /** The "writing…" button under an inline answer: only its spinner is stopped. */
    void answerWriting(InboundUpdate.CallbackQuery press) {
        try {
            outbound.answerCallback(press.queryId(), Optional.of(texts.text("callback.writing")));
        } catch (TelegramException e) {
            log.info("a button press could not be answered: {}", e.getMessage());
        }
    }

    /** A guest query from someone without consent: a short message pointing to the private chat; nothing is kept. */
    void refuseGuest(InboundUpdate.GuestQuery guest) {
        try {
            outbound.answerGuest(
                    guest.guestQueryId(),
                    new InlineArticle(
                            "consent",
                            texts.text("consent.needed.guest.title"),
                            "",
                            markdown.render(texts.text("consent.needed.guest.text", botUsername)),
                            Keyboard.of(new Keyboard.Url(
                                    texts.text("consent.needed.button"),
                                    "https://t.me/" + botUsername + "?start=consent"))));
        } catch (TelegramException e) {
            log.info("guest query not answered: {}", e.getMessage());
        }
    }

    /** A chosen inline result or a guest query: the answer streams into its message. */
    void process(InboxEntry entry) {
        InboundUpdate update = parser.parse(entry.payload());
        Optional<String> asked = switch (update) {
            case InboundUpdate.ChosenInlineResult chosen ->
                Optional.of(chosen.query().strip());
            case InboundUpdate.GuestQuery guest -> Optional.of(guestQuestion(guest));
            default -> Optional.empty();
        };
        if (asked.isEmpty() || asked.get().isEmpty()) {
            log.error("inbox entry {} holds no inline or guest request; marking it done", entry.updateId());
            inbox.markDone(entry);
            return;
        }
        Optional<String> target = entry.inlineMessageId();
        if (target.isEmpty() && update instanceof InboundUpdate.GuestQuery guest) {
            target = openGuestAnswer(entry, guest, asked.get());
        }
        if (target.isEmpty()) {
            inbox.markDone(entry);
            return;
        }
        try {
            answer(entry, target.get(), asked.get(), update instanceof InboundUpdate.GuestQuery);
        } catch (TelegramException e) {
            log.warn("update {}: the inline answer could not be written: {}", entry.updateId(), e.getMessage());
            inbox.markDone(entry);
        }
    }

    private void answer(InboxEntry entry, String inlineMessage, String asked, boolean guest) {
        if (entry.state() == InboxEntry.State.ANSWERED) {
            finish(entry, inlineMessage, entry.finalText().orElseThrow());
            return;
        }
        String key = entry.userId() + "\u0000" + (guest ? "g" : "i") + "\u0000" + asked;
        Optional<String> cached = answers.get(key);
        if (cached.isPresent()) {
            log.info("update {}: an identical request of the same user, answered from the cache", entry.updateId());
            String text = framed(asked, cached.get());
            if (inbox.markAnswered(entry, text)) {
                finish(entry, inlineMessage, text);
            }
            return;
        }
        Plan plan;
        String reservation;
        switch (billing.admit(entry.userId())) {
            case Admission.Admitted admitted -> {
                plan = admitted.plan();
                reservation = admitted.reservationId();
            }
            case Admission.Exhausted exhausted -> {
                Reply upgrade = subscriptions.exhausted(entry.userId(), exhausted);
                finishWith(entry, inlineMessage, upgrade.markdown(), urlButtonsOnly(upgrade.keyboard()));
                return;
            }
            case Admission.Paused paused -> {
                finishWith(entry, inlineMessage, subscriptions.paused(paused).markdown(), Keyboard.NONE);
                return;
            }
            case Admission.Blocked blocked -> {
                finishWith(entry, inlineMessage, texts.text("account.blocked"), Keyboard.NONE);
                return;
            }
        }
        inbox.markStarted(entry);
        long started = System.nanoTime();
        Purpose purpose = guest ? Purpose.GUEST : Purpose.INLINE;
        GateRequest request = new GateRequest(
                new DataSubject(entry.userId()),
                purpose,
                new ModelId(plan.model()),
                List.of(
                        new GatedMessage("persona", Origin.OPERATOR, settings.persona()),
                        new GatedMessage("update:" + entry.updateId(), Origin.ADDRESSED, asked)),
                "inline-" + entry.updateId(),
                OptionalInt.of(Math.min(plan.maxOutputTokens(), settings.maxOutputTokens())));
        try (InlineReply stream = InlineReply.open(outbound, markdown, inlineMessage, settings.previews())) {
            ToolLoop.Outcome used;
            try {
                used = tools.run(
                        request,
                        plan.tools(),
                        plan.maxToolCalls(),
                        text -> stream.update(framed(asked, text)),
                        activity -> stream.update(framed(asked, activity)));
            } catch (ConsentRequiredException e) {
                billing.release(reservation);
                stream.finish(texts.text("consent.needed.guest.text", botUsername), Keyboard.NONE);
                inbox.markDone(entry);
                return;
            } catch (LlmException e) {
                failed(entry, stream, asked, reservation, e);
                return;
            }
            Completion completion = used.completion();
            String answer = completion.text().isBlank() ? texts.text("answer.empty") : completion.text();
            String sources = ToolLoop.footer(completion.text(), used.sources(), texts.text("answer.sources"));
            String text = framed(asked, answer) + sources;
            long turnMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            // the tools' per-call fees count with the tokens, as in chats; a model without a price stays unknown
            Optional<Long> cost = prices.costNanoUsd(completion.model(), completion.usage())
                    .map(tokens -> tokens + used.feesNanoUsd());
            if (used.calls() > 0) {
                log.info(
                        "update {}: {} tool call(s) for an inline answer, {} ms in tools, fees {} nano-USD",
                        entry.updateId(),
                        used.calls(),
                        used.toolTime().toMillis(),
                        used.feesNanoUsd());
            }
            String use = purpose.name().toLowerCase(Locale.ROOT);
            boolean recorded = database.inTransaction(tx -> {
                if (!inbox.markAnswered(tx, entry, text)) {
                    return false;
                }
                ledger.recordUsage(
                        tx,
                        entry,
                        use,
                        completion,
                        cost,
                        turnMillis,
                        OptionalLong.empty(), // an inline answer shows nothing before it is written
                        clock.millis());
                return true;
            });
            ledger.answered(completion, cost, turnMillis, OptionalLong.empty());
            meter(entry.userId(), plan, use, completion, cost);
            answers.put(key, answer + sources, CACHED_FOR);
            if (recorded) {
                finishAnswer(stream, text);
                inbox.markDone(entry);
            }
        }
    }

    /** The provider failed: text already written stays, marked incomplete; with none the user gets an apology. */
    private void failed(InboxEntry entry, InlineReply stream, String asked, String reservation, LlmException e) {
        if (e instanceof LlmException.OutOfCredits) {
            billing.providerOutOfCredits();
        }
        if (e.partialText().isBlank()) {
            billing.release(reservation);
        }
        ledger.failed(e);
        log.warn("update {}: the provider failed on an inline request: {}", entry.updateId(), e.getMessage());
        String text = e.partialText().isBlank()
                ? texts.text("answer.failed")
                : framed(asked, e.partialText() + texts.text("answer.incomplete"));
        stream.finish(text, Keyboard.NONE);
        inbox.markDone(entry);
    }

    private void meter(long user, Plan plan, String purpose, Completion completion, Optional<Long> cost) {
        try {
            billing.meter(
                    user,
                    plan.id(),
                    purpose,
                    completion.usage().promptTokens(),
                    completion.usage().cachedTokens(),
                    completion.usage().completionTokens(),
                    completion.usage().reasoningTokens(),
                    cost);
        } catch (RuntimeException e) {
            log.warn("the usage of an inline turn could not be metered: {}", e.getMessage());
        }
    }

    /**
     * The final edit; an answer with numbered sources keeps them whole under it if it must be cut to fit one message.
     * The sources are found by their heading, as {@link ToolLoop#footer} writes it, so a resumed or cached answer keeps
     * them too.
     */
    private void finishAnswer(InlineReply stream, String text) {
        String heading = "\n\n**" + texts.text("answer.sources") + "**\n";
        int at = text.lastIndexOf(heading);
        if (at < 0) {
            stream.finish(text, Keyboard.NONE);
        } else {
            stream.finish(text.substring(0, at), text.substring(at), Keyboard.NONE);
        }
    }

    private void finishWith(InboxEntry entry, String inlineMessage, String text, Keyboard keyboard) {
        try (InlineReply stream = InlineReply.open(outbound, markdown, inlineMessage, settings.previews())) {
            stream.finish(text, keyboard);
        }
        inbox.markDone(entry);
    }

    /** An inline message has no chat to send an invoice into: only link buttons make sense under it. */
    private static Keyboard urlButtonsOnly(Keyboard keyboard) {
        return new Keyboard(keyboard.rows().stream()
                .map(row -> row.stream().filter(Keyboard.Url.class::isInstance).toList())
                .filter(row -> !row.isEmpty())
                .toList());
    }

    private void finish(InboxEntry entry, String inlineMessage, String text) {
        try (InlineReply stream = InlineReply.open(outbound, markdown, inlineMessage, settings.previews())) {
            finishAnswer(stream, text);
        }
        inbox.markDone(entry);
    }

    /** The guest answer's message, shown at once as a placeholder; its id is recorded before the model runs. */
    private Optional<String> openGuestAnswer(InboxEntry entry, InboundUpdate.GuestQuery guest, String asked) {
        try {
            String id = outbound.answerGuest(
                    guest.guestQueryId(), placeholder(asked, texts.text("inline.title", asked), ""));
            inbox.recordInlineMessage(entry, id);
            return Optional.of(id);
        } catch (TelegramException e) {
            log.info(
                    "update {}: the guest query could not be answered (expired?): {}",
                    entry.updateId(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** The article: the question with "writing…", and a button, without which Telegram gives no inline message id. */
    private InlineArticle placeholder(String asked, String title, String description) {
        return new InlineArticle(
                articleId(asked),
                title.length() > 200 ? title.substring(0, 199) + "…" : title,
                description,
                markdown.render(texts.text("inline.placeholder", Commands.literal(asked))),
                Keyboard.of(new Keyboard.Callback(texts.text("inline.button.writing"), WRITING)));
    }

    /** The answer under its question, so the message reads on its own wherever it is forwarded. */
    private static String framed(String asked, String answer) {
        return "**\u2753 " + Commands.literal(asked) + "**\n\n" + answer;
    }

    private String guestQuestion(InboundUpdate.GuestQuery guest) {
        return switch (guest.message().content()) {
            case InboundUpdate.Text text -> Addressing.withoutMention(text.text(), bot);
            case InboundUpdate.Command command -> command.arguments();
            case InboundUpdate.NonText nonText -> "";
        };
    }

    private static String articleId(String asked) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(asked.getBytes(StandardCharsets.UTF_8));
            return "q" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

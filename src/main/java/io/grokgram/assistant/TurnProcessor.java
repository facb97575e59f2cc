package io.grokgram.assistant;

import io.grokgram.llm.Completion;
import io.grokgram.llm.FinishReason;
import io.grokgram.llm.LlmException;
import io.grokgram.llm.PriceTable;
import io.grokgram.privacy.ConsentRequiredException;
import io.grokgram.privacy.DataSubject;
import io.grokgram.privacy.GateRequest;
import io.grokgram.privacy.Origin;
import io.grokgram.privacy.ProviderGate;
import io.grokgram.privacy.Purpose;
import io.grokgram.store.Database;
import io.grokgram.telegram.FormattedText;
import io.grokgram.telegram.InboundUpdate;
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

    TurnProcessor(
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
            Clock clock) {
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
    }

    Commands commands() {
        return commands;
    }

    /** Handles the entry; never throws for a failure of the turn itself (the user gets a message, the log a line). */
    void process(InboxEntry entry) {
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
            deliver(entry, entry.finalText().orElseThrow(), resumedExchange(entry));
            return;
        }
        Optional<InboundUpdate.Message> message = question(entry);
        if (message.isEmpty()) {
            log.error("inbox entry {} holds no message; marking it done", entry.updateId());
            inbox.markDone(entry);
            return;
        }
        switch (entry.kind()) {
            case SLOW_DOWN -> reply(entry, texts.text("flood.slow_down"));
            case EDIT_NOTE -> reply(entry, texts.text("edit.too_late"));
            case TEXT, COMMAND, NON_TEXT -> {
                switch (message.get().content()) {
                    case InboundUpdate.Command command ->
                        reply(entry, commands.reply(command, message.get().from(), entry.chat()));
                    case InboundUpdate.NonText nonText -> reply(entry, texts.text("nontext.reply", describe(nonText)));
                    case InboundUpdate.Text text -> answerWithConsent(entry, message.get(), text.text());
                }
            }
        }
    }

    /** The message an entry answers; an edit's payload carries the message as it reads after the edit. */
    private Optional<InboundUpdate.Message> question(InboxEntry entry) {
        return switch (parser.parse(entry.payload())) {
            case InboundUpdate.Message message -> Optional.of(message);
            case InboundUpdate.Edited edited -> Optional.of(edited.message());
            default -> Optional.empty();
        };
    }

    private void reply(InboxEntry entry, String replyMarkdown) {
        if (inbox.markAnswered(entry, replyMarkdown)) {
            deliver(entry, replyMarkdown, Optional.empty());
        }
    }

    /**
     * Until the consent dialog exists, a user without service consent gets a short note instead of an answer: the gate
     * sent nothing.
     */
    private void answerWithConsent(InboxEntry entry, InboundUpdate.Message message, String question) {
        try {
            answer(entry, new DataSubject(message.from().id().value()), question);
        } catch (ConsentRequiredException e) {
            reply(entry, texts.text("consent.required"));
        }
    }

    private void answer(InboxEntry entry, DataSubject subject, String question) {
        long started = System.nanoTime();
        inbox.markStarted(entry);
        String conversation = conversations.current(entry.chat());
        int questionTokens = tokens.count(question);
        List<StoredMessage> history = conversations.messages(conversation);
        int start = context.windowStart(history, questionTokens);
        Conversations.Summary summary = summarizer.upTo(subject, conversation, history, start);
        GateRequest request = new GateRequest(
                subject,
                Purpose.ANSWER,
                settings.model(),
                context.build(history, start, summary.text(), "update:" + entry.updateId(), question),
                conversation,
                OptionalInt.of(settings.maxOutputTokens()));
        Completion completion = null;
        LlmException failure = null;
        StringBuilder written = new StringBuilder();
        Optional<RunningTurns.Reason> endedEarly;
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
                completion = gate.ask(request, delta -> {
                    written.append(delta);
                    stream.update(written.toString());
                });
            } catch (LlmException e) {
                failure = e;
            } finally {
                // the provider call is over: a Stop or an edit arriving now must not interrupt the delivery below
                turn.release();
                Thread.interrupted();
            }
            endedEarly = turn.reason();
        }
        if (failure != null) {
            ledger.failed(failure);
            log.warn(
                    "update {}: the provider failed ({}): {}",
                    entry.updateId(),
                    failure.getClass().getSimpleName(),
                    failure.getMessage());
            failedAnswer(entry, failure, Exchange.of(conversation, question, questionTokens));
            return;
        }
        if (endedEarly.isPresent() && endedEarly.get() != RunningTurns.Reason.STOPPED) {
            log.info("update {}: answer abandoned ({}); the inbox keeps the turn", entry.updateId(), endedEarly.get());
            return;
        }
        Completion done = completion;
        String answer = endedEarly.isPresent()
                ? (done.text().isBlank() ? texts.text("answer.stopped") : done.text())
                : finalText(done);
        long turnMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        Optional<Long> cost = prices.costNanoUsd(done.model(), done.usage());
        boolean current = database.inTransaction(tx -> {
            if (!inbox.markAnswered(tx, entry, answer)) {
                return false;
            }
            ledger.recordUsage(tx, entry, done, cost, turnMillis, clock.millis());
            return true;
        });
        if (!current) {
            log.info(
                    "update {}: the question was edited while it was answered; answering the new text",
                    entry.updateId());
            return;
        }
        ledger.answered(done, cost, turnMillis);
        deliver(entry, answer, Optional.of(new Exchange(conversation, question, questionTokens)));
    }

    /**
     * A provider failure: text already written stays as the answer, marked incomplete; with nothing written the user
     * gets a clear apology (or, for a content filter, the refusal).
     */
    private void failedAnswer(InboxEntry entry, LlmException e, Exchange exchange) {
        if (!e.partialText().isBlank()) {
            String answer = e.partialText() + texts.text("answer.incomplete");
            if (inbox.markAnswered(entry, answer)) {
                deliver(entry, answer, Optional.of(exchange));
            }
            return;
        }
        reply(entry, texts.text(e instanceof LlmException.ContentFiltered ? "answer.refused" : "answer.failed"));
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
    private void deliver(InboxEntry entry, String answer, Optional<Exchange> exchange) {
        List<FormattedText> parts = markdown.split(answer, FormattedText.MAX_MESSAGE_LENGTH);
        Map<Integer, MessageId> sent = inbox.sentParts(entry);
        try {
            for (int index = 0; index < parts.size(); index++) {
                FormattedText part = parts.get(index);
                MessageId already = sent.get(index);
                if (already != null) {
                    outbound.edit(entry.chat().chat(), already, part);
                } else {
                    inbox.recordPart(entry, index, sendPart(entry, part));
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
        database.useTransaction(tx -> {
            if (done != null) {
                conversations.append(
                        tx,
                        done.conversation(),
                        entry.chat(),
                        entry.updateId(),
                        Origin.ADDRESSED,
                        done.question(),
                        done.questionTokens());
                conversations.append(
                        tx,
                        done.conversation(),
                        entry.chat(),
                        entry.updateId(),
                        Origin.ASSISTANT,
                        answer,
                        tokens.count(answer));
            }
            inbox.markDone(tx, entry);
        });
    }

    /**
     * Sends a part; if Telegram rejects its entities (a renderer bug, never expected), the same text goes out without
     * formatting rather than not at all.
     */
    private MessageId sendPart(InboxEntry entry, FormattedText part) {
        try {
            return outbound.send(entry.chat().chat(), entry.chat().thread(), part, Optional.empty());
        } catch (TelegramException.BadRequest e) {
            log.error(
                    "update {}: Telegram rejected a formatted part ({}); sending it as plain text",
                    entry.updateId(),
                    e.description());
            metrics.counter("grokgram_format_rejected").increment();
            return outbound.send(
                    entry.chat().chat(), entry.chat().thread(), FormattedText.plain(part.text()), Optional.empty());
        }
    }

    /** For a resumed turn, the question to put into the history beside its recorded answer. */
    private Optional<Exchange> resumedExchange(InboxEntry entry) {
        if (entry.kind() == InboxEntry.Kind.TEXT
                && question(entry).orElse(null) instanceof InboundUpdate.Message message
                && message.content() instanceof InboundUpdate.Text text) {
            return Optional.of(
                    new Exchange(conversations.current(entry.chat()), text.text(), tokens.count(text.text())));
        }
        return Optional.empty();
    }

    private String describe(InboundUpdate.NonText nonText) {
        String key = "nontext.kind." + nonText.kind();
        return texts.text(texts.has(key) ? key : "nontext.kind.other");
    }

    /** A non-zero draft id per turn, the same after a restart, so a resumed preview animates in place. */
    private static int draftId(InboxEntry entry) {
        return (int) (Math.floorMod(entry.updateId(), (long) Integer.MAX_VALUE - 1) + 1);
    }

    /** The question and where it goes, kept until the answer is delivered and both enter the history. */
    private record Exchange(String conversation, String question, int questionTokens) {
        static Exchange of(String conversation, String question, int questionTokens) {
            return new Exchange(conversation, question, questionTokens);
        }
    }
}

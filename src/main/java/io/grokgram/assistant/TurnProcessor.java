package io.grokgram.assistant;

import io.grokgram.llm.Completion;
import io.grokgram.llm.FinishReason;
import io.grokgram.llm.LlmException;
import io.grokgram.llm.PriceTable;
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
    private final UpdateParser parser = new UpdateParser();

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
            MeterRegistry metrics,
            Clock clock) {
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
        this.ledger = new TurnLedger(metrics);
    }

    Commands commands() {
        return commands;
    }

    /** Handles the entry; never throws for a failure of the turn itself (the user gets a message, the log a line). */
    void process(InboxEntry entry) {
        if (entry.state() == InboxEntry.State.ANSWERED) {
            log.info(
                    "resuming update {} of chat {}: delivering its recorded answer",
                    entry.updateId(),
                    entry.chat().chat());
            deliver(entry, entry.finalText().orElseThrow(), resumedExchange(entry));
            return;
        }
        if (!(parser.parse(entry.payload()) instanceof InboundUpdate.Message message)) {
            log.error("inbox entry {} holds no message; marking it done", entry.updateId());
            inbox.markDone(entry);
            return;
        }
        switch (message.content()) {
            case InboundUpdate.Command command -> reply(entry, commands.reply(command, message.from(), entry.chat()));
            case InboundUpdate.NonText nonText -> reply(entry, texts.text("nontext.reply", describe(nonText)));
            case InboundUpdate.Text text -> answer(entry, text.text());
        }
    }

    private void reply(InboxEntry entry, String replyMarkdown) {
        inbox.markAnswered(entry, replyMarkdown);
        deliver(entry, replyMarkdown, Optional.empty());
    }

    private void answer(InboxEntry entry, String question) {
        long started = System.nanoTime();
        inbox.markStarted(entry);
        String conversation = conversations.current(entry.chat());
        int questionTokens = tokens.count(question);
        GateRequest request = new GateRequest(
                Purpose.ANSWER,
                settings.model(),
                context.build(conversations.messages(conversation), question, questionTokens),
                conversation,
                OptionalInt.of(settings.maxOutputTokens()));
        Completion completion;
        StringBuilder written = new StringBuilder();
        try (ReplyStream stream = ReplyStream.open(
                outbound, markdown, entry.chat().chat(), entry.chat().thread(), draftId(entry), settings.previews())) {
            completion = gate.ask(request, delta -> {
                written.append(delta);
                stream.update(written.toString());
            });
        } catch (LlmException e) {
            ledger.failed(e);
            log.warn(
                    "update {}: the provider failed ({}): {}",
                    entry.updateId(),
                    e.getClass().getSimpleName(),
                    e.getMessage());
            String apology = texts.text(e instanceof LlmException.ContentFiltered ? "answer.refused" : "answer.failed");
            reply(entry, apology);
            return;
        }
        String answer = finalText(completion);
        long turnMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        Optional<Long> cost = prices.costNanoUsd(completion.model(), completion.usage());
        database.useTransaction(tx -> {
            inbox.markAnswered(tx, entry, answer);
            ledger.recordUsage(tx, entry, completion, cost, turnMillis, clock.millis());
        });
        ledger.answered(completion, cost, turnMillis);
        deliver(entry, answer, Optional.of(new Exchange(conversation, question, questionTokens)));
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
                && parser.parse(entry.payload()) instanceof InboundUpdate.Message message
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
    private record Exchange(String conversation, String question, int questionTokens) {}
}

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
import io.grokgram.telegram.ChatId;
import io.grokgram.telegram.FormattedText;
import io.grokgram.telegram.InboundUpdate;
import io.grokgram.telegram.Keyboard;
import io.grokgram.telegram.Outbound;
import io.grokgram.telegram.TelegramException;
import io.grokgram.telegram.TelegramMarkdown;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The buttons under every final answer: 👍 and 👎 ({@code r:u:<update>:<answer>}, {@code r:d:…}), 🔄 regenerate
 * ({@code r:g:…}) and, under a regenerated answer, "keep this one" ({@code r:k:…}); at most 30 bytes of the 64
 * Telegram allows. {@code <update>} names the turn (the update that asked), {@code <answer>} which of its answers.
 *
 * <p>Only the asker's presses count (in a group others see the buttons too), and only while the turn exists: the
 * buttons of an erased or expired turn do nothing but say so. A thumb or a choice is an upsert, so a second press
 * records nothing twice. Regenerate asks the same question again through the gate, admitted and metered like a turn
 * (its quota, its usage row under the press's update), and keeps both answers; each answer's button works once, so a
 * double tap costs one call. A crash between the provider's answer and its commit asks again after the restart.
 */
final class FeedbackButtons {
    private static final Logger log = LoggerFactory.getLogger(FeedbackButtons.class);
    static final String PREFIX = "r:";
    private static final Pattern DATA = Pattern.compile("r:([udgk]):(\\d{1,19}):(\\d{1,3})");
    private static final String REGENERATE_NOTE =
            "The user asked for another answer to their last message. Answer it again, differently.";

    /** What the turn processor lends: the context builder, the ledger and the metering of a turn. */
    interface TurnTools {
        ContextBuilder context();

        TokenCounter tokens();

        TurnLedger ledger();

        void meter(long user, Plan plan, String purpose, Completion done, Optional<Long> cost);
    }

    private final Database database;
    private final Feedback feedback;
    private final Conversations conversations;
    private final ProviderGate gate;
    private final Billing billing;
    private final SubscriptionDesk subscriptions;
    private final Outbound outbound;
    private final TelegramMarkdown markdown;
    private final Texts texts;
    private final AssistantSettings settings;
    private final PriceTable prices;
    private final Clock clock;
    private final TurnTools tools;

    FeedbackButtons(
            Database database,
            Feedback feedback,
            Conversations conversations,
            ProviderGate gate,
            Billing billing,
            SubscriptionDesk subscriptions,
            Outbound outbound,
            TelegramMarkdown markdown,
            Texts texts,
            AssistantSettings settings,
            PriceTable prices,
            Clock clock,
            TurnTools tools) {
        this.database = database;
        this.feedback = feedback;
        this.conversations = conversations;
        this.gate = gate;
        this.billing = billing;
        this.subscriptions = subscriptions;
        this.outbound = outbound;
        this.markdown = markdown;
        this.texts = texts;
        this.settings = settings;
        this.prices = prices;
        this.clock = clock;
        this.tools = tools;
    }

    /** The buttons under answer {@code index} of the turn asked by update {@code updateId}. */
    Keyboard keyboard(long updateId, int index) {
        String turn = updateId + ":" + index;
        List<List<Keyboard.Button>> rows = new ArrayList<>();
        rows.add(List.of(
                new Keyboard.Callback(texts.text("feedback.button.up"), "r:u:" + turn),
                new Keyboard.Callback(texts.text("feedback.button.down"), "r:d:" + turn),
                new Keyboard.Callback(texts.text("feedback.button.regenerate"), "r:g:" + turn)));
        if (index > 0) {
            rows.add(List.of(new Keyboard.Callback(texts.text("feedback.button.keep"), "r:k:" + turn)));
        }
        return new Keyboard(rows);
    }

    static boolean handles(String data) {
        return data.startsWith(PREFIX);
    }

    /** Handles a press; returns the toast to show (the caller answers the callback and finishes the entry). */
    Optional<String> press(InboxEntry entry, InboundUpdate.CallbackQuery press) {
        Matcher data = DATA.matcher(press.data());
        if (!data.matches() || press.chat().isEmpty()) {
            return Optional.of(texts.text("callback.expired"));
        }
        long updateId = Long.parseLong(data.group(2));
        int index = Integer.parseInt(data.group(3));
        long user = press.from().id().value();
        Optional<Feedback.Turn> found = feedback.turn(entry.chat().botId(), updateId);
        if (found.isEmpty() || index >= found.get().answers().size()) {
            return Optional.of(texts.text("callback.expired")); // erased or expired: nothing to rate any more
        }
        Feedback.Turn turn = found.get();
        if (turn.userId() != user) {
            return Optional.of(texts.text("feedback.not.yours"));
        }
        return switch (data.group(1)) {
            case "u" -> {
                feedback.rate(turn.botId(), updateId, index, user, Feedback.UP);
                yield Optional.of(texts.text("feedback.thanks.up"));
            }
            case "d" -> {
                feedback.rate(turn.botId(), updateId, index, user, Feedback.DOWN);
                yield Optional.of(texts.text("feedback.thanks.down"));
            }
            case "k" -> {
                feedback.choose(turn.botId(), updateId, index, user);
                yield Optional.of(texts.text("feedback.kept"));
            }
            default -> regenerate(entry, press.chat().get(), turn, index);
        };
    }

    private Optional<String> regenerate(InboxEntry entry, ChatId chat, Feedback.Turn turn, int source) {
        if (feedback.regenerated(turn.botId(), turn.updateId(), source)) {
            return Optional.of(texts.text("feedback.regenerate.once"));
        }
        long user = turn.userId();
        Plan plan;
        String reservation;
        switch (billing.admit(user)) {
            case Admission.Admitted admitted -> {
                plan = admitted.plan();
                reservation = admitted.reservationId();
            }
            case Admission.Exhausted exhausted -> {
                send(chat, turn, subscriptions.exhausted(user, exhausted));
                return Optional.empty();
            }
            case Admission.Paused paused -> {
                send(chat, turn, subscriptions.paused(paused));
                return Optional.empty();
            }
            case Admission.Blocked blocked -> {
                return Optional.of(texts.text("account.blocked"));
            }
        }
        long started = System.nanoTime();
        outbound.typing(chat, thread(turn));
        Completion done;
        try {
            done = gate.ask(request(turn, source, plan), delta -> {});
        } catch (ConsentRequiredException e) {
            billing.release(reservation);
            return Optional.of(texts.text("consent.needed.group"));
        } catch (LlmException e) {
            billing.release(reservation);
            log.warn(
                    "update {}: regenerating failed ({}): {}",
                    entry.updateId(),
                    e.getClass().getSimpleName(),
                    e.getMessage());
            return Optional.of(texts.text("feedback.regenerate.failed"));
        }
        if (done.text().isBlank()) {
            billing.release(reservation);
            return Optional.of(texts.text("feedback.regenerate.failed"));
        }
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        Optional<Long> cost = prices.costNanoUsd(done.model(), done.usage());
        OptionalInt added = database.inTransaction(tx -> {
            OptionalInt index = feedback.addAnswer(tx, turn.botId(), turn.updateId(), source, user, done.text());
            // no preview while regenerating: the new answer, sent once written, is the first visible text
            tools.ledger()
                    .recordUsage(
                            tx,
                            entry,
                            "regenerate",
                            done,
                            cost,
                            millis,
                            java.util.OptionalLong.of(millis),
                            clock.millis());
            return index;
        });
        tools.ledger().answered(done, cost, millis, java.util.OptionalLong.of(millis));
        tools.meter(user, plan, "regenerate", done, cost);
        if (added.isEmpty()) {
            return Optional.of(texts.text("feedback.regenerate.once"));
        }
        List<FormattedText> parts = markdown.split(done.text(), FormattedText.MAX_MESSAGE_LENGTH);
        for (int i = 0; i < parts.size(); i++) {
            Keyboard buttons = i == parts.size() - 1 ? keyboard(turn.updateId(), added.getAsInt()) : Keyboard.NONE;
            outbound.send(chat, thread(turn), parts.get(i), Optional.empty(), buttons);
        }
        return Optional.empty();
    }

    /**
     * The turn's context as it stood when the question was asked (history before it, a summary only if it covers no
     * later message), the question, the answer the user wants replaced, and the question again with a note.
     */
    private GateRequest request(Feedback.Turn turn, int source, Plan plan) {
        List<StoredMessage> before = conversations.messages(turn.conversationId()).stream()
                .filter(message -> message.seq() < turn.firstSeq())
                .toList();
        Conversations.Summary summary = conversations.summary(turn.conversationId());
        String summaryText = summary.upto() < turn.firstSeq() ? summary.text() : "";
        String ref = "update:" + turn.updateId();
        List<GatedMessage> asked = new ArrayList<>();
        turn.quoted().ifPresent(quote -> asked.add(new GatedMessage(ref + ":quote", Origin.QUOTED_BY_USER, quote)));
        asked.add(new GatedMessage(ref, Origin.ADDRESSED, turn.question()));
        asked.add(new GatedMessage(
                ref + ":answer:" + source, Origin.ASSISTANT, turn.answers().get(source)));
        asked.add(new GatedMessage("regenerate", Origin.OPERATOR, REGENERATE_NOTE));
        asked.add(new GatedMessage(ref + ":again", Origin.ADDRESSED, turn.question()));
        int askedTokens = asked.stream()
                .mapToInt(message -> tools.tokens().count(message.content()))
                .sum();
        int start = tools.context()
                .windowStart(before, askedTokens, Math.min(plan.contextTokens(), settings.contextTokens()));
        return new GateRequest(
                new DataSubject(turn.userId()),
                Purpose.REGENERATE,
                new ModelId(plan.model()),
                tools.context().build(before, start, summaryText, asked),
                turn.conversationId(),
                OptionalInt.of(Math.min(plan.maxOutputTokens(), settings.maxOutputTokens())));
    }

    private void send(ChatId chat, Feedback.Turn turn, Reply reply) {
        try {
            outbound.send(
                    chat,
                    thread(turn),
                    markdown.split(reply.markdown(), FormattedText.MAX_MESSAGE_LENGTH)
                            .getFirst(),
                    Optional.empty(),
                    reply.keyboard());
        } catch (TelegramException e) {
            log.warn("a quota message could not be sent: {}", e.getMessage());
        }
    }

    private static OptionalInt thread(Feedback.Turn turn) {
        return turn.threadId() == 0 ? OptionalInt.empty() : OptionalInt.of((int) turn.threadId());
    }
}

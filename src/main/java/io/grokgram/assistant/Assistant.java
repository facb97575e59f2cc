package io.grokgram.assistant;

import io.grokgram.billing.Billing;
import io.grokgram.dataset.TurnSource;
import io.grokgram.llm.PriceTable;
import io.grokgram.privacy.ContentCipher;
import io.grokgram.privacy.PersonalDataHolder;
import io.grokgram.privacy.ProviderGate;
import io.grokgram.store.Database;
import io.grokgram.telegram.BotIdentity;
import io.grokgram.telegram.ChatId;
import io.grokgram.telegram.ChatStatusListener;
import io.grokgram.telegram.InboundUpdate;
import io.grokgram.telegram.Outbound;
import io.grokgram.telegram.TelegramException;
import io.grokgram.telegram.TelegramMarkdown;
import io.grokgram.telegram.UpdateSink;
import io.grokgram.telegram.UserId;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code assistant} room's façade: the sink intake hands updates to, and the per-chat turns behind it. On start it
 * registers the command menu and resumes every unfinished turn left in the inbox.
 */
public final class Assistant implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Assistant.class);

    private final long botId;
    private final Inbox inbox;
    private final ChatLanes lanes;
    private final TurnProcessor turns;
    private final Dispatcher dispatcher;
    private final Outbound outbound;
    private final AssistantSettings settings;
    private final Clock clock;
    private final RunningTurns running = new RunningTurns();
    private final TurnSlots slots;
    private final Chats chats;
    private final Migrations migrations;
    private final Texts texts;
    private final TurnLanguage language;
    private final ExecutorService turnThreads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("turn-", 0).factory());
    private final UserRights userRights;
    private volatile Thread pruner;
    private volatile Thread sweeper;
    private volatile ChatOwnership owned = ChatOwnership.all();
    /** How often {@link #sweep} looks for chats whose ready entries came without a signal. */
    private static final Duration SWEEP = Duration.ofSeconds(5);

    private static final Duration MAX_SWEEP_WAIT = Duration.ofMinutes(10);

    /**
     * An assistant whose inline answers are cached in {@code answers} (in memory, or shared by scale-out workers),
     * speaking the languages of {@code bundles}.
     */
    public Assistant(
            BotIdentity bot,
            Database database,
            ProviderGate gate,
            AssistantPrivacy privacy,
            Billing billing,
            Outbound outbound,
            TelegramMarkdown markdown,
            PriceTable prices,
            AssistantSettings settings,
            MeterRegistry metrics,
            Clock clock,
            AnswerCache answers,
            ToolBox tools,
            Bundles bundles) {
        this.botId = bot.id();
        this.outbound = outbound;
        this.inbox = new Inbox(database, clock);
        Conversations conversations = new Conversations(database, clock, privacy.cipher());
        Chats chats = new Chats(database, botId, clock);
        GroupSettings groups = new GroupSettings(database, botId, clock);
        this.texts = new Texts(bundles, Locale.ENGLISH);
        LanguageChoices choices = new LanguageChoices(database, botId, clock);
        this.language = new TurnLanguage(texts, choices);
        LanguageDesk languages = new LanguageDesk(texts, choices);
        PrivacyDesk desk = new PrivacyDesk(
                privacy.consents(),
                privacy.audit(),
                privacy.rights(),
                privacy.retention(),
                privacy.keptDays(),
                settings.providerName(),
                texts);
        this.settings = settings;
        this.clock = clock;
        this.slots = new TurnSlots(settings.maxTurns());
        this.lanes = new ChatLanes(turnThreads, this::drain);
        SubscriptionDesk subscriptions = new SubscriptionDesk(billing, outbound, texts, language);
        this.userRights = new UserRights(desk, subscriptions, outbound, texts, language);
        InlineTurns inline = new InlineTurns(
                database,
                inbox,
                gate,
                outbound,
                markdown,
                texts,
                desk,
                settings,
                prices,
                new TurnLedger(metrics),
                clock,
                bot,
                billing,
                subscriptions,
                answers,
                language,
                tools);
        this.turns = new TurnProcessor(
                bot,
                database,
                inbox,
                conversations,
                new TokenCounter(),
                gate,
                outbound,
                markdown,
                texts,
                prices,
                settings,
                running,
                metrics,
                clock,
                desk,
                groups,
                new Callbacks(
                        inbox,
                        outbound,
                        markdown,
                        texts,
                        desk,
                        groups,
                        subscriptions,
                        lanes::signal,
                        languages,
                        choices),
                inline,
                billing,
                subscriptions,
                tools,
                new Feedback(database, clock, privacy.cipher()),
                language,
                languages);
        this.migrations = new Migrations(database, botId, conversations, groups, chats, choices);
        this.dispatcher = new Dispatcher(
                bot,
                desk,
                groups,
                inline,
                subscriptions,
                billing,
                (from, to) -> {
                    outbound.chatMigrated(from, to);
                    migrations.migrate(from, to);
                },
                new Reminders(Duration.ofMinutes(10), clock),
                inbox,
                lanes,
                new FailedIntake(database, clock),
                chats,
                running,
                new FloodGuard(settings.floodPerMinute()),
                outbound,
                metrics);
        this.chats = chats;
    }

    /**
     * Where the outbound scheduler reports a chat that refused the bot (403): recorded, so the chat stays closed after
     * a restart too.
     */
    public ChatStatusListener chatStatus() {
        return new ChatStatusListener() {
            @Override
            public void forbidden(ChatId chat, String description) {
                try {
                    chats.markInactive(chat, description);
                } catch (RuntimeException e) {
                    log.warn("could not record chat {} as inactive: {}", chat, e.getMessage());
                }
            }

            @Override
            public void migrated(ChatId from, ChatId to) {
                chatMigrated(from, to);
            }
        };
    }

    /** Registers the command menu (best effort), restores closed chats and resumes unfinished turns. */
    public void start() {
        prepare();
        List<ChatKey> unfinished = inbox.chatsWithUnfinished(botId);
        if (!unfinished.isEmpty()) {
            log.info("resuming unfinished turns in {} chats", unfinished.size());
        }
        unfinished.forEach(lanes::signal);
        pruner = Thread.ofVirtual().name("inbox-pruner").start(this::pruneHourly);
        sweeper = Thread.ofVirtual().name("inbox-sweeper").start(this::sweep);
    }

    /**
     * Starts as one of several scale-out workers: turns run only for the chats {@code ownership} says are this
     * worker's, and nothing is resumed yet: {@link #resume} does, as chats become this worker's. Other workers run the
     * rest, each its own share, so no chat's turns run twice.
     */
    public void startOwning(ChatOwnership ownership) {
        this.owned = java.util.Objects.requireNonNull(ownership, "ownership");
        prepare();
        pruner = Thread.ofVirtual().name("inbox-pruner").start(this::pruneHourly);
        sweeper = Thread.ofVirtual().name("inbox-sweeper").start(this::sweep);
    }

    private void prepare() {
        chats.inactive().forEach(outbound::deactivate);
        registerProfile();
        settings.miniAppUrl().ifPresent(url -> {
            try {
                outbound.setMenuButton(texts.text(Language.ENGLISH, "miniapp.button"), url);
            } catch (TelegramException e) {
                log.warn("could not set the menu button to the Mini App: {}", e.getMessage());
            }
        });
    }

    /** The chats {@code gained} names became this worker's: their unfinished inbox entries are resumed. */
    public void resume(ChatOwnership gained) {
        List<ChatKey> resumed = inbox.unfinishedLanes(botId).stream()
                .filter(lane -> ownedBy(gained, lane.chat(), lane.kind()))
                .map(Inbox.UnfinishedLane::chat)
                .distinct()
                .toList();
        if (!resumed.isEmpty()) {
            log.info("resuming unfinished turns in {} chats that became this worker's", resumed.size());
        }
        resumed.forEach(lanes::signal);
    }

    /**
     * The chats {@code lost} names are another worker's now: their turns waiting on the provider are ended and handed
     * back to the inbox (where the new owner resumes them), turns past that point finish, no further entry of them
     * starts here; returns once none of them runs here, or after {@code timeout} (logged).
     */
    public void handBack(ChatOwnership lost, Duration timeout) {
        // an inline or guest lane carries its update id as thread; its chat's key is the person with thread 0
        java.util.function.Predicate<ChatKey> affected =
                lane -> lost.owns(lane.chat(), lane.threadId()) || (lane.threadId() != 0 && lost.owns(lane.chat(), 0));
        long deadline = System.nanoTime() + timeout.toNanos();
        int ended = 0;
        while (lanes.anyActive(affected)) {
            // again each round: a turn may reach the provider after the first round (it checked ownership before)
            ended += running.handBack(lane -> lost.owns(lane.chat(), lane.threadId()));
            if (System.nanoTime() > deadline) {
                log.warn("turns of chats handed to another worker still run after {}; leaving them", timeout);
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (ended > 0) {
            log.info("handed {} running turns back to the inbox for the chats' new worker", ended);
        }
    }

    private static boolean ownedBy(ChatOwnership ownership, ChatKey lane, InboxEntry.Kind kind) {
        boolean outsideLane = kind == InboxEntry.Kind.INLINE || kind == InboxEntry.Kind.GUEST;
        return ownership.owns(lane.chat(), outsideLane ? 0 : lane.threadId());
    }

    /**
     * The command menu and the bot's descriptions, once per language Telegram knows apart (two-letter codes: pt-BR
     * registers as pt); English is also the default for every other language. Best effort: a failure is logged and
     * the bot runs with whatever Telegram has.
     */
    private void registerProfile() {
        java.util.Set<String> registered = new java.util.HashSet<>();
        for (Language language : texts.languages()) {
            boolean fallback = language.equals(Language.ENGLISH);
            if (!fallback && !registered.add(language.telegramCode())) {
                log.warn(
                        "two bundles share the Telegram language code {}; {} is not registered",
                        language.telegramCode(),
                        language);
                continue;
            }
            java.util.Optional<String> code =
                    fallback ? java.util.Optional.empty() : java.util.Optional.of(language.telegramCode());
            try {
                outbound.setMyCommands(turns.commands().menu(language), code);
                outbound.setMyDescription(texts.text(language, "bot.description"), code);
                outbound.setMyShortDescription(texts.text(language, "bot.short_description"), code);
            } catch (TelegramException e) {
                log.warn("could not register the menu and descriptions in {}: {}", language, e.getMessage());
            }
        }
    }

    /**
     * Every {@link #SWEEP}: starts the chats of this process whose inbox holds entries ready to run while no turn of
     * theirs runs or waits. Normally every entry comes with a signal; this catches those that did not: entries
     * released in the store by another worker (a consent given through it), or left after a drain failed (a database
     * or network error mid-turn), which would otherwise wait for the chat's next message. A chat that keeps failing is
     * tried again after 5 s, 10 s, 20 s … up to ten minutes, so one broken entry cannot flood the log.
     */
    private void sweep() {
        Map<ChatKey, Long> waitFor = new HashMap<>(); // per chat started by the sweep: nanos to wait before again
        Map<ChatKey, Long> notBefore = new HashMap<>();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(SWEEP);
                long now = System.nanoTime();
                ChatOwnership mine = owned;
                List<ChatKey> ready = inbox.readyLanes(botId).stream()
                        .filter(lane -> ownedBy(mine, lane.chat(), lane.kind()))
                        .map(Inbox.UnfinishedLane::chat)
                        .distinct()
                        .filter(chat -> !lanes.anyActive(chat::equals))
                        .toList();
                waitFor.keySet().retainAll(ready);
                notBefore.keySet().retainAll(ready);
                List<ChatKey> start = ready.stream()
                        .filter(chat -> now - notBefore.getOrDefault(chat, now) >= 0)
                        .toList();
                for (ChatKey chat : start) {
                    long wait = Math.min(waitFor.getOrDefault(chat, SWEEP.toNanos() / 2) * 2, MAX_SWEEP_WAIT.toNanos());
                    waitFor.put(chat, wait);
                    notBefore.put(chat, now + wait);
                }
                if (!start.isEmpty()) {
                    log.info("starting {} chats whose inbox entries were ready with no turn running", start.size());
                }
                start.forEach(lanes::signal);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("could not look for chats with ready inbox entries ({}); again in {}", e.getMessage(), SWEEP);
            }
        }
    }

    /** Finished inbox entries are kept for the retention period (to answer repeats and edits), then deleted. */
    private void pruneHourly() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                int pruned = inbox.prune(
                        botId, clock.millis() - settings.inboxRetention().toMillis());
                if (pruned > 0) {
                    log.info("pruned {} finished inbox entries older than {}", pruned, settings.inboxRetention());
                }
                Thread.sleep(Duration.ofHours(1));
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("inbox pruning failed; trying again in an hour: {}", e.getMessage());
                try {
                    Thread.sleep(Duration.ofHours(1));
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** What this room holds about a person, for export, erasure and retention (built before the room itself). */
    public static PersonalDataHolder personalData(long botId, ContentCipher cipher) {
        return new AssistantData(botId, cipher);
    }

    /**
     * The turns of conversations with their answers and feedback, for the dataset room's export (built without the
     * rest of the room: the export runs beside the bot, not inside it). Content is opened with each user's key.
     */
    public static TurnSource trainingTurns(Database database, ContentCipher cipher) {
        return new TrainingTurns(database, new Feedback(database, Clock.systemUTC(), cipher));
    }

    /** Where the outbound scheduler reports a group that became a supergroup: its records move along. */
    public void chatMigrated(ChatId from, ChatId to) {
        migrations.migrate(from, to);
    }

    /** What the Mini App does for an authenticated user: consents, export and erasure, as the chat commands do. */
    public UserRights userRights() {
        return userRights;
    }

    /**
     * The language a person is spoken to in outside a chat turn (the Mini App, the web chat): their {@code /language}
     * choice, else the bundle closest to their Telegram {@code language_code}, as in the chat. Run the rendering in
     * {@code texts().run(language, ...)}.
     */
    public Language languageOf(long userId, Optional<String> telegramLanguageCode) {
        return language.of(
                Optional.empty(),
                Optional.of(new InboundUpdate.Sender(
                        new UserId(userId), false, "", Optional.empty(), telegramLanguageCode)));
    }

    /** Every text the bot shows, in every language it speaks. */
    public Texts texts() {
        return texts;
    }

    /** Where intake hands updates. */
    public UpdateSink sink() {
        return dispatcher;
    }

    private void drain(ChatKey chat) {
        for (InboxEntry entry : inbox.unfinished(chat)) {
            // past the cap a turn waits here for a slot; ownership and shutdown are checked once it has one
            TurnSlots.Slot slot;
            try {
                slot = slots.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // stopped while waiting for a slot: the entry stays in the inbox
            }
            try {
                if (turnThreads.isShutdown()) {
                    return; // shutting down: entries not yet started stay in the inbox for the next start
                }
                if (!ownedBy(owned, chat, entry.kind())) {
                    return; // another worker's chat now (or a signal for one that never was ours): it resumes them
                }
                turns.process(entry);
            } finally {
                slot.close();
            }
        }
    }

    /**
     * Graceful shutdown: no new turns start; turns in flight get the grace period to finish; whatever still waits on a
     * provider then is ended and handed back to the inbox, where the next start resumes it. Intake must be closed
     * first (the composition root closes in reverse start order).
     */
    @Override
    public void close() {
        Thread prunerThread = pruner;
        if (prunerThread != null) {
            prunerThread.interrupt();
        }
        Thread sweeperThread = sweeper;
        if (sweeperThread != null) {
            sweeperThread.interrupt();
        }
        turnThreads.shutdown();
        try {
            if (!turnThreads.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                int handedBack = running.handBackAll();
                log.info("shutdown: {} turns still waiting on the provider are handed back to the inbox", handedBack);
                if (!turnThreads.awaitTermination(5, TimeUnit.SECONDS)) {
                    turnThreads.shutdownNow();
                }
            }
        } catch (InterruptedException e) {
            turnThreads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}

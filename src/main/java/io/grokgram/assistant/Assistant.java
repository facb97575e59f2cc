package io.grokgram.assistant;

import io.grokgram.llm.PriceTable;
import io.grokgram.privacy.ProviderGate;
import io.grokgram.store.Database;
import io.grokgram.telegram.Outbound;
import io.grokgram.telegram.TelegramException;
import io.grokgram.telegram.TelegramMarkdown;
import io.grokgram.telegram.UpdateSink;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
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

    public Assistant(
            long botId,
            Database database,
            ProviderGate gate,
            Outbound outbound,
            TelegramMarkdown markdown,
            PriceTable prices,
            AssistantSettings settings,
            MeterRegistry metrics,
            Clock clock) {
        this.botId = botId;
        this.outbound = outbound;
        this.inbox = new Inbox(database, clock);
        Conversations conversations = new Conversations(database, clock);
        this.turns = new TurnProcessor(
                database,
                inbox,
                conversations,
                new TokenCounter(),
                gate,
                outbound,
                markdown,
                new Texts(Locale.ENGLISH),
                prices,
                settings,
                metrics,
                clock);
        this.lanes = new ChatLanes(
                Executors.newThreadPerTaskExecutor(
                        Thread.ofVirtual().name("turn-", 0).factory()),
                this::drain);
        this.dispatcher = new Dispatcher(botId, inbox, lanes, metrics);
    }

    /** Registers the command menu (best effort) and resumes unfinished turns. */
    public void start() {
        try {
            outbound.setMyCommands(turns.commands().menu());
        } catch (TelegramException e) {
            log.warn("could not register the command menu: {}", e.getMessage());
        }
        List<ChatKey> unfinished = inbox.chatsWithUnfinished(botId);
        if (!unfinished.isEmpty()) {
            log.info("resuming unfinished turns in {} chats", unfinished.size());
        }
        unfinished.forEach(lanes::signal);
    }

    /** Where intake hands updates. */
    public UpdateSink sink() {
        return dispatcher;
    }

    private void drain(ChatKey chat) {
        for (InboxEntry entry : inbox.unfinished(chat)) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            turns.process(entry);
        }
    }

    @Override
    public void close() {
        lanes.close();
    }
}

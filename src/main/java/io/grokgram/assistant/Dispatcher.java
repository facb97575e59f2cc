package io.grokgram.assistant;

import io.grokgram.telegram.InboundUpdate;
import io.grokgram.telegram.UpdateSink;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trigger rules, decided at intake: only updates that ask the assistant for something enter the inbox; everything
 * else is acknowledged and dropped, never stored. Private chats: every message of a person. Groups, inline mode and
 * payments get their rules with their issues; until then they are dropped.
 */
final class Dispatcher implements UpdateSink {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final long botId;
    private final Inbox inbox;
    private final ChatLanes lanes;
    private final MeterRegistry metrics;

    Dispatcher(long botId, Inbox inbox, ChatLanes lanes, MeterRegistry metrics) {
        this.botId = botId;
        this.inbox = inbox;
        this.lanes = lanes;
        this.metrics = metrics;
    }

    @Override
    public void accept(InboundUpdate update, String rawJson) {
        Optional<InboxEntry.Kind> trigger = trigger(update);
        if (trigger.isEmpty()) {
            metrics.counter("grokgram_updates", "outcome", "dropped").increment();
            return;
        }
        InboundUpdate.Message message = (InboundUpdate.Message) update;
        ChatKey chat =
                new ChatKey(botId, message.chat().id(), message.threadId().orElse(0));
        if (inbox.accept(update.updateId(), chat, trigger.get(), rawJson)) {
            metrics.counter("grokgram_updates", "outcome", "accepted").increment();
            lanes.signal(chat);
        } else {
            metrics.counter("grokgram_updates", "outcome", "duplicate").increment();
            log.info("update {} was already accepted; ignoring the repeat", update.updateId());
        }
    }

    private static Optional<InboxEntry.Kind> trigger(InboundUpdate update) {
        return switch (update) {
            case InboundUpdate.Malformed malformed -> {
                log.warn("malformed update {} dropped: {}", malformed.updateId(), malformed.reason());
                yield Optional.empty();
            }
            case InboundUpdate.Unsupported unsupported -> {
                log.debug("update {} of kind {} triggers nothing", unsupported.updateId(), unsupported.kind());
                yield Optional.empty();
            }
            case InboundUpdate.Message message -> {
                if (message.chat().type() != InboundUpdate.ChatType.PRIVATE
                        || message.from().isBot()) {
                    yield Optional.empty();
                }
                yield Optional.of(
                        switch (message.content()) {
                            case InboundUpdate.Text text -> InboxEntry.Kind.TEXT;
                            case InboundUpdate.Command command -> InboxEntry.Kind.COMMAND;
                            case InboundUpdate.NonText nonText -> InboxEntry.Kind.NON_TEXT;
                        });
            }
        };
    }
}

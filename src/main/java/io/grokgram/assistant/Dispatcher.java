package io.grokgram.assistant;

import io.grokgram.telegram.InboundUpdate;
import io.grokgram.telegram.Outbound;
import io.grokgram.telegram.UpdateSink;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trigger rules, decided at intake: only updates that ask the assistant for something enter the inbox; everything
 * else is acknowledged and dropped, never stored. Private chats: every message of a person, within the flood limit.
 * Groups, inline mode and payments get their rules with their issues; until then they are dropped. Control updates
 * (Stop, edits, the bot's membership) act at once and never wait behind a turn.
 */
final class Dispatcher implements UpdateSink {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final long botId;
    private final Inbox inbox;
    private final ChatLanes lanes;
    private final FailedIntake failed;
    private final Chats chats;
    private final RunningTurns running;
    private final FloodGuard flood;
    private final MeterRegistry metrics;
    private final Outbound outbound;

    Dispatcher(
            long botId,
            Inbox inbox,
            ChatLanes lanes,
            FailedIntake failed,
            Chats chats,
            RunningTurns running,
            FloodGuard flood,
            Outbound outbound,
            MeterRegistry metrics) {
        this.outbound = outbound;
        this.botId = botId;
        this.inbox = inbox;
        this.lanes = lanes;
        this.failed = failed;
        this.chats = chats;
        this.running = running;
        this.flood = flood;
        this.metrics = metrics;
    }

    @Override
    public void accept(InboundUpdate update, String rawJson) {
        switch (update) {
            case InboundUpdate.Malformed malformed -> {
                log.warn("malformed update {} kept in failed_intake: {}", malformed.updateId(), malformed.reason());
                failed.record(botId, malformed.updateId(), malformed.reason(), rawJson);
                count("malformed");
            }
            case InboundUpdate.Unsupported unsupported -> {
                log.debug("update {} of kind {} triggers nothing", unsupported.updateId(), unsupported.kind());
                count("dropped");
            }
            case InboundUpdate.MembershipChanged membership -> membership(membership);
            case InboundUpdate.GenerationStopped stopped -> {
                ChatKey chat =
                        new ChatKey(botId, stopped.chat(), stopped.threadId().orElse(0));
                boolean stoppedOne = running.stop(chat, stopped.draftId());
                log.info(
                        "Stop pressed in chat {} ({})",
                        stopped.chat(),
                        stoppedOne ? "answer ended" : "nothing running");
                count("stopped");
            }
            case InboundUpdate.Edited edited -> edited(edited, rawJson);
            case InboundUpdate.ChatMigrated migrated -> count("dropped");
            case InboundUpdate.CallbackQuery callback -> count("dropped");
            case InboundUpdate.InlineQuery inline -> count("dropped");
            case InboundUpdate.ChosenInlineResult chosen -> count("dropped");
            case InboundUpdate.GuestQuery guest -> count("dropped");
            case InboundUpdate.Message message -> message(message, rawJson);
        }
    }

    private void message(InboundUpdate.Message message, String rawJson) {
        Optional<InboxEntry.Kind> kind = trigger(message);
        if (kind.isEmpty()) {
            count("dropped");
            return;
        }
        ChatKey chat = chatOf(message);
        // writing to the bot undoes a block: Telegram lets the bot answer again
        // the scheduler's set of closed chats mirrors the chats table (restored from it at start), so asking it costs
        // no database read per message
        if (outbound.reactivate(chat.chat())) {
            chats.markActive(chat.chat(), "the user wrote");
        }
        InboxEntry.Kind accepted = switch (flood.check(message.from().id())) {
            case ACCEPT -> kind.get();
            case WARN -> InboxEntry.Kind.SLOW_DOWN;
            case DROP -> null;
        };
        if (accepted == null) {
            log.info("user of chat {} is over the flood limit; message {} dropped", chat.chat(), message.updateId());
            count("flood_dropped");
            return;
        }
        store(message.updateId(), chat, accepted, rawJson, (long)
                message.messageId().value());
    }

    /**
     * An edit of a question that is still waiting or being answered replaces it (and restarts a running answer); an
     * edit that comes after the answer gets a short note that the answer stays as it is.
     */
    private void edited(InboundUpdate.Edited edited, String rawJson) {
        InboundUpdate.Message message = edited.message();
        if (trigger(message).orElse(null) != InboxEntry.Kind.TEXT) {
            count("dropped");
            return;
        }
        ChatKey chat = chatOf(message);
        Optional<InboxEntry> entry = inbox.byMessage(chat, message.messageId().value());
        if (entry.isPresent() && inbox.replaceQuestion(entry.get(), rawJson)) {
            boolean restarted = running.restart(chat, entry.get().updateId());
            log.info(
                    "question {} of chat {} was edited before its answer; {}",
                    entry.get().updateId(),
                    chat.chat(),
                    restarted ? "answering it again" : "the new text will be answered");
            count("edit_applied");
            lanes.signal(chat);
            return;
        }
        store(edited.updateId(), chat, InboxEntry.Kind.EDIT_NOTE, rawJson, null);
    }

    private void membership(InboundUpdate.MembershipChanged membership) {
        if (membership.canWrite()) {
            outbound.reactivate(membership.chat());
            chats.markActive(membership.chat(), "membership " + membership.status());
        } else {
            outbound.deactivate(membership.chat(), "membership " + membership.status());
            chats.markInactive(membership.chat(), "membership " + membership.status());
            log.info(
                    "chat {} closed to the bot ({}); nothing more is sent there",
                    membership.chat(),
                    membership.status());
        }
        count("membership");
    }

    private void store(long updateId, ChatKey chat, InboxEntry.Kind kind, String rawJson, Long messageId) {
        if (inbox.accept(updateId, chat, kind, rawJson, messageId)) {
            count("accepted");
            lanes.signal(chat);
        } else {
            count("duplicate");
            log.info("update {} was already accepted; ignoring the repeat", updateId);
        }
    }

    private ChatKey chatOf(InboundUpdate.Message message) {
        return new ChatKey(botId, message.chat().id(), message.threadId().orElse(0));
    }

    private static Optional<InboxEntry.Kind> trigger(InboundUpdate.Message message) {
        if (message.chat().type() != InboundUpdate.ChatType.PRIVATE
                || message.from().isBot()) {
            return Optional.empty();
        }
        return Optional.of(
                switch (message.content()) {
                    case InboundUpdate.Text text -> InboxEntry.Kind.TEXT;
                    case InboundUpdate.Command command -> InboxEntry.Kind.COMMAND;
                    case InboundUpdate.NonText nonText -> InboxEntry.Kind.NON_TEXT;
                });
    }

    private void count(String outcome) {
        metrics.counter("grokgram_updates", "outcome", outcome).increment();
    }
}

package io.grokgram.assistant;

import io.grokgram.telegram.BotIdentity;
import io.grokgram.telegram.ChatId;
import io.grokgram.telegram.InboundUpdate;
import io.grokgram.telegram.Outbound;
import io.grokgram.telegram.UpdateSink;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trigger rules, decided at intake: only updates that ask the assistant for something enter the inbox; everything
 * else is acknowledged and dropped, never stored. Private chats: every message of a person, within the flood limit.
 * Groups: only messages addressed to the assistant, and of those only from people who accepted the service consent
 * (the others get a pointer to it; their question is not kept). Inline queries are answered at once and not stored;
 * chosen inline results and guest queries become turns. Button presses are stored like any trigger. Control updates
 * (Stop, edits, the bot's membership, a group's migration) act at once and never wait behind a turn.
 */
final class Dispatcher implements UpdateSink {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final long botId;
    private final BotIdentity bot;
    private final PrivacyDesk desk;
    private final GroupSettings groups;
    private final InlineTurns inline;
    private final SubscriptionDesk subscriptions;
    private final io.grokgram.billing.Billing billing;
    private final BiConsumer<ChatId, ChatId> migration;
    private final Reminders consentReminders;
    private final Inbox inbox;
    private final ChatLanes lanes;
    private final FailedIntake failed;
    private final Chats chats;
    private final RunningTurns running;
    private final FloodGuard flood;
    private final MeterRegistry metrics;
    private final Outbound outbound;

    Dispatcher(
            BotIdentity bot,
            PrivacyDesk desk,
            GroupSettings groups,
            InlineTurns inline,
            SubscriptionDesk subscriptions,
            io.grokgram.billing.Billing billing,
            BiConsumer<ChatId, ChatId> migration,
            Reminders consentReminders,
            Inbox inbox,
            ChatLanes lanes,
            FailedIntake failed,
            Chats chats,
            RunningTurns running,
            FloodGuard flood,
            Outbound outbound,
            MeterRegistry metrics) {
        this.outbound = outbound;
        this.botId = bot.id();
        this.bot = bot;
        this.desk = desk;
        this.groups = groups;
        this.inline = inline;
        this.subscriptions = subscriptions;
        this.billing = billing;
        this.migration = migration;
        this.consentReminders = consentReminders;
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
            case InboundUpdate.ChatMigrated migrated -> {
                migration.accept(migrated.from(), migrated.to());
                count("migrated");
            }
            case InboundUpdate.CallbackQuery callback -> callback(callback, rawJson);
            case InboundUpdate.InlineQuery query -> {
                // answered at once, off the intake thread, and never stored: an article costs no provider call
                Thread.ofVirtual().name("inline-query").start(() -> inline.answerQuery(query));
                count("inline_query");
            }
            case InboundUpdate.ChosenInlineResult chosen -> chosen(chosen, rawJson);
            case InboundUpdate.GuestQuery guest -> guest(guest, rawJson);
            case InboundUpdate.PreCheckout query -> {
                // answered at once, off the intake thread and never behind a turn: Telegram waits ten seconds
                Thread.ofVirtual().name("pre-checkout").start(() -> subscriptions.preCheckout(query));
                count("pre_checkout");
            }
            case InboundUpdate.PaymentReceived paid ->
                store(
                        paid.updateId(),
                        new ChatKey(botId, paid.chat(), 0),
                        InboxEntry.Kind.PAYMENT,
                        rawJson,
                        null,
                        paid.from().id().value(),
                        null);
            case InboundUpdate.PaymentRefunded refunded ->
                store(
                        refunded.updateId(),
                        new ChatKey(botId, refunded.chat(), 0),
                        InboxEntry.Kind.PAYMENT,
                        rawJson,
                        null,
                        refunded.from().id().value(),
                        null);
            case InboundUpdate.SubscriptionChanged changed -> {
                billing.subscriptionState(changed.from().id().value(), changed.payload(), changed.state());
                count("subscription");
            }
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
        long user = message.from().id().value();
        if (!chat.chat().isPrivate() && reachesProvider(message) && !desk.serviceGranted(user)) {
            consentNeeded(message, chat);
            return;
        }
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
        store(
                message.updateId(),
                chat,
                accepted,
                rawJson,
                (long) message.messageId().value(),
                user,
                null);
    }

    /**
     * Someone who never accepted the service consent addressed the assistant in a group: their question is not kept;
     * the entry keeps only where to answer (a pointer to the private chat's consent step), at most once in a while
     * per person and group so a chatty user does not make the bot spam the group.
     */
    private void consentNeeded(InboundUpdate.Message message, ChatKey chat) {
        long user = message.from().id().value();
        if (!consentReminders.shouldRemind(chat.chat().value(), user)) {
            count("consent_needed_quiet");
            return;
        }
        String pointer = "{\"update_id\":" + message.updateId() + ",\"message\":{\"message_id\":"
                + message.messageId().value() + ",\"date\":" + message.date().getEpochSecond()
                + ",\"chat\":{\"id\":" + chat.chat().value() + ",\"type\":\""
                + message.chat().type().name().toLowerCase(java.util.Locale.ROOT) + "\"},"
                + message.threadId().stream()
                        .mapToObj(t -> "\"message_thread_id\":" + t + ",\"is_topic_message\":true,")
                        .findFirst()
                        .orElse("")
                + "\"from\":{\"id\":" + user + ",\"is_bot\":false,\"first_name\":\"\"},\"text\":\"\"}}";
        store(message.updateId(), chat, InboxEntry.Kind.CONSENT_NEEDED, pointer, null, user, null);
        count("consent_needed");
    }

    /** Whether answering the message needs the model (a question), not just a text of the bot's own. */
    private static boolean reachesProvider(InboundUpdate.Message message) {
        return switch (message.content()) {
            case InboundUpdate.Text text -> true;
            case InboundUpdate.Command command -> command.name().equals("ask");
            case InboundUpdate.NonText nonText -> false;
        };
    }

    private void callback(InboundUpdate.CallbackQuery press, String rawJson) {
        if (press.chat().isEmpty()) {
            // a button under an inline message (the "writing…" one): nothing to do but stop its spinner
            Thread.ofVirtual().name("callback").start(() -> inline.answerWriting(press));
            count("callback");
            return;
        }
        ChatKey chat = new ChatKey(botId, press.chat().get(), 0);
        store(
                press.updateId(),
                chat,
                InboxEntry.Kind.CALLBACK,
                rawJson,
                null,
                press.from().id().value(),
                null);
    }

    private void chosen(InboundUpdate.ChosenInlineResult chosen, String rawJson) {
        if (chosen.inlineMessageId().isEmpty()
                || !desk.serviceGranted(chosen.from().id().value())) {
            count("dropped");
            return;
        }
        long user = chosen.from().id().value();
        store(
                chosen.updateId(),
                outsideLane(user, chosen.updateId()),
                InboxEntry.Kind.INLINE,
                rawJson,
                null,
                user,
                chosen.inlineMessageId().get());
    }

    /**
     * Inline and guest answers fill messages outside the user's chats, so none has to wait for another or for the
     * private chat's turns: each gets a lane of its own (its update id in the thread slot, which only orders turns).
     */
    private ChatKey outsideLane(long user, long updateId) {
        return new ChatKey(botId, new ChatId(user), updateId);
    }

    private void guest(InboundUpdate.GuestQuery guest, String rawJson) {
        long user = guest.message().from().id().value();
        if (guest.message().from().isBot()) {
            count("dropped");
            return;
        }
        if (!desk.serviceGranted(user)) {
            Thread.ofVirtual().name("guest-query").start(() -> inline.refuseGuest(guest));
            count("consent_needed");
            return;
        }
        store(guest.updateId(), outsideLane(user, guest.updateId()), InboxEntry.Kind.GUEST, rawJson, null, user, null);
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
        store(
                edited.updateId(),
                chat,
                InboxEntry.Kind.EDIT_NOTE,
                rawJson,
                null,
                message.from().id().value(),
                null);
    }

    private void membership(InboundUpdate.MembershipChanged membership) {
        if (membership.canWrite()) {
            boolean joined = !membership.chat().isPrivate() && !chats.isActive(membership.chat());
            outbound.reactivate(membership.chat());
            chats.markActive(membership.chat(), "membership " + membership.status());
            if (joined) {
                // added to a group: it says once how it can be addressed (not again on a promotion to admin). The entry
                // keeps no trace of who added the bot: the chat is all the welcome needs
                store(
                        membership.updateId(),
                        new ChatKey(botId, membership.chat(), 0),
                        InboxEntry.Kind.GROUP_WELCOME,
                        "{\"update_id\":" + membership.updateId() + "}",
                        null,
                        0,
                        null);
            }
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

    private void store(
            long updateId,
            ChatKey chat,
            InboxEntry.Kind kind,
            String rawJson,
            Long messageId,
            long user,
            String inlineMessageId) {
        if (inbox.accept(updateId, chat, kind, rawJson, messageId, user, inlineMessageId)) {
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

    /**
     * Private chats: every message of a person. Groups: only what addresses the assistant (see {@link Addressing}),
     * and nothing while the group's admins switched it off except the settings command. Channels: nothing.
     */
    private Optional<InboxEntry.Kind> trigger(InboundUpdate.Message message) {
        if (!Triggers.addressed(message, bot)) {
            return Optional.empty();
        }
        if (message.chat().type() != InboundUpdate.ChatType.PRIVATE) {
            boolean settings = message.content() instanceof InboundUpdate.Command command
                    && command.name().equals("settings");
            if (!settings && !groups.of(message.chat().id()).enabled()) {
                return Optional.empty();
            }
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

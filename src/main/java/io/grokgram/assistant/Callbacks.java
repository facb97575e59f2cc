package io.grokgram.assistant;

import io.grokgram.telegram.ChatId;
import io.grokgram.telegram.FormattedText;
import io.grokgram.telegram.InboundUpdate;
import io.grokgram.telegram.Keyboard;
import io.grokgram.telegram.MessageId;
import io.grokgram.telegram.Outbound;
import io.grokgram.telegram.TelegramException;
import io.grokgram.telegram.TelegramMarkdown;
import io.grokgram.telegram.UpdateParser;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inline keyboard buttons: the consent question, the switches of {@code /privacy}, the {@code /forget} confirmation and
 * the group settings. A press is stored in the inbox like any trigger (a consent must never be lost), handled in its
 * chat's order, and always answered so the user's button stops spinning. The message that carried the buttons is
 * rewritten to show what happened.
 */
final class Callbacks {
    private static final Logger log = LoggerFactory.getLogger(Callbacks.class);
    static final String GROUP_ON = "g:on";
    static final String GROUP_OFF = "g:off";
    static final String GROUP_EVERYONE = "g:all";
    static final String GROUP_ADMINS = "g:adm";

    private final Inbox inbox;
    private final Outbound outbound;
    private final TelegramMarkdown markdown;
    private final Texts texts;
    private final PrivacyDesk desk;
    private final GroupSettings groups;
    private final SubscriptionDesk subscriptions;
    private final Consumer<ChatKey> signal;
    private final LanguageDesk languages;
    private final LanguageChoices choices;
    private final UpdateParser parser = new UpdateParser();

    Callbacks(
            Inbox inbox,
            Outbound outbound,
            TelegramMarkdown markdown,
            Texts texts,
            PrivacyDesk desk,
            GroupSettings groups,
            SubscriptionDesk subscriptions,
            Consumer<ChatKey> signal,
            LanguageDesk languages,
            LanguageChoices choices) {
        this.languages = languages;
        this.choices = choices;
        this.subscriptions = subscriptions;
        this.inbox = inbox;
        this.outbound = outbound;
        this.markdown = markdown;
        this.texts = texts;
        this.desk = desk;
        this.groups = groups;
        this.signal = signal;
    }

    void handle(InboxEntry entry) {
        if (!(parser.parse(entry.payload()) instanceof InboundUpdate.CallbackQuery press)) {
            log.error("inbox entry {} is not a button press; marking it done", entry.updateId());
            inbox.markDone(entry);
            return;
        }
        long user = press.from().id().value();
        Optional<String> toast = Optional.empty();
        try {
            toast = switch (press.data()) {
                case PrivacyDesk.ACCEPT -> {
                    boolean pending = inbox.hasHeld(entry.chat().botId(), user);
                    rewrite(press, Reply.text(desk.answerConsent(user, true, pending)));
                    inbox.release(entry.chat().botId(), user).forEach(signal);
                    yield Optional.of(texts.text("consent.toast.accepted"));
                }
                case PrivacyDesk.DECLINE -> {
                    String text = desk.answerConsent(user, false, false);
                    int dropped = inbox.dropHeld(entry.chat().botId(), user);
                    log.info("a user declined the service consent; {} held messages deleted", dropped);
                    rewrite(press, Reply.text(text));
                    yield Optional.of(texts.text("consent.toast.declined"));
                }
                case PrivacyDesk.TRAINING_ON, PrivacyDesk.TRAINING_OFF -> {
                    boolean on = press.data().equals(PrivacyDesk.TRAINING_ON);
                    desk.setTraining(user, on);
                    rewrite(press, desk.overview(user));
                    yield Optional.of(texts.text(on ? "privacy.training.now.on" : "privacy.training.now.off"));
                }
                case PrivacyDesk.WITHDRAW -> {
                    desk.withdrawService(user);
                    rewrite(press, desk.overview(user));
                    yield Optional.of(texts.text("privacy.service.now.off"));
                }
                case PrivacyDesk.FORGET -> {
                    // a subscription Telegram keeps renewing would bring the user back: renewal stops first
                    subscriptions.stopRenewalBeforeErasure(user);
                    // erasure removes this very entry too: what follows touches only Telegram
                    String done = desk.forget(user);
                    choices.forget(user); // erasure deleted the user's language choice with the rest
                    rewrite(press, Reply.text(done));
                    yield Optional.empty();
                }
                case PrivacyDesk.KEEP -> {
                    rewrite(press, Reply.text(texts.text("forget.cancelled")));
                    yield Optional.empty();
                }
                case GROUP_ON, GROUP_OFF, GROUP_EVERYONE, GROUP_ADMINS -> groupSetting(press);
                case SubscriptionDesk.CANCEL_RENEWAL, SubscriptionDesk.RESUME_RENEWAL -> {
                    String done = subscriptions.setRenewal(user, press.data().equals(SubscriptionDesk.RESUME_RENEWAL));
                    rewrite(press, subscriptions.subscribe(user));
                    yield Optional.of(done);
                }
                default -> {
                    if (press.data().startsWith(LanguageDesk.PREFIX)) {
                        yield language(press);
                    }
                    if (press.data().startsWith(SubscriptionDesk.PACK_PREFIX)
                            && press.chat().isPresent()) {
                        // a pack's invoice goes to the private chat: payments belong to the buyer
                        subscriptions.sendPackInvoice(
                                new io.grokgram.telegram.ChatId(user),
                                user,
                                press.data().substring(SubscriptionDesk.PACK_PREFIX.length()));
                        yield Optional.empty();
                    }
                    yield Optional.of(texts.text("callback.expired"));
                }
            };
        } catch (TelegramException e) {
            log.warn(
                    "update {}: the pressed button's message could not be updated: {}",
                    entry.updateId(),
                    e.getMessage());
        } finally {
            answer(press, toast);
            inbox.markDone(entry);
        }
    }

    /** The group settings message with its switches. */
    Reply groupSettings(GroupSettings.Settings settings) {
        return new Reply(
                texts.text(
                        "group.settings",
                        texts.text(settings.enabled() ? "group.settings.on" : "group.settings.off"),
                        texts.text(settings.adminsOnly() ? "group.settings.admins" : "group.settings.everyone")),
                new Keyboard(List.of(
                        List.of(
                                settings.enabled()
                                        ? new Keyboard.Callback(texts.text("group.settings.button.off"), GROUP_OFF)
                                        : new Keyboard.Callback(texts.text("group.settings.button.on"), GROUP_ON)),
                        List.of(
                                settings.adminsOnly()
                                        ? new Keyboard.Callback(
                                                texts.text("group.settings.button.everyone"), GROUP_EVERYONE)
                                        : new Keyboard.Callback(
                                                texts.text("group.settings.button.admins"), GROUP_ADMINS)))));
    }

    private Optional<String> groupSetting(InboundUpdate.CallbackQuery press) {
        if (press.chat().isEmpty() || press.chat().get().isPrivate()) {
            return Optional.of(texts.text("callback.expired"));
        }
        if (!outbound.isAdmin(press.chat().get(), press.from().id())) {
            return Optional.of(texts.text("group.settings.not.admin"));
        }
        GroupSettings.Settings now = groups.of(press.chat().get());
        GroupSettings.Settings changed = switch (press.data()) {
            case GROUP_ON -> new GroupSettings.Settings(true, now.adminsOnly());
            case GROUP_OFF -> new GroupSettings.Settings(false, now.adminsOnly());
            case GROUP_EVERYONE -> new GroupSettings.Settings(now.enabled(), false);
            default -> new GroupSettings.Settings(now.enabled(), true);
        };
        groups.save(press.chat().get(), changed);
        rewrite(press, groupSettings(changed));
        return Optional.of(texts.text("group.settings.saved"));
    }

    /**
     * A {@code /language} button: a private chat's user or a group's admin chooses; the message then says so in the
     * chosen language.
     */
    private Optional<String> language(InboundUpdate.CallbackQuery press) {
        if (press.chat().isEmpty()) {
            return Optional.of(texts.text("callback.expired"));
        }
        ChatId chat = press.chat().get();
        if (!chat.isPrivate() && !outbound.isAdmin(chat, press.from().id())) {
            return Optional.of(texts.text("group.settings.not.admin"));
        }
        Language chosen = languages
                .choose(chat, press.data())
                .orElseGet(() -> press.from().languageCode().map(texts::closest).orElseGet(texts::current));
        String saved = texts.text(chosen, "language.saved");
        rewrite(press, Reply.text(saved));
        return Optional.of(saved);
    }

    private void rewrite(InboundUpdate.CallbackQuery press, Reply reply) {
        if (press.chat().isEmpty() || press.message().isEmpty()) {
            return;
        }
        FormattedText text = markdown.split(reply.markdown(), FormattedText.MAX_MESSAGE_LENGTH)
                .getFirst();
        MessageId message = press.message().get();
        outbound.edit(press.chat().get(), message, text, reply.keyboard());
    }

    private void answer(InboundUpdate.CallbackQuery press, Optional<String> toast) {
        try {
            outbound.answerCallback(
                    press.queryId(), toast.map(text -> text.length() > 200 ? text.substring(0, 199) + "…" : text));
        } catch (TelegramException e) {
            log.info("a button press could not be answered (it may be too old): {}", e.getMessage());
        }
    }
}

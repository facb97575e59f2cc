package io.grokgram.assistant;

import io.grokgram.telegram.ChatId;
import io.grokgram.telegram.InboundUpdate;
import io.grokgram.telegram.TelegramException;
import io.grokgram.telegram.UserId;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * What the Mini App may do for a user, through the same code paths as the chat commands: switch training consent (as
 * {@code /privacy}'s button), send the data export into the private chat (as {@code /mydata}), and erase everything
 * (as {@code /forget}'s confirmation, renewal stopped first). Every caller must have authenticated the user already.
 */
public final class UserRights {

    private final PrivacyDesk desk;
    private final SubscriptionDesk subscriptions;
    private final io.grokgram.telegram.Outbound outbound;
    private final Texts texts;
    private final TurnLanguage language;

    UserRights(
            PrivacyDesk desk,
            SubscriptionDesk subscriptions,
            io.grokgram.telegram.Outbound outbound,
            Texts texts,
            TurnLanguage language) {
        this.desk = Objects.requireNonNull(desk, "desk");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.outbound = Objects.requireNonNull(outbound, "outbound");
        this.texts = Objects.requireNonNull(texts, "texts");
        this.language = Objects.requireNonNull(language, "language");
    }

    /**
     * The language the Mini App speaks to {@code user}: their {@code /language} choice, else the closest bundle to the
     * {@code language_code} Telegram put in the signed {@code initData}, else English — as the chat does.
     */
    public Language languageOf(long user, Optional<String> telegramLanguageCode) {
        return language.of(
                Optional.empty(),
                Optional.of(
                        new InboundUpdate.Sender(new UserId(user), false, "", Optional.empty(), telegramLanguageCode)));
    }

    /** The text for {@code key} in {@code language}, as the chat would show it. */
    public String text(Language language, String key, Object... arguments) {
        return texts.text(language, key, arguments);
    }

    /** Runs {@code work} with every text it renders (answers, captions) in {@code language}. */
    public String in(Language language, Supplier<String> work) {
        String[] said = new String[1];
        texts.run(language, () -> said[0] = work.get());
        return said[0];
    }

    public boolean serviceGranted(long user) {
        return desk.serviceGranted(user);
    }

    public boolean trainingGranted(long user) {
        return desk.trainingGranted(user);
    }

    public void setTraining(long user, boolean allowed) {
        desk.setTraining(user, allowed);
    }

    /**
     * Sends {@code my-data.json} into the user's private chat through the outbound scheduler, as {@code /mydata} does;
     * returns the text the Mini App shows. Throws {@link TelegramException} when Telegram refuses it.
     */
    public String sendExport(long user) {
        outbound.sendDocument(
                new ChatId(user),
                OptionalInt.empty(),
                "my-data.json",
                desk.export(user),
                Optional.of(texts.text("mydata.caption")));
        return texts.text("miniapp.export.sent");
    }

    /** Erases everything held about the user, as {@code /forget}'s Yes does; returns what the confirmation says. */
    public String erase(long user) {
        subscriptions.stopRenewalBeforeErasure(user);
        return desk.forget(user);
    }
}

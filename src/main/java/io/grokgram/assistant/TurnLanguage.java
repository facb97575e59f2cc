package io.grokgram.assistant;

import io.grokgram.telegram.ChatId;
import io.grokgram.telegram.InboundUpdate;
import io.grokgram.telegram.UpdateParser;
import java.util.Optional;

/**
 * Which language an update is answered in: a group's language when its admins set one; else the language the person
 * chose with {@code /language}; else the bundle closest to their Telegram {@code language_code} (pt-br → pt-BR, uk-UA
 * → uk); else the default. Decided per update, so a user who changes Telegram's language is followed at once.
 */
final class TurnLanguage {
    private final Texts texts;
    private final LanguageChoices choices;
    private final UpdateParser parser = new UpdateParser();

    TurnLanguage(Texts texts, LanguageChoices choices) {
        this.texts = texts;
        this.choices = choices;
    }

    Language of(InboxEntry entry) {
        return of(parser.parse(entry.payload()));
    }

    Language of(InboundUpdate update) {
        return switch (update) {
            case InboundUpdate.Message message -> of(group(message.chat()), Optional.of(message.from()));
            case InboundUpdate.Edited edited -> of(edited.message());
            case InboundUpdate.CallbackQuery press ->
                of(press.chat().filter(chat -> !chat.isPrivate()), Optional.of(press.from()));
            case InboundUpdate.InlineQuery query -> of(Optional.empty(), Optional.of(query.from()));
            case InboundUpdate.ChosenInlineResult chosen -> of(Optional.empty(), Optional.of(chosen.from()));
            case InboundUpdate.GuestQuery guest ->
                of(Optional.empty(), Optional.of(guest.message().from()));
            case InboundUpdate.PreCheckout query -> of(Optional.empty(), Optional.of(query.from()));
            case InboundUpdate.PaymentReceived paid -> of(Optional.empty(), Optional.of(paid.from()));
            case InboundUpdate.PaymentRefunded refunded -> of(Optional.empty(), Optional.of(refunded.from()));
            case InboundUpdate.SubscriptionChanged changed -> of(Optional.empty(), Optional.of(changed.from()));
            case InboundUpdate.MembershipChanged joined ->
                of(joined.chat().isPrivate() ? Optional.empty() : Optional.of(joined.chat()), Optional.empty());
            case InboundUpdate.GenerationStopped stopped -> texts.current();
            case InboundUpdate.ChatMigrated migrated -> texts.current();
            case InboundUpdate.Unsupported unsupported -> texts.current();
            case InboundUpdate.Malformed malformed -> texts.current();
        };
    }

    /** The language for someone in a chat: the group's choice, theirs, their Telegram's, the default. */
    Language of(Optional<ChatId> group, Optional<InboundUpdate.Sender> person) {
        Optional<Language> chosen =
                group.flatMap(choices::of).or(() -> person.flatMap(p -> choices.of(new ChatId(p.id().value()))));
        if (chosen.isPresent() && texts.languages().contains(chosen.get())) {
            return chosen.get();
        }
        return person.flatMap(InboundUpdate.Sender::languageCode)
                .map(texts::closest)
                .orElseGet(texts::current);
    }

    private static Optional<ChatId> group(InboundUpdate.Chat chat) {
        return chat.type() == InboundUpdate.ChatType.PRIVATE ? Optional.empty() : Optional.of(chat.id());
    }
}

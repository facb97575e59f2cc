package io.grokgram.assistant;

import io.grokgram.store.Database;
import io.grokgram.store.Tx;
import io.grokgram.telegram.ChatId;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The languages chosen with {@code /language}: a user's for their private chat (keyed by the chat, whose id is the
 * user's, so {@code /forget} finds it) and a group's, set by its admins. Asked on every update, so cached when this
 * process is the store's only writer; workers sharing PostgreSQL read it each time, since a user's choice made through
 * one worker must show in the groups another worker answers. Owns the {@code language_choices} table.
 */
final class LanguageChoices {
    private final Database database;
    private final long botId;
    private final Clock clock;
    private final Map<Long, Optional<Language>> cache = new ConcurrentHashMap<>();

    LanguageChoices(Database database, long botId, Clock clock) {
        this.database = database;
        this.botId = botId;
        this.clock = clock;
    }

    /** The language chosen for {@code chat} (a user's private chat or a group); empty when none was. */
    Optional<Language> of(ChatId chat) {
        if (database.kind() != Database.Kind.SQLITE) {
            return load(chat.value());
        }
        return cache.computeIfAbsent(chat.value(), this::load);
    }

    private Optional<Language> load(long chat) {
        return database.inTransaction(tx -> tx.queryOne(
                        "SELECT language FROM language_choices WHERE bot_id = ? AND chat_id = ?",
                        row -> row.getString("language"),
                        botId,
                        chat)
                .flatMap(LanguageChoices::parse));
    }

    /** Stores the choice for {@code chat}; an empty choice goes back to the user's Telegram language. */
    void choose(ChatId chat, Optional<Language> language) {
        database.useTransaction(tx -> {
            if (language.isEmpty()) {
                tx.update("DELETE FROM language_choices WHERE bot_id = ? AND chat_id = ?", botId, chat.value());
            } else {
                tx.update(
                        "INSERT INTO language_choices (bot_id, chat_id, language, updated_at) VALUES (?, ?, ?, ?)"
                                + " ON CONFLICT (bot_id, chat_id) DO UPDATE SET language = excluded.language,"
                                + " updated_at = excluded.updated_at",
                        botId,
                        chat.value(),
                        language.get().tag(),
                        clock.millis());
            }
        });
        cache.put(chat.value(), language);
    }

    /** A group became a supergroup: its language moves to the new id (inside the caller's transaction). */
    void migrate(Tx tx, ChatId from, ChatId to) {
        tx.update(
                "UPDATE language_choices SET chat_id = ? WHERE bot_id = ? AND chat_id = ?"
                        + " AND NOT EXISTS (SELECT 1 FROM language_choices WHERE bot_id = ? AND chat_id = ?)",
                to.value(),
                botId,
                from.value(),
                botId,
                to.value());
        cache.remove(from.value());
        cache.remove(to.value());
    }

    /** Erasure removed the row behind this cache's back (in the privacy room's transaction): forget it here too. */
    void forget(long chat) {
        cache.remove(chat);
    }

    private static Optional<Language> parse(String tag) {
        try {
            return Optional.of(new Language(tag));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a row written by hand: as if no choice was made
        }
    }
}

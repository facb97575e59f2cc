package io.grokgram.assistant;

import io.grokgram.store.Database;
import io.grokgram.store.Tx;
import io.grokgram.telegram.ChatId;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a group's admins decided: whether the assistant answers in the group at all, and whether everyone may use it or
 * only admins. Asked on every addressed group message, so it is cached when this process is the store's only writer;
 * workers sharing PostgreSQL read it each time (a group's chats move between workers, and a worker that answered the
 * group before must not answer from what it remembers after its admins switched the assistant off through another).
 * Owns the {@code group_settings} table.
 */
final class GroupSettings {
    /** A group's settings; a group nobody configured answers everyone. */
    record Settings(boolean enabled, boolean adminsOnly) {
        static final Settings DEFAULT = new Settings(true, false);
    }

    private final Database database;
    private final long botId;
    private final Clock clock;
    private final Map<ChatId, Settings> cache = new ConcurrentHashMap<>();

    GroupSettings(Database database, long botId, Clock clock) {
        this.database = database;
        this.botId = botId;
        this.clock = clock;
    }

    Settings of(ChatId chat) {
        if (database.kind() != Database.Kind.SQLITE) {
            return load(chat);
        }
        return cache.computeIfAbsent(chat, this::load);
    }

    private Settings load(ChatId chat) {
        return database.inTransaction(tx -> tx.queryOne(
                        "SELECT enabled, admins_only FROM group_settings WHERE bot_id = ? AND chat_id = ?",
                        row -> new Settings(row.getInt("enabled") == 1, row.getInt("admins_only") == 1),
                        botId,
                        chat.value())
                .orElse(Settings.DEFAULT));
    }

    void save(ChatId chat, Settings settings) {
        database.useTransaction(tx -> tx.update(
                "INSERT INTO group_settings (bot_id, chat_id, enabled, admins_only, updated_at) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (bot_id, chat_id) DO UPDATE SET enabled = excluded.enabled,"
                        + " admins_only = excluded.admins_only, updated_at = excluded.updated_at",
                botId,
                chat.value(),
                settings.enabled() ? 1 : 0,
                settings.adminsOnly() ? 1 : 0,
                clock.millis()));
        cache.put(chat, settings);
    }

    /** A group became a supergroup: its settings move to the new id (inside the caller's transaction). */
    void migrate(Tx tx, ChatId from, ChatId to) {
        tx.update(
                "UPDATE group_settings SET chat_id = ? WHERE bot_id = ? AND chat_id = ?"
                        + " AND NOT EXISTS (SELECT 1 FROM group_settings WHERE bot_id = ? AND chat_id = ?)",
                to.value(),
                botId,
                from.value(),
                botId,
                to.value());
        cache.remove(from);
        cache.remove(to);
    }
}

package io.grokgram.assistant;

import io.grokgram.store.Database;
import io.grokgram.telegram.ChatId;
import java.time.Clock;

/**
 * Which chats Telegram told us not to write to: a 403 (the user blocked the bot, it was removed from a group) or a
 * {@code my_chat_member} update. Nothing more is sent to an inactive chat until the user writes again or unblocks the
 * bot. Owns the {@code chats} table.
 */
final class Chats {
    private final Database database;
    private final long botId;
    private final Clock clock;

    Chats(Database database, long botId, Clock clock) {
        this.database = database;
        this.botId = botId;
        this.clock = clock;
    }

    /** Whether the chat is recorded as open to the bot (false for a chat never seen, e.g. a group it just joined). */
    boolean isActive(ChatId chat) {
        return database.inTransaction(tx -> tx.queryOne(
                        "SELECT active FROM chats WHERE bot_id = ? AND chat_id = ?",
                        row -> row.getInt("active") == 1,
                        botId,
                        chat.value())
                .orElse(false));
    }

    /** A group became a supergroup: its record moves to the new id (inside the caller's transaction). */
    void migrate(io.grokgram.store.Tx tx, ChatId from, ChatId to) {
        tx.update("DELETE FROM chats WHERE bot_id = ? AND chat_id = ?", botId, to.value());
        tx.update("UPDATE chats SET chat_id = ? WHERE bot_id = ? AND chat_id = ?", to.value(), botId, from.value());
    }

    void markInactive(ChatId chat, String reason) {
        set(chat, false, reason);
    }

    void markActive(ChatId chat, String reason) {
        set(chat, true, reason);
    }

    /** The chats recorded as inactive, with their reasons: what a restarted outbound scheduler must not write to. */
    java.util.Map<ChatId, String> inactive() {
        java.util.Map<ChatId, String> chats = new java.util.HashMap<>();
        database.useTransaction(tx -> tx.query(
                        "SELECT chat_id, reason FROM chats WHERE bot_id = ? AND active = 0",
                        row -> java.util.Map.entry(new ChatId(row.getLong("chat_id")), row.getString("reason")),
                        botId)
                .forEach(entry -> chats.put(entry.getKey(), entry.getValue())));
        return chats;
    }

    private void set(ChatId chat, boolean active, String reason) {
        database.useTransaction(tx -> tx.update(
                "INSERT INTO chats (bot_id, chat_id, active, reason, updated_at) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (bot_id, chat_id) DO UPDATE SET active = excluded.active,"
                        + " reason = excluded.reason, updated_at = excluded.updated_at",
                botId,
                chat.value(),
                active ? 1 : 0,
                reason,
                clock.millis()));
    }
}

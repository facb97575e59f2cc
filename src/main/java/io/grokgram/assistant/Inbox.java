package io.grokgram.assistant;

import io.grokgram.store.Database;
import io.grokgram.store.Row;
import io.grokgram.store.Tx;
import io.grokgram.telegram.ChatId;
import io.grokgram.telegram.MessageId;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The durable inbox: every accepted trigger, keyed by (bot, update) so a repeated update is a no-op, and the record of
 * how far its turn got. Owns the {@code inbox} and {@code reply_parts} tables.
 */
final class Inbox {
    private final Database database;
    private final Clock clock;

    Inbox(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Stores a trigger; returns false when this (bot, update) was stored before. */
    boolean accept(long updateId, ChatKey chat, InboxEntry.Kind kind, String payload) {
        long now = clock.millis();
        return database.inTransaction(tx -> tx.update(
                        "INSERT INTO inbox (bot_id, update_id, chat_id, thread_id, kind, payload, state, received_at,"
                                + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                        chat.botId(),
                        updateId,
                        chat.chat().value(),
                        chat.threadId(),
                        kind.name(),
                        payload,
                        InboxEntry.State.STORED.name(),
                        now,
                        now)
                == 1);
    }

    /** The chat's unfinished entries, oldest first: the order its turns must run in. */
    List<InboxEntry> unfinished(ChatKey chat) {
        return database.inTransaction(tx -> tx.query(
                "SELECT * FROM inbox WHERE bot_id = ? AND chat_id = ? AND thread_id = ? AND state <> ?"
                        + " ORDER BY update_id",
                Inbox::entry,
                chat.botId(),
                chat.chat().value(),
                chat.threadId(),
                InboxEntry.State.DONE.name()));
    }

    /** Every chat with unfinished entries: what a restart must resume. */
    List<ChatKey> chatsWithUnfinished(long botId) {
        return database.inTransaction(tx -> tx.query(
                "SELECT DISTINCT chat_id, thread_id FROM inbox WHERE bot_id = ? AND state <> ?",
                row -> new ChatKey(botId, new ChatId(row.getLong("chat_id")), row.getLong("thread_id")),
                botId,
                InboxEntry.State.DONE.name()));
    }

    void markStarted(InboxEntry entry) {
        setState(entry, InboxEntry.State.STARTED);
    }

    /** Records the final text before any of it is sent, so a resumed turn sends the same answer. */
    void markAnswered(InboxEntry entry, String finalText) {
        database.useTransaction(tx -> markAnswered(tx, entry, finalText));
    }

    void markAnswered(Tx tx, InboxEntry entry, String finalText) {
        tx.update(
                "UPDATE inbox SET state = ?, final_text = ?, updated_at = ? WHERE bot_id = ? AND update_id = ?",
                InboxEntry.State.ANSWERED.name(),
                finalText,
                clock.millis(),
                entry.chat().botId(),
                entry.updateId());
    }

    /** Marks the entry done inside the caller's transaction (together with what the turn produced). */
    void markDone(Tx tx, InboxEntry entry) {
        tx.update(
                "UPDATE inbox SET state = ?, updated_at = ? WHERE bot_id = ? AND update_id = ?",
                InboxEntry.State.DONE.name(),
                clock.millis(),
                entry.chat().botId(),
                entry.updateId());
    }

    void markDone(InboxEntry entry) {
        database.useTransaction(tx -> markDone(tx, entry));
    }

    /** The message ids already showing parts of this entry's answer, by part index. */
    Map<Integer, MessageId> sentParts(InboxEntry entry) {
        Map<Integer, MessageId> parts = new TreeMap<>();
        database.useTransaction(tx -> tx.query(
                        "SELECT part_index, message_id FROM reply_parts WHERE bot_id = ? AND update_id = ?",
                        row -> Map.entry(row.getInt("part_index"), new MessageId((int) row.getLong("message_id"))),
                        entry.chat().botId(),
                        entry.updateId())
                .forEach(part -> parts.put(part.getKey(), part.getValue())));
        return parts;
    }

    /**
     * Records a part the moment Telegram returned its id. Between Telegram's answer and this commit lies the only window
     * in which a crash can duplicate a message; keep this write small.
     */
    void recordPart(InboxEntry entry, int index, MessageId message) {
        database.useTransaction(tx -> tx.update(
                "INSERT INTO reply_parts (bot_id, update_id, part_index, message_id, sent_at) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING",
                entry.chat().botId(),
                entry.updateId(),
                index,
                (long) message.value(),
                clock.millis()));
    }

    private void setState(InboxEntry entry, InboxEntry.State state) {
        database.useTransaction(tx -> tx.update(
                "UPDATE inbox SET state = ?, updated_at = ? WHERE bot_id = ? AND update_id = ?",
                state.name(),
                clock.millis(),
                entry.chat().botId(),
                entry.updateId()));
    }

    private static InboxEntry entry(Row row) {
        return new InboxEntry(
                row.getLong("update_id"),
                new ChatKey(row.getLong("bot_id"), new ChatId(row.getLong("chat_id")), row.getLong("thread_id")),
                InboxEntry.Kind.valueOf(row.getString("kind").toUpperCase(Locale.ROOT)),
                row.getString("payload"),
                InboxEntry.State.valueOf(row.getString("state")),
                row.optionalString("final_text"));
    }
}

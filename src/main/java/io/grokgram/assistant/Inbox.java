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
        return accept(updateId, chat, kind, payload, null, 0, null);
    }

    /**
     * Stores a trigger of user {@code userId} (0: none) that answers the user's message {@code messageId}, so an edit
     * of it finds this entry; {@code inlineMessageId} is the inline message an inline answer fills in.
     */
    boolean accept(
            long updateId,
            ChatKey chat,
            InboxEntry.Kind kind,
            String payload,
            Long messageId,
            long userId,
            String inlineMessageId) {
        long now = clock.millis();
        return database.inTransaction(tx -> tx.update(
                        "INSERT INTO inbox (bot_id, update_id, chat_id, thread_id, kind, payload, state, received_at,"
                                + " updated_at, message_id, user_id, inline_message_id)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                        chat.botId(),
                        updateId,
                        chat.chat().value(),
                        chat.threadId(),
                        kind.name(),
                        payload,
                        InboxEntry.State.STORED.name(),
                        now,
                        now,
                        messageId,
                        userId == 0 ? null : userId,
                        inlineMessageId)
                == 1);
    }

    /** The entry that answers the user's message {@code messageId} in this chat, if there is one. */
    java.util.Optional<InboxEntry> byMessage(ChatKey chat, long messageId) {
        return database.inTransaction(tx -> tx.queryOne(
                "SELECT * FROM inbox WHERE bot_id = ? AND chat_id = ? AND message_id = ? AND kind = ?",
                Inbox::entry,
                chat.botId(),
                chat.chat().value(),
                messageId,
                InboxEntry.Kind.TEXT.name()));
    }

    /**
     * Replaces the question of an entry that is not answered yet (the user edited it); false if the answer was already
     * recorded, in which case the edit comes too late to change it.
     */
    boolean replaceQuestion(InboxEntry entry, String payload) {
        return database.inTransaction(tx -> tx.update(
                        "UPDATE inbox SET payload = ?, state = ?, updated_at = ? WHERE bot_id = ? AND update_id = ?"
                                + " AND state IN (?, ?)",
                        payload,
                        InboxEntry.State.STORED.name(),
                        clock.millis(),
                        entry.chat().botId(),
                        entry.updateId(),
                        InboxEntry.State.STORED.name(),
                        InboxEntry.State.STARTED.name())
                == 1);
    }

    /** Deletes finished entries (and their parts) older than {@code cutoffMillis}; returns how many. */
    int prune(long botId, long cutoffMillis) {
        return database.inTransaction(tx -> {
            tx.update(
                    "DELETE FROM reply_parts WHERE bot_id = ? AND update_id IN (SELECT update_id FROM inbox"
                            + " WHERE bot_id = ? AND state = ? AND updated_at < ?)",
                    botId,
                    botId,
                    InboxEntry.State.DONE.name(),
                    cutoffMillis);
            return tx.update(
                    "DELETE FROM inbox WHERE bot_id = ? AND state = ? AND updated_at < ?",
                    botId,
                    InboxEntry.State.DONE.name(),
                    cutoffMillis);
        });
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

    /** A lane with unfinished entries, and the kind of one of them (inline and guest lanes hold only those kinds). */
    record UnfinishedLane(ChatKey chat, InboxEntry.Kind kind) {}

    /** Every lane with unfinished entries, with a kind of each: what a worker that gained chats sorts by owner. */
    List<UnfinishedLane> unfinishedLanes(long botId) {
        return database.inTransaction(tx -> tx.query(
                "SELECT DISTINCT chat_id, thread_id, kind FROM inbox WHERE bot_id = ? AND state <> ?",
                row -> new UnfinishedLane(
                        new ChatKey(botId, new ChatId(row.getLong("chat_id")), row.getLong("thread_id")),
                        InboxEntry.Kind.valueOf(row.getString("kind").toUpperCase(Locale.ROOT))),
                botId,
                InboxEntry.State.DONE.name()));
    }

    /**
     * Lanes with entries stored and not yet started: what a worker's periodic look for waiting chats starts. The state
     * is written into the SQL, not bound, so both databases use the partial index {@code inbox_ready} (V12).
     */
    List<UnfinishedLane> readyLanes(long botId) {
        return database.inTransaction(tx -> tx.query(
                "SELECT DISTINCT chat_id, thread_id, kind FROM inbox WHERE bot_id = ? AND state = 'STORED'",
                row -> new UnfinishedLane(
                        new ChatKey(botId, new ChatId(row.getLong("chat_id")), row.getLong("thread_id")),
                        InboxEntry.Kind.valueOf(row.getString("kind").toUpperCase(Locale.ROOT))),
                botId));
    }

    void markStarted(InboxEntry entry) {
        setState(entry, InboxEntry.State.STARTED);
    }

    /**
     * Records the final text before any of it is sent, so a resumed turn sends the same answer. Only if the question
     * is still the one the answer was written for: returns false when an edit replaced it meanwhile.
     */
    boolean markAnswered(InboxEntry entry, String finalText) {
        return database.inTransaction(tx -> markAnswered(tx, entry, finalText));
    }

    boolean markAnswered(Tx tx, InboxEntry entry, String finalText) {
        return tx.update(
                        "UPDATE inbox SET state = ?, final_text = ?, updated_at = ? WHERE bot_id = ? AND update_id = ?"
                                + " AND payload = ?",
                        InboxEntry.State.ANSWERED.name(),
                        finalText,
                        clock.millis(),
                        entry.chat().botId(),
                        entry.updateId(),
                        entry.payload())
                == 1;
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
                row.optionalString("final_text"),
                row.optionalLong("user_id").orElse(0L),
                row.optionalString("inline_message_id"));
    }

    /** Holds an entry until its user accepts the service consent. */
    void hold(InboxEntry entry) {
        setState(entry, InboxEntry.State.HELD);
    }

    /** The user accepted: their held entries are answered now (the caller signals their lanes). */
    List<ChatKey> release(long botId, long userId) {
        return database.inTransaction(tx -> {
            List<ChatKey> chats = tx.query(
                    "SELECT DISTINCT chat_id, thread_id FROM inbox WHERE bot_id = ? AND user_id = ? AND state = ?",
                    row -> new ChatKey(botId, new ChatId(row.getLong("chat_id")), row.getLong("thread_id")),
                    botId,
                    userId,
                    InboxEntry.State.HELD.name());
            tx.update(
                    "UPDATE inbox SET state = ?, updated_at = ? WHERE bot_id = ? AND user_id = ? AND state = ?",
                    InboxEntry.State.STORED.name(),
                    clock.millis(),
                    botId,
                    userId,
                    InboxEntry.State.HELD.name());
            return chats;
        });
    }

    /** The user declined: what they sent while the assistant waited is deleted, not kept. */
    int dropHeld(long botId, long userId) {
        return database.inTransaction(tx -> tx.update(
                "DELETE FROM inbox WHERE bot_id = ? AND user_id = ? AND state = ?",
                botId,
                userId,
                InboxEntry.State.HELD.name()));
    }

    /** Whether the user already has entries waiting for consent (so the consent question is not asked twice). */
    boolean hasHeld(long botId, long userId) {
        return database.inTransaction(tx -> tx.queryOne(
                        "SELECT 1 AS held FROM inbox WHERE bot_id = ? AND user_id = ? AND state = ? LIMIT 1",
                        row -> true,
                        botId,
                        userId,
                        InboxEntry.State.HELD.name())
                .isPresent());
    }

    /** Records the inline message an answer fills in (a guest answer learns it from answerGuestQuery). */
    void recordInlineMessage(InboxEntry entry, String inlineMessageId) {
        database.useTransaction(tx -> tx.update(
                "UPDATE inbox SET inline_message_id = ?, updated_at = ? WHERE bot_id = ? AND update_id = ?",
                inlineMessageId,
                clock.millis(),
                entry.chat().botId(),
                entry.updateId()));
    }
}

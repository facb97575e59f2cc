package io.grokgram.assistant;

import io.grokgram.privacy.Origin;
import io.grokgram.store.Database;
import io.grokgram.store.Tx;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Conversations and their messages. A chat has one current conversation; {@code /new} starts another. Conversation
 * ids are random UUIDs, so the id providers see as a cache key says nothing about the chat. Owns the {@code
 * conversations} and {@code conversation_messages} tables.
 */
final class Conversations {
    private final Database database;
    private final Clock clock;

    Conversations(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** The chat's current conversation, started if it has none. */
    String current(ChatKey chat) {
        return database.inTransaction(tx -> tx.queryOne(
                        "SELECT conversation_id FROM conversations WHERE bot_id = ? AND chat_id = ? AND thread_id = ?",
                        row -> row.getString("conversation_id"),
                        chat.botId(),
                        chat.chat().value(),
                        chat.threadId())
                .orElseGet(() -> startNew(tx, chat)));
    }

    String startNew(ChatKey chat) {
        return database.inTransaction(tx -> startNew(tx, chat));
    }

    private String startNew(Tx tx, ChatKey chat) {
        String id = UUID.randomUUID().toString();
        tx.update(
                "INSERT INTO conversations (bot_id, chat_id, thread_id, conversation_id, started_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (bot_id, chat_id, thread_id)"
                        + " DO UPDATE SET conversation_id = excluded.conversation_id, started_at = excluded.started_at",
                chat.botId(),
                chat.chat().value(),
                chat.threadId(),
                id,
                clock.millis());
        return id;
    }

    /** The rolling summary of the conversation's older turns, and the last message it covers (0: none yet). */
    record Summary(String text, int upto) {
        static final Summary NONE = new Summary("", 0);
    }

    Summary summary(String conversationId) {
        return database.inTransaction(tx -> tx.queryOne(
                        "SELECT summary, summary_upto FROM conversations WHERE conversation_id = ?",
                        row -> new Summary(row.optionalString("summary").orElse(""), row.getInt("summary_upto")),
                        conversationId)
                .orElse(Summary.NONE));
    }

    void saveSummary(String conversationId, Summary summary) {
        database.useTransaction(tx -> tx.update(
                "UPDATE conversations SET summary = ?, summary_upto = ? WHERE conversation_id = ?",
                summary.text(),
                summary.upto(),
                conversationId));
    }

    List<StoredMessage> messages(String conversationId) {
        return database.inTransaction(tx -> tx.query(
                "SELECT seq, origin, content, tokens FROM conversation_messages WHERE conversation_id = ?"
                        + " ORDER BY seq",
                row -> new StoredMessage(
                        row.getInt("seq"),
                        Origin.valueOf(row.getString("origin")),
                        row.getString("content"),
                        row.getInt("tokens")),
                conversationId));
    }

    /** Appends a message inside the caller's transaction, after the conversation's last one. */
    void append(Tx tx, String conversationId, ChatKey chat, long updateId, Origin origin, String content, int tokens) {
        int seq = tx.queryOne(
                        "SELECT COALESCE(MAX(seq), 0) AS last FROM conversation_messages WHERE conversation_id = ?",
                        row -> row.getInt("last"),
                        conversationId)
                .orElse(0);
        tx.update(
                "INSERT INTO conversation_messages (conversation_id, seq, role, origin, content, tokens, bot_id,"
                        + " update_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                conversationId,
                seq + 1,
                origin == Origin.ASSISTANT ? "assistant" : "user",
                origin.name(),
                content,
                tokens,
                chat.botId(),
                updateId,
                clock.millis());
    }
}

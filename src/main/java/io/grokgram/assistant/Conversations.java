package io.grokgram.assistant;

import io.grokgram.privacy.ContentCipher;
import io.grokgram.privacy.DataSubject;
import io.grokgram.privacy.Origin;
import io.grokgram.store.Database;
import io.grokgram.store.Tx;
import io.grokgram.telegram.ChatId;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Conversations and their messages. A chat (or forum topic) has one current conversation, or one per user where the
 * per-user group setting is on ({@code scopeUser}, 0 = shared); {@code /new} starts another. Conversation ids are
 * random UUIDs, so the id providers see as a cache key says nothing about the chat. Message content is sealed with the
 * key of the user it belongs to when encryption at rest is on. Owns the {@code conversations} and {@code
 * conversation_messages} tables.
 */
final class Conversations {
    private final Database database;
    private final Clock clock;
    private final ContentCipher cipher;

    Conversations(Database database, Clock clock, ContentCipher cipher) {
        this.database = database;
        this.clock = clock;
        this.cipher = cipher;
    }

    /** The current conversation of a chat or topic ({@code scopeUser} 0) or of one user in it, started if none. */
    String current(ChatKey chat, long scopeUser) {
        return database.inTransaction(tx -> tx.queryOne(
                        "SELECT conversation_id FROM conversations WHERE bot_id = ? AND chat_id = ? AND thread_id = ?"
                                + " AND scope_user = ?",
                        row -> row.getString("conversation_id"),
                        chat.botId(),
                        chat.chat().value(),
                        chat.threadId(),
                        scopeUser)
                .orElseGet(() -> startNew(tx, chat, scopeUser)));
    }

    String startNew(ChatKey chat, long scopeUser) {
        return database.inTransaction(tx -> startNew(tx, chat, scopeUser));
    }

    private String startNew(Tx tx, ChatKey chat, long scopeUser) {
        String id = UUID.randomUUID().toString();
        tx.update(
                "INSERT INTO conversations (bot_id, chat_id, thread_id, scope_user, conversation_id, started_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (bot_id, chat_id, thread_id, scope_user)"
                        + " DO UPDATE SET conversation_id = excluded.conversation_id, started_at = excluded.started_at,"
                        + " summary = NULL, summary_upto = 0",
                chat.botId(),
                chat.chat().value(),
                chat.threadId(),
                scopeUser,
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
        return database.inTransaction(tx -> tx
                .query(
                        "SELECT seq, origin, content, tokens, user_id FROM conversation_messages"
                                + " WHERE conversation_id = ? ORDER BY seq",
                        row -> new StoredMessage(
                                row.getInt("seq"),
                                Origin.valueOf(row.getString("origin")),
                                row.getString("content"),
                                row.getInt("tokens"),
                                row.optionalLong("user_id").orElse(0L)),
                        conversationId)
                .stream()
                .map(stored -> stored.userId() > 0
                        ? new StoredMessage(
                                stored.seq(),
                                stored.origin(),
                                cipher.open(tx, new DataSubject(stored.userId()), stored.content()),
                                stored.tokens(),
                                stored.userId())
                        : stored)
                .toList());
    }

    /**
     * Appends a message of {@code user} (the author of a question, or the user an answer was for) inside the caller's
     * transaction, after the conversation's last one.
     */
    void append(
            Tx tx,
            String conversationId,
            ChatKey chat,
            long updateId,
            long user,
            Origin origin,
            String content,
            int tokens) {
        int seq = tx.queryOne(
                        "SELECT COALESCE(MAX(seq), 0) AS last FROM conversation_messages WHERE conversation_id = ?",
                        row -> row.getInt("last"),
                        conversationId)
                .orElse(0);
        tx.update(
                "INSERT INTO conversation_messages (conversation_id, seq, role, origin, content, tokens, bot_id,"
                        + " update_id, created_at, user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                conversationId,
                seq + 1,
                origin == Origin.ASSISTANT ? "assistant" : "user",
                origin.name(),
                user > 0 ? cipher.seal(tx, new DataSubject(user), content) : content,
                tokens,
                chat.botId(),
                updateId,
                clock.millis(),
                user);
    }

    /** A group became a supergroup: its conversations continue under the new id (inside the caller's transaction). */
    void migrate(Tx tx, long botId, ChatId from, ChatId to) {
        tx.update(
                "UPDATE conversations SET chat_id = ? WHERE bot_id = ? AND chat_id = ? AND NOT EXISTS (SELECT 1 FROM"
                        + " conversations c WHERE c.bot_id = conversations.bot_id AND c.chat_id = ? AND c.thread_id ="
                        + " conversations.thread_id AND c.scope_user = conversations.scope_user)",
                to.value(),
                botId,
                from.value(),
                to.value());
    }
}

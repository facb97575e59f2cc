package io.grokgram.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grokgram.privacy.ContentCipher;
import io.grokgram.privacy.DataSubject;
import io.grokgram.privacy.PersonalDataHolder;
import io.grokgram.store.Tx;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the assistant room holds about a person, for {@code /mydata}, {@code /forget} and the retention job: their
 * private conversations, their messages (and the answers to them) in group conversations, pending inbox entries, usage
 * records, whether their chat accepts messages, and the language they chose with {@code /language}. Each room answers for its own tables; this is the assistant's part.
 */
final class AssistantData implements PersonalDataHolder {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final long botId;
    private final ContentCipher cipher;

    AssistantData(long botId, ContentCipher cipher) {
        this.botId = botId;
        this.cipher = cipher;
    }

    @Override
    public String name() {
        return "assistant";
    }

    @Override
    public JsonNode export(Tx tx, DataSubject subject) {
        ObjectNode data = JSON.objectNode();
        ArrayNode conversations = data.putArray("conversations");
        for (String id : conversationsOf(tx, subject)) {
            ObjectNode conversation = conversations.addObject();
            conversation.put("id", id);
            tx.queryOne(
                    "SELECT chat_id, started_at, summary FROM conversations WHERE conversation_id = ?",
                    row -> {
                        boolean own = row.getLong("chat_id") > 0;
                        conversation.put("chat", own ? "private" : "group");
                        conversation.put("started_at", iso(row.getLong("started_at")));
                        // a group's summary retells other people's turns too: only a private one is theirs
                        if (own) {
                            row.optionalString("summary").ifPresent(s -> conversation.put("summary", s));
                        }
                        return true;
                    },
                    id);
            ArrayNode messages = conversation.putArray("messages");
            tx.query(
                    "SELECT seq, role, origin, content, created_at FROM conversation_messages"
                            + " WHERE conversation_id = ? AND user_id = ? ORDER BY seq",
                    row -> messages.addObject()
                            .put("seq", row.getInt("seq"))
                            .put("role", row.getString("role"))
                            .put("origin", row.getString("origin"))
                            .put("content", row.getString("content"))
                            .put("at", iso(row.getLong("created_at"))),
                    id,
                    subject.telegramUserId());
            // opened after the rows are read: opening may read the user's key in this same transaction
            openContents(tx, subject, messages);
        }
        ArrayNode pending = data.putArray("pending_requests");
        tx.query(
                "SELECT update_id, kind, state, received_at FROM inbox WHERE bot_id = ? AND user_id = ?"
                        + " ORDER BY update_id",
                row -> pending.addObject()
                        .put("update_id", row.getLong("update_id"))
                        .put("kind", row.getString("kind").toLowerCase(java.util.Locale.ROOT))
                        .put("state", row.getString("state").toLowerCase(java.util.Locale.ROOT))
                        .put("received_at", iso(row.getLong("received_at"))),
                botId,
                subject.telegramUserId());
        ArrayNode usage = data.putArray("usage");
        tx.query(
                "SELECT purpose, model, prompt_tokens, cached_tokens, completion_tokens, reasoning_tokens,"
                        + " cost_nano_usd, created_at FROM turn_usage WHERE bot_id = ? AND user_id = ?"
                        + " ORDER BY created_at",
                row -> {
                    ObjectNode turn = usage.addObject()
                            .put("purpose", row.getString("purpose"))
                            .put("model", row.getString("model"))
                            .put("prompt_tokens", row.getInt("prompt_tokens"))
                            .put("cached_tokens", row.getInt("cached_tokens"))
                            .put("completion_tokens", row.getInt("completion_tokens"))
                            .put("reasoning_tokens", row.getInt("reasoning_tokens"))
                            .put("at", iso(row.getLong("created_at")));
                    row.optionalLong("cost_nano_usd").ifPresent(cost -> turn.put("cost_nano_usd", cost));
                    return turn;
                },
                botId,
                subject.telegramUserId());
        exportFeedback(tx, subject, data);
        tx.queryOne(
                "SELECT active, reason, updated_at FROM chats WHERE bot_id = ? AND chat_id = ?",
                row -> data.putObject("private_chat")
                        .put("accepts_messages", row.getInt("active") == 1)
                        .put("reason", row.getString("reason"))
                        .put("since", iso(row.getLong("updated_at"))),
                botId,
                subject.telegramUserId());
        tx.queryOne(
                "SELECT language, updated_at FROM language_choices WHERE bot_id = ? AND chat_id = ?",
                row -> data.putObject("language_choice")
                        .put("language", row.getString("language"))
                        .put("since", iso(row.getLong("updated_at"))),
                botId,
                subject.telegramUserId());
        return data;
    }

    @Override
    public Map<String, Integer> erase(Tx tx, DataSubject subject) {
        long user = subject.telegramUserId();
        Map<String, Integer> erased = new LinkedHashMap<>();
        // group conversations keep the other people's turns; a summary may retell this user's words, so it is dropped
        tx.update(
                "UPDATE conversations SET summary = NULL, summary_upto = 0 WHERE conversation_id IN"
                        + " (SELECT DISTINCT conversation_id FROM conversation_messages WHERE user_id = ?)",
                user);
        int messages = tx.update("DELETE FROM conversation_messages WHERE user_id = ?", user);
        List<String> own = tx.query(
                "SELECT conversation_id FROM conversations WHERE bot_id = ? AND (chat_id = ? OR scope_user = ?)",
                row -> row.getString("conversation_id"),
                botId,
                user,
                user);
        for (String id : own) {
            messages += tx.update("DELETE FROM conversation_messages WHERE conversation_id = ?", id);
        }
        erased.put("messages", messages);
        erased.put(
                "conversations",
                tx.update(
                        "DELETE FROM conversations WHERE bot_id = ? AND (chat_id = ? OR scope_user = ?)",
                        botId,
                        user,
                        user));
        tx.update(
                "DELETE FROM reply_parts WHERE bot_id = ? AND update_id IN (SELECT update_id FROM inbox"
                        + " WHERE bot_id = ? AND (user_id = ? OR chat_id = ?))",
                botId,
                botId,
                user,
                user);
        erased.put(
                "pending_requests",
                tx.update("DELETE FROM inbox WHERE bot_id = ? AND (user_id = ? OR chat_id = ?)", botId, user, user));
        erased.put("usage_records", tx.update("DELETE FROM turn_usage WHERE bot_id = ? AND user_id = ?", botId, user));
        erased.put(
                "regenerated_answers",
                tx.update("DELETE FROM turn_answers WHERE bot_id = ? AND user_id = ?", botId, user));
        erased.put(
                "answer_ratings",
                tx.update("DELETE FROM turn_ratings WHERE bot_id = ? AND user_id = ?", botId, user)
                        + tx.update("DELETE FROM turn_choices WHERE bot_id = ? AND user_id = ?", botId, user));
        erased.put("chat_state", tx.update("DELETE FROM chats WHERE bot_id = ? AND chat_id = ?", botId, user));
        // the language chosen with /language for the private chat (a group's choice belongs to the group)
        erased.put(
                "language_choice",
                tx.update("DELETE FROM language_choices WHERE bot_id = ? AND chat_id = ?", botId, user));
        // an update that could not be read is kept raw for the operator; any that names this user goes too
        erased.put(
                "unreadable_updates",
                tx.update(
                        "DELETE FROM failed_intake WHERE bot_id = ? AND payload LIKE ?",
                        botId,
                        "%\"id\":" + user + ",%"));
        return erased;
    }

    @Override
    public int expire(Tx tx, long cutoffMillis) {
        int messages = tx.update("DELETE FROM conversation_messages WHERE created_at < ?", cutoffMillis);
        // the verdicts on answers go with the answers they judge
        messages += tx.update("DELETE FROM turn_answers WHERE created_at < ?", cutoffMillis);
        tx.update("DELETE FROM turn_ratings WHERE updated_at < ?", cutoffMillis);
        tx.update("DELETE FROM turn_choices WHERE updated_at < ?", cutoffMillis);
        // a summary retells the oldest messages; once the first of them expired, the summary goes too (the next turn
        // writes a new one from what is left)
        tx.update("UPDATE conversations SET summary = NULL, summary_upto = 0 WHERE summary IS NOT NULL AND NOT EXISTS"
                + " (SELECT 1 FROM conversation_messages m WHERE m.conversation_id = conversations.conversation_id"
                + " AND m.seq = 1)");
        return messages;
    }

    /**
     * Replaces each row's sealed {@code content} with its text, opened with the user's key. Called after the rows are
     * read: opening may read the key in the same transaction.
     */
    private void openContents(Tx tx, DataSubject subject, ArrayNode rows) {
        rows.forEach(row -> ((ObjectNode) row)
                .put("content", cipher.open(tx, subject, row.path("content").asText())));
    }

    /** The answers the user asked for again, and their thumbs and choices. */
    private void exportFeedback(Tx tx, DataSubject subject, ObjectNode data) {
        ArrayNode regenerated = data.putArray("regenerated_answers");
        tx.query(
                "SELECT update_id, answer_index, content, created_at FROM turn_answers WHERE bot_id = ?"
                        + " AND user_id = ? ORDER BY update_id, answer_index",
                row -> regenerated
                        .addObject()
                        .put("turn", row.getLong("update_id"))
                        .put("answer", row.getInt("answer_index"))
                        .put("content", row.getString("content"))
                        .put("at", iso(row.getLong("created_at"))),
                botId,
                subject.telegramUserId());
        openContents(tx, subject, regenerated);
        ArrayNode ratings = data.putArray("answer_ratings");
        tx.query(
                "SELECT update_id, answer_index, rating FROM turn_ratings WHERE bot_id = ? AND user_id = ?"
                        + " ORDER BY update_id, answer_index",
                row -> ratings.addObject()
                        .put("turn", row.getLong("update_id"))
                        .put("answer", row.getInt("answer_index"))
                        .put("rating", row.getInt("rating") > 0 ? "up" : "down"),
                botId,
                subject.telegramUserId());
        tx.query(
                "SELECT update_id, answer_index FROM turn_choices WHERE bot_id = ? AND user_id = ? ORDER BY update_id",
                row -> ratings.addObject()
                        .put("turn", row.getLong("update_id"))
                        .put("answer", row.getInt("answer_index"))
                        .put("rating", "kept"),
                botId,
                subject.telegramUserId());
    }

    private List<String> conversationsOf(Tx tx, DataSubject subject) {
        long user = subject.telegramUserId();
        return tx.query(
                "SELECT conversation_id FROM conversations WHERE bot_id = ? AND (chat_id = ? OR scope_user = ?)"
                        + " UNION SELECT DISTINCT conversation_id FROM conversation_messages WHERE user_id = ?",
                row -> row.getString("conversation_id"),
                botId,
                user,
                user,
                user);
    }

    private static String iso(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}

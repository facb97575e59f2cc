package io.grokgram.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grokgram.llm.ModelId;
import io.grokgram.store.Database;
import io.grokgram.store.Row;
import io.grokgram.store.Tx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The append-only record of every request to a provider (tables {@code audit_requests} and {@code audit_outcomes}).
 * The gate writes a request's record and commits it before the request leaves, and appends its outcome afterwards as a
 * row of its own: no audit row is ever updated or deleted, erasure included. Rows carry the pseudonym, never a Telegram
 * id and never content, so once erasure deletes the pseudonym's mapping they can no longer be tied to anyone.
 */
public final class AuditLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SELECT =
            "SELECT r.id, r.sent_at, r.pseudonym, r.conversation_id, r.purpose, r.provider,"
                    + " r.model, r.messages, r.withheld, r.payload_sha256, r.payload_bytes, r.redactions,"
                    + " r.retention_statement, r.zero_data_retention, r.policy_version, o.received_at,"
                    + " o.zero_data_retention AS header, o.status, o.detail"
                    + " FROM audit_requests r LEFT JOIN audit_outcomes o ON o.request_id = r.id"
                    + " WHERE r.pseudonym = ? ORDER BY r.sent_at DESC, r.id DESC";

    private final Database database;
    private final Pseudonyms pseudonyms;

    public AuditLog(Database database, Pseudonyms pseudonyms) {
        this.database = Objects.requireNonNull(database, "database");
        this.pseudonyms = Objects.requireNonNull(pseudonyms, "pseudonyms");
    }

    /** The user's latest {@code limit} requests, newest first; empty once their pseudonym is erased. */
    public List<AuditEntry> recent(DataSubject subject, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        return database.inTransaction(tx -> entries(tx, subject, " LIMIT " + limit));
    }

    /**
     * The operator's search: requests sent between {@code from} (inclusive) and {@code to} (exclusive), of one
     * pseudonym when given, newest first, at most {@code limit}. Pseudonyms only: the log holds no Telegram id.
     */
    public List<AuditEntry> search(Optional<String> pseudonym, Instant from, Instant to, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1 to 1000, got " + limit);
        }
        String where = SELECT.replace(
                "WHERE r.pseudonym = ?",
                pseudonym.isPresent()
                        ? "WHERE r.sent_at >= ? AND r.sent_at < ? AND r.pseudonym = ?"
                        : "WHERE r.sent_at >= ? AND r.sent_at < ?");
        Object[] args = pseudonym.isPresent()
                ? new Object[] {from.toEpochMilli(), to.toEpochMilli(), pseudonym.get()}
                : new Object[] {from.toEpochMilli(), to.toEpochMilli()};
        return database.inTransaction(tx -> tx.query(where + " LIMIT " + limit, AuditLog::read, args));
    }

    /** Every request of the user, newest first, for an export. */
    public List<AuditEntry> all(DataSubject subject) {
        return database.inTransaction(tx -> all(tx, subject));
    }

    List<AuditEntry> all(Tx tx, DataSubject subject) {
        return entries(tx, subject, "");
    }

    private List<AuditEntry> entries(Tx tx, DataSubject subject, String limit) {
        Optional<String> pseudonym = pseudonyms.find(tx, Objects.requireNonNull(subject, "subject"));
        if (pseudonym.isEmpty()) {
            return List.of();
        }
        return tx.query(SELECT + limit, AuditLog::read, pseudonym.get());
    }

    /** Writes a request's record in a transaction of its own, committed when this returns. */
    void recordRequest(AuditEntry entry) {
        if (entry.outcome().isPresent()) {
            throw new IllegalArgumentException("a request is recorded before its outcome is known");
        }
        database.useTransaction(tx -> tx.update(
                "INSERT INTO audit_requests (id, sent_at, pseudonym, conversation_id, purpose, provider, model,"
                        + " messages, withheld, payload_sha256, payload_bytes, redactions, retention_statement,"
                        + " zero_data_retention, policy_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                entry.id(),
                entry.sentAt().toEpochMilli(),
                entry.pseudonym(),
                entry.conversationId(),
                entry.purpose().name(),
                entry.provider(),
                entry.model().value(),
                json(messagesJson(entry.messages())),
                json(messagesJson(entry.withheld())),
                entry.payloadSha256(),
                entry.payloadBytes(),
                json(JSON.valueToTree(new TreeMap<>(entry.redactions()))),
                entry.retentionStatement(),
                entry.zeroDataRetention() ? 1 : 0,
                entry.policyVersion()));
    }

    /** Appends how request {@code id} ended; a second outcome for the same request is refused by the primary key. */
    void recordOutcome(String id, AuditOutcome outcome) {
        database.useTransaction(tx -> tx.update(
                "INSERT INTO audit_outcomes (request_id, received_at, zero_data_retention, status, detail)"
                        + " VALUES (?, ?, ?, ?, ?)",
                id,
                outcome.receivedAt().toEpochMilli(),
                outcome.zeroDataRetention().map(String::valueOf).orElse("unknown"),
                outcome.status().name().toLowerCase(Locale.ROOT),
                outcome.detail()));
    }

    /** Writes a search's record, committed when this returns (before the search leaves, for the gate's own). */
    void recordSearch(AuditedSearch search) {
        ArrayNode queries = JSON.createArrayNode();
        search.queries().forEach(queries::add);
        ArrayNode sources = JSON.createArrayNode();
        search.sources().forEach(sources::add);
        database.useTransaction(tx -> tx.update(
                "INSERT INTO audit_searches (id, sent_at, pseudonym, conversation_id, purpose, tool, backend, queries,"
                        + " sources) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                search.id(),
                search.sentAt().toEpochMilli(),
                search.pseudonym(),
                search.conversationId(),
                search.purpose().name(),
                search.tool(),
                search.backend(),
                json(queries),
                json(sources)));
    }

    /** The user's searches, newest first; empty once their pseudonym is erased. */
    public List<AuditedSearch> searches(DataSubject subject) {
        return database.inTransaction(tx -> searches(tx, subject));
    }

    List<AuditedSearch> searches(Tx tx, DataSubject subject) {
        Optional<String> pseudonym = pseudonyms.find(tx, Objects.requireNonNull(subject, "subject"));
        if (pseudonym.isEmpty()) {
            return List.of();
        }
        return tx.query(
                "SELECT id, sent_at, pseudonym, conversation_id, purpose, tool, backend, queries, sources"
                        + " FROM audit_searches WHERE pseudonym = ? ORDER BY sent_at DESC, id DESC",
                row -> new AuditedSearch(
                        row.getString("id"),
                        Instant.ofEpochMilli(row.getLong("sent_at")),
                        row.getString("pseudonym"),
                        row.getString("conversation_id"),
                        Purpose.valueOf(row.getString("purpose")),
                        row.getString("tool"),
                        row.getString("backend"),
                        strings(row.getString("queries")),
                        strings(row.getString("sources"))),
                pseudonym.get());
    }

    /**
     * Empties the query and source texts of the user's searches: a query is the user's own words, so erasure takes it
     * even though the row itself stays, like the request rows, under a pseudonym that nothing links to them any more.
     */
    int forgetSearchTexts(Tx tx, DataSubject subject) {
        Optional<String> pseudonym = pseudonyms.find(tx, Objects.requireNonNull(subject, "subject"));
        if (pseudonym.isEmpty()) {
            return 0;
        }
        return tx.update(
                "UPDATE audit_searches SET queries = '[]', sources = '[]' WHERE pseudonym = ?", pseudonym.get());
    }

    private static List<String> strings(String json) {
        List<String> values = new ArrayList<>();
        parse(json).forEach(node -> values.add(node.asText()));
        return values;
    }

    /** An entry as an export shows it. */
    static ObjectNode toJson(AuditEntry entry) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", entry.id());
        node.put("sent_at", entry.sentAt().toString());
        node.put("pseudonym", entry.pseudonym());
        node.put("conversation_id", entry.conversationId());
        node.put("purpose", entry.purpose().name().toLowerCase(Locale.ROOT));
        node.put("provider", entry.provider());
        node.put("model", entry.model().value());
        node.set("messages", messagesJson(entry.messages()));
        node.set("withheld", messagesJson(entry.withheld()));
        node.put("payload_sha256", entry.payloadSha256());
        node.put("payload_bytes", entry.payloadBytes());
        node.set("redactions", JSON.valueToTree(new TreeMap<>(entry.redactions())));
        node.put("retention_statement", entry.retentionStatement());
        node.put("zero_data_retention_configured", entry.zeroDataRetention());
        node.put("policy_version", entry.policyVersion());
        entry.outcome().ifPresent(outcome -> {
            ObjectNode ended = node.putObject("outcome");
            ended.put("received_at", outcome.receivedAt().toString());
            ended.put(
                    "zero_data_retention_header",
                    outcome.zeroDataRetention().map(String::valueOf).orElse("unknown"));
            ended.put("status", outcome.status().name().toLowerCase(Locale.ROOT));
            ended.put("detail", outcome.detail());
        });
        return node;
    }

    private static ArrayNode messagesJson(List<AuditedMessage> messages) {
        ArrayNode array = JSON.createArrayNode();
        messages.forEach(message -> array.addObject()
                .put("ref", message.ref())
                .put("origin", message.origin().name()));
        return array;
    }

    private static String json(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an audit field could not be written as JSON", e);
        }
    }

    private static AuditEntry read(Row row) {
        Optional<AuditOutcome> outcome = row.optionalString("status")
                .map(status -> new AuditOutcome(
                        Instant.ofEpochMilli(row.getLong("received_at")),
                        switch (row.getString("header")) {
                            case "true" -> Optional.of(Boolean.TRUE);
                            case "false" -> Optional.of(Boolean.FALSE);
                            default -> Optional.empty();
                        },
                        AuditOutcome.Status.valueOf(status.toUpperCase(Locale.ROOT)),
                        row.getString("detail")));
        return new AuditEntry(
                row.getString("id"),
                Instant.ofEpochMilli(row.getLong("sent_at")),
                row.getString("pseudonym"),
                row.getString("conversation_id"),
                Purpose.valueOf(row.getString("purpose")),
                row.getString("provider"),
                new ModelId(row.getString("model")),
                messages(row.getString("messages")),
                messages(row.getString("withheld")),
                row.getString("payload_sha256"),
                row.getLong("payload_bytes"),
                counts(row.getString("redactions")),
                row.getString("retention_statement"),
                row.getInt("zero_data_retention") == 1,
                row.getInt("policy_version"),
                outcome);
    }

    private static List<AuditedMessage> messages(String json) {
        List<AuditedMessage> messages = new ArrayList<>();
        parse(json)
                .forEach(node -> messages.add(new AuditedMessage(
                        node.path("ref").asText(),
                        Origin.valueOf(node.path("origin").asText()))));
        return messages;
    }

    private static Map<String, Integer> counts(String json) {
        Map<String, Integer> counts = new TreeMap<>();
        parse(json)
                .properties()
                .forEach(field -> counts.put(field.getKey(), field.getValue().asInt()));
        return counts;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an audit row holds JSON that does not parse: " + e.getMessage(), e);
        }
    }
}

package io.grokgram.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grokgram.store.Database;
import io.grokgram.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user's rights over their data, across every room that holds some: an export of everything in one JSON document
 * ({@code /mydata}), and erasure of everything in one transaction ({@code /forget}) — all holders or none.
 */
public final class DataRights {
    private static final Logger log = LoggerFactory.getLogger(DataRights.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Database database;
    private final List<PersonalDataHolder> holders;
    private final Clock clock;

    public DataRights(Database database, List<PersonalDataHolder> holders, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.holders = List.copyOf(holders);
        this.clock = Objects.requireNonNull(clock, "clock");
        Set<String> names = new HashSet<>();
        for (PersonalDataHolder holder : this.holders) {
            if (!names.add(holder.name())) {
                throw new IllegalArgumentException("two personal data holders are named " + holder.name());
            }
        }
    }

    /**
     * Everything held about {@code subject}: {@code generated_at}, {@code subject} and one section per holder, read in
     * one transaction so the sections agree with each other. UTF-8 JSON.
     */
    public byte[] exportJson(DataSubject subject) {
        Objects.requireNonNull(subject, "subject");
        ObjectNode document = JSON.createObjectNode();
        document.put("generated_at", Instant.ofEpochMilli(clock.millis()).toString());
        document.putObject("subject").put("telegram_user_id", subject.telegramUserId());
        ObjectNode sections = document.putObject("data");
        database.useTransaction(tx -> {
            holders.forEach(holder -> sections.set(holder.name(), holder.export(tx, subject)));
            logRequest(tx, "export", subject);
        });
        try {
            return JSON.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the export could not be written as JSON", e);
        }
    }

    /** Erases everything every holder keeps about {@code subject}, in one transaction: all of it, or nothing. */
    public ErasureReport erase(DataSubject subject) {
        Objects.requireNonNull(subject, "subject");
        Map<String, Map<String, Integer>> deleted = database.inTransaction(tx -> {
            Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
            // logged first: the pseudonym row is among what the holders erase
            logRequest(tx, "erasure", subject);
            holders.forEach(holder -> counts.put(holder.name(), holder.erase(tx, subject)));
            return counts;
        });
        ErasureReport report = new ErasureReport(subject, Instant.ofEpochMilli(clock.millis()), deleted);
        // no user id in the log: the point of the exercise is that nothing links back to them
        log.info("erased a user's data on request: {} rows ({})", report.total(), deleted);
        return report;
    }

    /**
     * The operator's view of export and erasure requests, newest first: kind, pseudonym (never the Telegram id),
     * status and times. Both run inside the request's own transaction, so a request listed is a request done.
     */
    public List<DataRequest> requests(int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1 to 1000, got " + limit);
        }
        return database.inTransaction(tx -> tx.query(
                "SELECT kind, pseudonym, status, requested_at, finished_at FROM data_requests"
                        + " ORDER BY requested_at DESC, id DESC LIMIT " + limit,
                row -> new DataRequest(
                        row.getString("kind"),
                        row.getString("pseudonym"),
                        row.getString("status"),
                        Instant.ofEpochMilli(row.getLong("requested_at")),
                        row.optionalLong("finished_at").map(Instant::ofEpochMilli))));
    }

    /** One export or erasure request as the operator sees it. */
    public record DataRequest(
            String kind, String pseudonym, String status, Instant requestedAt, java.util.Optional<Instant> finishedAt) {
        public DataRequest {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(pseudonym, "pseudonym");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(requestedAt, "requestedAt");
            Objects.requireNonNull(finishedAt, "finishedAt");
        }
    }

    private void logRequest(Tx tx, String kind, DataSubject subject) {
        String pseudonym = tx.queryOne(
                        "SELECT pseudonym FROM pseudonyms WHERE user_id = ?",
                        row -> row.getString("pseudonym"),
                        subject.telegramUserId())
                .orElse("(none)");
        long now = clock.millis();
        tx.update(
                "INSERT INTO data_requests (id, kind, pseudonym, status, requested_at, finished_at)"
                        + " VALUES (?, ?, ?, 'done', ?, ?)",
                java.util.UUID.randomUUID().toString(),
                kind,
                pseudonym,
                now,
                now);
    }
}

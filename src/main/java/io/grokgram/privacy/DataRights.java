package io.grokgram.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grokgram.store.Database;
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
        database.useTransaction(
                tx -> holders.forEach(holder -> sections.set(holder.name(), holder.export(tx, subject))));
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
            holders.forEach(holder -> counts.put(holder.name(), holder.erase(tx, subject)));
            return counts;
        });
        ErasureReport report = new ErasureReport(subject, Instant.ofEpochMilli(clock.millis()), deleted);
        // no user id in the log: the point of the exercise is that nothing links back to them
        log.info("erased a user's data on request: {} rows ({})", report.total(), deleted);
        return report;
    }
}

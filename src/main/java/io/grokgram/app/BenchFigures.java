package io.grokgram.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grokgram.store.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Joins the measured turns with the store's record of each (provider time, tokens) into a {@link BenchReport}. */
final class BenchFigures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchFigures() {}

    /** What the store recorded of one turn. */
    record Recorded(long promptTokens, long cachedTokens, long providerMillis) {}

    /** Every answered turn in the store, by the bench tag in its question. */
    static Map<String, Recorded> usage(Database store) {
        Map<String, Recorded> recorded = new HashMap<>();
        store.useTransaction(tx -> tx.query(
                        "SELECT i.payload, u.prompt_tokens, u.cached_tokens, u.provider_ms FROM turn_usage u"
                                + " JOIN inbox i ON i.bot_id = u.bot_id AND i.update_id = u.update_id",
                        row -> Map.entry(
                                text(row.getString("payload")),
                                new Recorded(
                                        row.getLong("prompt_tokens"),
                                        row.getLong("cached_tokens"),
                                        row.getLong("provider_ms"))))
                .forEach(entry ->
                        GatewayBenchmark.tagIn(entry.getKey()).ifPresent(tag -> recorded.put(tag, entry.getValue()))));
        return recorded;
    }

    /**
     * The provider time is the store's, in whole milliseconds (cut, not rounded), so the overhead carries up to 1 ms
     * too much; the end-to-end time comes from the emulator's microsecond timestamps. The extra time to first visible
     * text counts from the provider's first token, taken as the moment the request reached the provider plus the
     * profile's first-token delay (the provider waits exactly that before its first content chunk).
     */
    static BenchReport report(
            BenchReport.Setup setup,
            List<GatewayBenchmark.Turn> turns,
            Duration wall,
            Map<String, Recorded> usage,
            Function<String, Optional<Instant>> providerArrival,
            Map<String, Long> telegramCalls,
            int tooManyRequests,
            BenchMeters.Outbound outbound,
            long cpuNanos,
            long jitNanos) {
        List<Long> endToEnd = new ArrayList<>();
        List<Long> provider = new ArrayList<>();
        List<Long> overhead = new ArrayList<>();
        List<Long> extra = new ArrayList<>();
        long prompt = 0;
        long cached = 0;
        Duration firstToken = setup.profile().pace().firstTokenDelay();
        for (GatewayBenchmark.Turn turn : turns) {
            Recorded recorded = usage.get(turn.tag());
            if (recorded == null) {
                throw new IllegalStateException("the store has no usage record for '" + turn.tag() + "'");
            }
            long micros = Duration.between(turn.asked(), turn.answered()).toNanos() / 1000;
            endToEnd.add(micros);
            provider.add(recorded.providerMillis() * 1000);
            overhead.add(micros - recorded.providerMillis() * 1000);
            prompt += recorded.promptTokens();
            cached += recorded.cachedTokens();
            providerArrival
                    .apply(turn.tag())
                    .ifPresent(arrival -> extra.add(Duration.between(arrival.plus(firstToken), turn.firstVisible())
                                    .toNanos()
                            / 1000));
        }
        return new BenchReport(
                setup,
                turns.size(),
                wall.toNanos() / 1e9,
                Distribution.of(endToEnd),
                Distribution.of(provider),
                Distribution.of(overhead),
                extra.isEmpty() ? Optional.empty() : Optional.of(Distribution.of(extra)),
                telegramCalls,
                tooManyRequests,
                outbound,
                prompt / (double) turns.size(),
                prompt == 0 ? 0 : cached / (double) prompt,
                BenchMeters.heapAfterGc(),
                BenchMeters.procStatus("VmRSS"),
                BenchMeters.procStatus("VmHWM"),
                cpuNanos / 1e6 / turns.size(),
                jitNanos / 1e6 / turns.size(),
                Optional.empty());
    }

    private static String text(String payload) {
        try {
            JsonNode update = JSON.readTree(payload);
            return update.path("message").path("text").asText("");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an inbox payload is not JSON: " + e.getMessage(), e);
        }
    }
}

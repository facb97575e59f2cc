package io.grokgram.assistant;

import io.grokgram.store.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * The operator's overview of answered turns, read from the assistant's own {@code turn_usage}: turns and active users
 * per hour and per day, latency percentiles (whole turn, the provider's first token, and the first text the user saw), tokens and cost per model,
 * and the share of prompt tokens served from the provider's cache. Counts and figures only; no user ids leave it.
 */
public final class TurnStatistics {
    /** A figure per period is computed from at most this many turns, newest first: the console stays fast. */
    private static final int MAX_ROWS = 200_000;

    private final Database database;
    private final long botId;

    public TurnStatistics(Database database, long botId) {
        this.database = Objects.requireNonNull(database, "database");
        this.botId = botId;
    }

    /**
     * One hour or day. Latencies in milliseconds, 0 when the period had no turn: the whole turn, the provider's first
     * token, and the first text the user saw (a draft or preview, else the answer), all from the turn's start.
     */
    public record Period(
            Instant start,
            long turns,
            long activeUsers,
            long p50TurnMs,
            long p99TurnMs,
            long p50FirstTokenMs,
            long p50FirstVisibleMs,
            long p99FirstVisibleMs) {}

    /** Tokens and cost of one model; {@code costNanoUsd} leaves out turns of a model without a configured price. */
    public record ModelFigures(
            String model, long turns, long promptTokens, long cachedTokens, long completionTokens, long costNanoUsd) {}

    /** Everything between {@code from} and {@code to}. */
    public record Overview(
            Instant from,
            Instant to,
            long turns,
            long activeUsers,
            long p50TurnMs,
            long p99TurnMs,
            long p50FirstTokenMs,
            long p99FirstTokenMs,
            long p50FirstVisibleMs,
            long p99FirstVisibleMs,
            double cacheShare,
            List<Period> hours,
            List<Period> days,
            List<ModelFigures> models) {
        public Overview {
            hours = List.copyOf(hours);
            days = List.copyOf(days);
            models = List.copyOf(models);
        }
    }

    private record Turn(
            long at,
            long user,
            String model,
            long prompt,
            long cached,
            long completion,
            long cost,
            long firstTokenMs,
            long turnMs,
            OptionalLong firstVisibleMs) {}

    /**
     * A group the assistant is in, as its admins set it up: whether it answers there, whether only admins may ask,
     * whether the bot is still a member, and how many requests it received in the inbox (which keeps about a week).
     */
    public record GroupFigures(long chatId, boolean enabled, boolean adminsOnly, boolean active, long requests) {}

    /** Groups with settings or recent requests, most requests first, at most {@code limit}. */
    public List<GroupFigures> groups(int limit) {
        return database.inTransaction(tx -> {
            List<Long> chats = tx.query(
                    "SELECT chat_id FROM group_settings WHERE bot_id = ? UNION SELECT DISTINCT chat_id FROM inbox"
                            + " WHERE bot_id = ? AND chat_id < 0",
                    row -> row.getLong("chat_id"),
                    botId,
                    botId);
            List<GroupFigures> groups = new ArrayList<>();
            for (long chat : chats) {
                long requests = tx.queryOne(
                                "SELECT COUNT(*) AS n FROM inbox WHERE bot_id = ? AND chat_id = ?",
                                row -> row.getLong("n"),
                                botId,
                                chat)
                        .orElse(0L);
                boolean[] settings = tx.queryOne(
                                "SELECT enabled, admins_only FROM group_settings WHERE bot_id = ? AND chat_id = ?",
                                row -> new boolean[] {row.getInt("enabled") == 1, row.getInt("admins_only") == 1},
                                botId,
                                chat)
                        .orElse(new boolean[] {true, false});
                boolean active = tx.queryOne(
                                "SELECT active FROM chats WHERE bot_id = ? AND chat_id = ?",
                                row -> row.getInt("active") == 1,
                                botId,
                                chat)
                        .orElse(true);
                groups.add(new GroupFigures(chat, settings[0], settings[1], active, requests));
            }
            groups.sort(
                    java.util.Comparator.comparingLong(GroupFigures::requests).reversed());
            return groups.subList(0, Math.min(limit, groups.size()));
        });
    }

    /** The turns answered from {@code from} (inclusive) to {@code to} (exclusive), every hour and day listed. */
    public Overview overview(Instant from, Instant to) {
        List<Turn> turns = database.inTransaction(tx -> tx.query(
                "SELECT created_at, user_id, model, prompt_tokens, cached_tokens, completion_tokens, cost_nano_usd,"
                        + " first_token_ms, turn_ms, first_visible_ms FROM turn_usage WHERE bot_id = ? AND created_at >= ?"
                        + " AND created_at < ? ORDER BY created_at DESC LIMIT " + MAX_ROWS,
                row -> new Turn(
                        row.getLong("created_at"),
                        row.optionalLong("user_id").orElse(0L),
                        row.getString("model"),
                        row.getLong("prompt_tokens"),
                        row.getLong("cached_tokens"),
                        row.getLong("completion_tokens"),
                        row.optionalLong("cost_nano_usd").orElse(0L),
                        row.getLong("first_token_ms"),
                        row.getLong("turn_ms"),
                        row.optionalLong("first_visible_ms")
                                .map(OptionalLong::of)
                                .orElse(OptionalLong.empty())),
                botId,
                from.toEpochMilli(),
                to.toEpochMilli()));
        Map<String, ModelFigures> models = new TreeMap<>();
        long prompt = 0;
        long cached = 0;
        for (Turn turn : turns) {
            prompt += turn.prompt();
            cached += turn.cached();
            models.merge(
                    turn.model(),
                    new ModelFigures(turn.model(), 1, turn.prompt(), turn.cached(), turn.completion(), turn.cost()),
                    (a, b) -> new ModelFigures(
                            a.model(),
                            a.turns() + b.turns(),
                            a.promptTokens() + b.promptTokens(),
                            a.cachedTokens() + b.cachedTokens(),
                            a.completionTokens() + b.completionTokens(),
                            a.costNanoUsd() + b.costNanoUsd()));
        }
        return new Overview(
                from,
                to,
                turns.size(),
                users(turns),
                percentile(turns, Turn::turnMs, 50),
                percentile(turns, Turn::turnMs, 99),
                percentile(turns, Turn::firstTokenMs, 50),
                percentile(turns, Turn::firstTokenMs, 99),
                visiblePercentile(turns, 50),
                visiblePercentile(turns, 99),
                prompt == 0 ? 0 : (double) cached / prompt,
                periods(turns, from, to, Duration.ofHours(1)),
                periods(turns, from, to, Duration.ofDays(1)),
                new ArrayList<>(models.values()));
    }

    private static List<Period> periods(List<Turn> turns, Instant from, Instant to, Duration length) {
        long step = length.toMillis();
        long first = Math.floorDiv(from.toEpochMilli(), step) * step;
        List<Period> periods = new ArrayList<>();
        for (long start = first; start < to.toEpochMilli(); start += step) {
            long begin = start;
            List<Turn> in = turns.stream()
                    .filter(t -> t.at() >= begin && t.at() < begin + step)
                    .toList();
            periods.add(new Period(
                    Instant.ofEpochMilli(start),
                    in.size(),
                    users(in),
                    percentile(in, Turn::turnMs, 50),
                    percentile(in, Turn::turnMs, 99),
                    percentile(in, Turn::firstTokenMs, 50),
                    visiblePercentile(in, 50),
                    visiblePercentile(in, 99)));
        }
        return periods;
    }

    private static long users(List<Turn> turns) {
        Set<Long> users = new HashSet<>();
        turns.stream().filter(t -> t.user() != 0).forEach(t -> users.add(t.user()));
        return users.size();
    }

    /** Of the turns that recorded it (not inline answers, nor turns from before it was recorded). */
    private static long visiblePercentile(List<Turn> turns, int percent) {
        return percentile(
                turns.stream().filter(t -> t.firstVisibleMs().isPresent()).toList(),
                t -> t.firstVisibleMs().getAsLong(),
                percent);
    }

    /** Nearest-rank percentile; 0 for no turns. */
    private static long percentile(List<Turn> turns, java.util.function.ToLongFunction<Turn> figure, int percent) {
        if (turns.isEmpty()) {
            return 0;
        }
        long[] values = turns.stream().mapToLong(figure).sorted().toArray();
        int rank = (int) Math.ceil(percent / 100.0 * values.length);
        return values[Math.max(0, rank - 1)];
    }
}

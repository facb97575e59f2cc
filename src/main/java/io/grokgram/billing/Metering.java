package io.grokgram.billing;

import io.grokgram.store.Tx;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Usage per user, plan, UTC day and purpose, added up turn by turn with one upsert (concurrent turns add, never
 * overwrite). Output is {@code completion + reasoning} tokens, both kept: on xAI reasoning tokens are billed at the
 * output rate and are not part of {@code completion_tokens}. A turn whose model has no configured price counts as
 * {@code unpriced}, so a report can say its cost is a lower bound.
 */
final class Metering {
    /** Where the usage of users who erased their data goes: no Telegram user has id 0. */
    static final long DETACHED = 0;

    /** A month's usage of one plan. */
    record PlanUsage(
            String planId,
            long users,
            long turns,
            long promptTokens,
            long cachedTokens,
            long completionTokens,
            long reasoningTokens,
            long costNanoUsd,
            long unpricedTurns) {}

    /**
     * One turn's usage as the provider reported it. Output is {@code completionTokens + reasoningTokens}; an empty cost
     * means the model has no configured price.
     */
    record Turn(
            long userId,
            String planId,
            String purpose,
            long promptTokens,
            long cachedTokens,
            long completionTokens,
            long reasoningTokens,
            Optional<Long> costNanoUsd) {
        Turn {
            Objects.requireNonNull(planId, "planId");
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(costNanoUsd, "costNanoUsd");
            if (userId < 0 || promptTokens < 0 || cachedTokens < 0 || completionTokens < 0 || reasoningTokens < 0) {
                throw new IllegalArgumentException("user id and token counts must not be negative");
            }
            if (cachedTokens > promptTokens) {
                throw new IllegalArgumentException(
                        "cached tokens (" + cachedTokens + ") exceed prompt tokens (" + promptTokens + ")");
            }
            if (costNanoUsd.orElse(0L) < 0) {
                throw new IllegalArgumentException("a cost is not negative: " + costNanoUsd.orElseThrow());
            }
        }
    }

    /**
     * How a row that is already there takes more usage: every figure adds up. Shared by a turn landing on its day and
     * an erased user's usage landing on the detached row, so the two can never add differently.
     */
    private static final String ADD_TO_EXISTING_ROW = " ON CONFLICT (user_id, plan_id, day, purpose) DO UPDATE SET"
            + " turns = usage_meter.turns + excluded.turns,"
            + " prompt_tokens = usage_meter.prompt_tokens + excluded.prompt_tokens,"
            + " cached_tokens = usage_meter.cached_tokens + excluded.cached_tokens,"
            + " completion_tokens = usage_meter.completion_tokens + excluded.completion_tokens,"
            + " reasoning_tokens = usage_meter.reasoning_tokens + excluded.reasoning_tokens,"
            + " cost_nano_usd = usage_meter.cost_nano_usd + excluded.cost_nano_usd,"
            + " unpriced_turns = usage_meter.unpriced_turns + excluded.unpriced_turns";

    private final SpendCap spendCap;

    Metering(SpendCap spendCap) {
        this.spendCap = Objects.requireNonNull(spendCap, "spendCap");
    }

    void record(Tx tx, Turn turn, Instant at) {
        long cost = turn.costNanoUsd().orElse(0L);
        tx.update(
                "INSERT INTO usage_meter (user_id, plan_id, day, purpose, turns, prompt_tokens, cached_tokens,"
                        + " completion_tokens, reasoning_tokens, cost_nano_usd, unpriced_turns)"
                        + " VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)"
                        + ADD_TO_EXISTING_ROW,
                turn.userId(),
                turn.planId(),
                UtcCalendar.day(at),
                turn.purpose(),
                turn.promptTokens(),
                turn.cachedTokens(),
                turn.completionTokens(),
                turn.reasoningTokens(),
                cost,
                turn.costNanoUsd().isPresent() ? 0 : 1);
        if (cost > 0) {
            spendCap.add(tx, at, cost);
        }
    }

    /** A month's usage per plan, in plan id order; users counts the people still on record (not erased ones). */
    static List<PlanUsage> month(Tx tx, YearMonth month) {
        return tx.query(
                "SELECT plan_id, COUNT(DISTINCT CASE WHEN user_id <> 0 THEN user_id END) AS users,"
                        + " SUM(turns) AS turns, SUM(prompt_tokens) AS prompt_tokens,"
                        + " SUM(cached_tokens) AS cached_tokens, SUM(completion_tokens) AS completion_tokens,"
                        + " SUM(reasoning_tokens) AS reasoning_tokens, SUM(cost_nano_usd) AS cost_nano_usd,"
                        + " SUM(unpriced_turns) AS unpriced_turns FROM usage_meter WHERE day >= ? AND day < ?"
                        + " GROUP BY plan_id ORDER BY plan_id",
                row -> new PlanUsage(
                        row.getString("plan_id"),
                        row.getLong("users"),
                        row.getLong("turns"),
                        row.getLong("prompt_tokens"),
                        row.getLong("cached_tokens"),
                        row.getLong("completion_tokens"),
                        row.getLong("reasoning_tokens"),
                        row.getLong("cost_nano_usd"),
                        row.getLong("unpriced_turns")),
                UtcCalendar.firstDay(month),
                UtcCalendar.endDay(month));
    }

    /** Moves a user's usage to the detached row of the same plan, day and purpose, so totals survive erasure. */
    static int detach(Tx tx, long userId) {
        tx.update(
                "INSERT INTO usage_meter (user_id, plan_id, day, purpose, turns, prompt_tokens, cached_tokens,"
                        + " completion_tokens, reasoning_tokens, cost_nano_usd, unpriced_turns)"
                        + " SELECT 0, plan_id, day, purpose, turns, prompt_tokens, cached_tokens, completion_tokens,"
                        + " reasoning_tokens, cost_nano_usd, unpriced_turns FROM usage_meter WHERE user_id = ?"
                        + ADD_TO_EXISTING_ROW,
                userId);
        return tx.update("DELETE FROM usage_meter WHERE user_id = ?", userId);
    }
}

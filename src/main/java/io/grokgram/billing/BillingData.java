package io.grokgram.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grokgram.privacy.DataSubject;
import io.grokgram.privacy.PersonalDataHolder;
import io.grokgram.store.Tx;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What billing holds about a person, for {@code /mydata} and {@code /forget}: their plan, subscription, extra turns,
 * payments, quota use and metered usage. Erasure deletes quota and subscription state and detaches the rest: payments
 * stay (tax and consumer law require them) with the user id removed — their payload never held the user part — and
 * metered usage moves to the anonymous row, so the ledger, the settlement and the spend cap are unchanged.
 */
final class BillingData implements PersonalDataHolder {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Plans plans;
    private final Subscriptions subscriptions;
    private final Quotas quotas;
    private final Supplier<Instant> now;

    BillingData(Plans plans, Subscriptions subscriptions, Quotas quotas, Supplier<Instant> now) {
        this.plans = Objects.requireNonNull(plans, "plans");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.quotas = Objects.requireNonNull(quotas, "quotas");
        this.now = Objects.requireNonNull(now, "now");
    }

    @Override
    public String name() {
        return "billing";
    }

    @Override
    public JsonNode export(Tx tx, DataSubject subject) {
        long user = subject.telegramUserId();
        ObjectNode data = JSON.objectNode();
        var subscription = subscriptions.find(tx, user);
        Instant at = now.get();
        data.put(
                "plan",
                subscription.filter(s -> s.activeAt(at)).isPresent()
                        ? plans.premium().id()
                        : plans.free().id());
        subscription.ifPresent(s -> data.putObject("subscription")
                .put("plan", s.planId())
                .put("started_at", iso(s.startedAt()))
                .put("paid_until", iso(s.expiresAt()))
                .put("auto_renew", s.autoRenew()));
        data.put("extra_turns", quotas.extraTurns(tx, user));
        ArrayNode payments = data.putArray("payments");
        tx.query(
                "SELECT p.charge_id, p.kind, p.item_id, p.currency, p.total_amount, p.paid_at, p.period_end,"
                        + " r.refunded_at FROM payments p LEFT JOIN refunds r ON r.charge_id = p.charge_id"
                        + " WHERE p.user_id = ? ORDER BY p.paid_at, p.charge_id",
                row -> {
                    ObjectNode payment = payments.addObject()
                            .put("charge_id", row.getString("charge_id"))
                            .put("kind", row.getString("kind"))
                            .put("item", row.getString("item_id"))
                            .put("currency", row.getString("currency"))
                            .put("amount", row.getLong("total_amount"))
                            .put("paid_at", iso(row.getLong("paid_at")));
                    row.optionalLong("period_end").ifPresent(end -> payment.put("paid_until", iso(end)));
                    row.optionalLong("refunded_at").ifPresent(refunded -> payment.put("refunded_at", iso(refunded)));
                    return payment;
                },
                user);
        ArrayNode quota = data.putArray("daily_turns");
        tx.query(
                "SELECT day, used FROM quota_usage WHERE user_id = ? ORDER BY day",
                row -> quota.addObject()
                        .put("day", UtcCalendar.date(row.getLong("day")).toString())
                        .put("turns", row.getInt("used")),
                user);
        ArrayNode usage = data.putArray("usage");
        tx.query(
                "SELECT day, plan_id, purpose, turns, prompt_tokens, cached_tokens, completion_tokens,"
                        + " reasoning_tokens, cost_nano_usd FROM usage_meter WHERE user_id = ?"
                        + " ORDER BY day, plan_id, purpose",
                row -> usage.addObject()
                        .put("day", UtcCalendar.date(row.getLong("day")).toString())
                        .put("plan", row.getString("plan_id"))
                        .put("purpose", row.getString("purpose"))
                        .put("turns", row.getLong("turns"))
                        .put("prompt_tokens", row.getLong("prompt_tokens"))
                        .put("cached_tokens", row.getLong("cached_tokens"))
                        .put("completion_tokens", row.getLong("completion_tokens"))
                        .put("reasoning_tokens", row.getLong("reasoning_tokens"))
                        .put("cost_nano_usd", row.getLong("cost_nano_usd")),
                user);
        return data;
    }

    @Override
    public Map<String, Integer> erase(Tx tx, DataSubject subject) {
        long user = subject.telegramUserId();
        Map<String, Integer> erased = new LinkedHashMap<>();
        erased.put("quota_usage", tx.update("DELETE FROM quota_usage WHERE user_id = ?", user));
        erased.put("quota_reservations", tx.update("DELETE FROM quota_reservations WHERE user_id = ?", user));
        erased.put("extra_turns", tx.update("DELETE FROM extra_turns WHERE user_id = ?", user));
        erased.put("subscriptions", tx.update("DELETE FROM subscriptions WHERE user_id = ?", user));
        erased.put("usage_records", Metering.detach(tx, user));
        // kept for the law, but nothing in them points back to the person any more
        erased.put("payments_detached", tx.update("UPDATE payments SET user_id = NULL WHERE user_id = ?", user));
        return erased;
    }

    private static String iso(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}

package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One bot's pending updates, with Telegram's rules (Client.cpp {@code do_get_updates}, TQueue): ids increase by one;
 * a getUpdates offset confirms (deletes) everything below it; a negative offset keeps only the last |offset| updates;
 * an offset far beyond the newest id is ignored; updates of a type not allowed at the moment they arise are dropped
 * (so changing allowed_updates never filters what is already queued); updates older than 24 hours expire.
 *
 * <p>Guarded by the bot's lock. Long polling drains it through {@link #take}; webhook delivery through {@link #head}
 * and {@link #remove}, one update at a time, confirmed only by the webhook's answer. Besides normal updates it holds
 * "once" entries — a redelivered duplicate or a raw injected update that carries its own id — which go out next
 * whatever the offset, ahead of the rest, and are then gone.
 */
final class UpdateQueue {
    /** Telegram's default: everything except chat_member, message_reaction and message_reaction_count. */
    static final Set<String> TYPES = Set.of(
            "message",
            "edited_message",
            "channel_post",
            "edited_channel_post",
            "business_connection",
            "business_message",
            "edited_business_message",
            "deleted_business_messages",
            "message_reaction",
            "message_reaction_count",
            "inline_query",
            "chosen_inline_result",
            "callback_query",
            "shipping_query",
            "pre_checkout_query",
            "purchased_paid_media",
            "poll",
            "poll_answer",
            "my_chat_member",
            "chat_member",
            "chat_join_request",
            "chat_boost",
            "removed_chat_boost",
            "managed_bot",
            "guest_message",
            "stopped_message_generation",
            "subscription");

    private static final Set<String> OPT_IN = Set.of("chat_member", "message_reaction", "message_reaction_count");
    private static final long MAX_AGE_MILLIS = 24L * 60 * 60 * 1000;

    record Pending(long id, String json, boolean once, long createdAtMillis) {}

    private final List<Pending> pending = new ArrayList<>();
    private final Map<Long, String> history = new HashMap<>();
    private long nextId;
    private Optional<Set<String>> allowed = Optional.empty();

    UpdateQueue(long firstId) {
        this.nextId = firstId;
    }

    /** The id given to the newest update, or one less than the first id if there is none yet. */
    long lastId() {
        return nextId - 1;
    }

    /** Queues an update of {@code type}; empty if the type is not allowed right now. */
    Optional<Long> add(String type, JsonNode payload, long nowMillis) {
        if (!isAllowed(type)) {
            return Optional.empty();
        }
        long id = nextId++;
        ObjectNode update = Json.object();
        update.put("update_id", id);
        update.set(type, payload);
        String json = Json.write(update);
        pending.add(new Pending(id, json, false, nowMillis));
        history.put(id, json);
        return Optional.of(id);
    }

    /**
     * Queues text exactly as given. A JSON object without update_id gets the next id (first field, as Telegram writes
     * it); one with an id, or text that is not a JSON object, is delivered once and verbatim.
     */
    long addRaw(String raw, long nowMillis) {
        JsonNode parsed = Json.parseOrNull(raw);
        if (parsed != null && parsed.isObject() && !parsed.has("update_id")) {
            long id = nextId++;
            ObjectNode update = Json.object();
            update.put("update_id", id);
            update.setAll((ObjectNode) parsed);
            String json = Json.write(update);
            pending.add(new Pending(id, json, false, nowMillis));
            history.put(id, json);
            return id;
        }
        long id = parsed != null && parsed.path("update_id").canConvertToLong()
                ? parsed.get("update_id").asLong()
                : -1;
        pending.addFirst(new Pending(id, raw, true, nowMillis));
        return id;
    }

    /** Puts an update that was already delivered (and maybe confirmed) back in front, with its original id. */
    void redeliver(long updateId, long nowMillis) {
        String json = history.get(updateId);
        if (json == null) {
            throw new IllegalArgumentException("update " + updateId + " was never created");
        }
        pending.addFirst(new Pending(updateId, json, true, nowMillis));
    }

    /** Confirms by offset as getUpdates does, then returns up to {@code limit} updates (removing the "once" ones). */
    List<Pending> take(long offset, int limit, long nowMillis) {
        expire(nowMillis);
        if (offset < 0) {
            long keep = -offset;
            List<Pending> normal = pending.stream().filter(p -> !p.once()).toList();
            for (int i = 0; i < normal.size() - keep; i++) {
                pending.remove(normal.get(i));
            }
        } else if (offset > 0 && offset <= nextId + 10) {
            pending.removeIf(p -> !p.once() && p.id() < offset);
        }
        List<Pending> result = new ArrayList<>();
        for (Pending p : pending) {
            if (result.size() == limit) {
                break;
            }
            result.add(p);
        }
        pending.removeIf(p -> p.once() && result.contains(p));
        return result;
    }

    /** The update a webhook gets next; it stays queued until {@link #remove} confirms or drops it. */
    Optional<Pending> head(long nowMillis) {
        expire(nowMillis);
        return pending.isEmpty() ? Optional.empty() : Optional.of(pending.getFirst());
    }

    /** Takes a delivered (or given up) update out; false when it is gone already, e.g. dropped by setWebhook. */
    boolean remove(Pending update) {
        return pending.remove(update);
    }

    boolean contains(Pending update) {
        return pending.contains(update);
    }

    private void expire(long nowMillis) {
        pending.removeIf(p -> !p.once() && p.createdAtMillis() < nowMillis - MAX_AGE_MILLIS);
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    int size() {
        return pending.size();
    }

    void clear() {
        pending.clear();
    }

    /**
     * Applies an {@code allowed_updates} parameter with Telegram's semantics: empty or unparsable = keep the current
     * setting; an array naming no known type (including []) = the default; otherwise exactly the named types.
     */
    void allow(String allowedUpdates) {
        if (allowedUpdates.isEmpty()) {
            return;
        }
        JsonNode value = Json.parseOrNull(allowedUpdates);
        if (value == null || !value.isArray()) {
            return;
        }
        Set<String> types = new LinkedHashSet<>();
        for (JsonNode name : value) {
            if (!name.isTextual()) {
                return;
            }
            String type = name.textValue().toLowerCase(Locale.ROOT);
            if (TYPES.contains(type)) {
                types.add(type);
            }
        }
        allowed = types.isEmpty() ? Optional.empty() : Optional.of(Set.copyOf(types));
    }

    /** The explicit setting for getWebhookInfo, empty while the default applies. */
    Optional<Collection<String>> allowedTypes() {
        return allowed.map(List::copyOf);
    }

    private boolean isAllowed(String type) {
        return allowed.map(types -> types.contains(type)).orElse(!OPT_IN.contains(type));
    }
}

package io.grokgram.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Reads the inline-mode updates, {@code inline_query} and {@code chosen_inline_result}, for {@link UpdateParser}.
 * Like it, never throws: a missing id or sender becomes {@link InboundUpdate.Malformed} with the field named.
 */
final class InlineUpdates {
    private InlineUpdates() {}

    static InboundUpdate query(long updateId, JsonNode query) {
        Optional<String> id = id(query, "id");
        Optional<InboundUpdate.Sender> from = sender(query.path("from"));
        if (id.isEmpty() || from.isEmpty() || !query.path("query").isTextual()) {
            return new InboundUpdate.Malformed(updateId, "inline_query without id, from.id or query");
        }
        return new InboundUpdate.InlineQuery(
                updateId, id.get(), from.get(), query.get("query").asText(), nonEmptyText(query, "chat_type"));
    }

    static InboundUpdate chosen(long updateId, JsonNode chosen) {
        Optional<String> resultId = nonEmptyText(chosen, "result_id");
        Optional<InboundUpdate.Sender> from = sender(chosen.path("from"));
        if (resultId.isEmpty() || from.isEmpty() || !chosen.path("query").isTextual()) {
            return new InboundUpdate.Malformed(updateId, "chosen_inline_result without result_id, from.id or query");
        }
        return new InboundUpdate.ChosenInlineResult(
                updateId,
                resultId.get(),
                from.get(),
                nonEmptyText(chosen, "inline_message_id"),
                chosen.get("query").asText());
    }

    /** Telegram writes 64-bit query ids as strings; a number is accepted too, as the Bot API server's JSON allows. */
    static Optional<String> id(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value != null && value.isIntegralNumber()) {
            return Optional.of(value.asText());
        }
        return nonEmptyText(node, field);
    }

    private static Optional<InboundUpdate.Sender> sender(JsonNode from) {
        if (!from.path("id").canConvertToLong() || from.path("id").asLong() <= 0) {
            return Optional.empty();
        }
        return Optional.of(new InboundUpdate.Sender(
                new UserId(from.get("id").asLong()),
                from.path("is_bot").asBoolean(false),
                from.path("first_name").asText(""),
                nonEmptyText(from, "username"),
                nonEmptyText(from, "language_code")));
    }

    private static Optional<String> nonEmptyText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isEmpty()
                ? Optional.of(value.asText())
                : Optional.empty();
    }
}

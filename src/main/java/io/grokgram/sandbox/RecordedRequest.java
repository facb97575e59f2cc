package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request the test provider received, for tests to inspect. The API key is never kept: only whether an {@code
 * Authorization} header came, and the other headers (names in lower case).
 *
 * @param body the parsed JSON body, or a missing node when there was none or it did not parse
 * @param conversationKey the prompt-cache key: header {@code x-grok-conv-id}, else body {@code prompt_cache_key}, else
 *     body {@code user}
 * @param rawBody the body exactly as it arrived (UTF-8), for tests that scan everything a provider saw
 */
public record RecordedRequest(
        Instant at,
        String method,
        String path,
        Optional<String> model,
        JsonNode body,
        Optional<String> conversationKey,
        boolean authorizationPresent,
        Map<String, List<String>> headers,
        String rawBody) {

    public RecordedRequest {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(conversationKey, "conversationKey");
        headers = Map.copyOf(headers);
        if (headers.containsKey("authorization")) {
            throw new IllegalArgumentException("a recorded request must not keep the Authorization header");
        }
        Objects.requireNonNull(rawBody, "rawBody");
    }

    /** The body's {@code user} field: who the client says the request is for (abuse monitoring). */
    public Optional<String> user() {
        JsonNode user = body.path("user");
        return user.isTextual() ? Optional.of(user.asText()) : Optional.empty();
    }

    /** The body's {@code store} field, when it is a boolean: whether the client allows the provider to keep it. */
    public Optional<Boolean> store() {
        JsonNode store = body.path("store");
        return store.isBoolean() ? Optional.of(store.asBoolean()) : Optional.empty();
    }

    /** The first value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
        List<String> values = headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        return values.stream().findFirst();
    }
}

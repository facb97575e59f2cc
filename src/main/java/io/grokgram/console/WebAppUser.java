package io.grokgram.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import java.util.Optional;

/** The user a Mini App's verified {@code initData} names. */
public record WebAppUser(long id, String firstName) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public WebAppUser {
        if (id <= 0) {
            throw new IllegalArgumentException("a Telegram user id must be positive, got " + id);
        }
        Objects.requireNonNull(firstName, "firstName");
    }

    static Optional<WebAppUser> fromJson(String json) {
        if (json == null) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(json);
            long id = node.path("id").asLong(0);
            return id > 0
                    ? Optional.of(new WebAppUser(id, node.path("first_name").asText("")))
                    : Optional.empty();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Optional.empty();
        }
    }
}

package io.grokgram.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import java.util.Optional;

/**
 * The user a Mini App's verified {@code initData} names, with the {@code language_code} of their Telegram app when it
 * sent one (the page speaks it unless they chose another language with {@code /language}).
 */
public record WebAppUser(long id, String firstName, Optional<String> languageCode) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public WebAppUser {
        if (id <= 0) {
            throw new IllegalArgumentException("a Telegram user id must be positive, got " + id);
        }
        Objects.requireNonNull(firstName, "firstName");
        Objects.requireNonNull(languageCode, "languageCode");
    }

    public WebAppUser(long id, String firstName) {
        this(id, firstName, Optional.empty());
    }

    static Optional<WebAppUser> fromJson(String json) {
        if (json == null) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(json);
            long id = node.path("id").asLong(0);
            String language = node.path("language_code").asText("").strip();
            return id > 0
                    ? Optional.of(new WebAppUser(
                            id,
                            node.path("first_name").asText(""),
                            language.isEmpty() ? Optional.empty() : Optional.of(language)))
                    : Optional.empty();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Optional.empty();
        }
    }
}

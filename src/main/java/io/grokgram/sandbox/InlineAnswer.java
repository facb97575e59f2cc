package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the bot answered to an inline query, as the user's client shows it: the results (articles only, the one kind
 * the sandbox knows), the button above them and the caching hints. Read it with {@link SandboxUser#inlineResults}.
 */
public record InlineAnswer(
        List<Result> results, int cacheTime, boolean personal, Optional<Button> button, String nextOffset) {

    public InlineAnswer {
        results = List.copyOf(results);
        Objects.requireNonNull(button, "button");
        Objects.requireNonNull(nextOffset, "nextOffset");
    }

    /** The result with this id, if the answer has one. */
    public Optional<Result> result(String id) {
        return results.stream().filter(result -> result.id().equals(id)).findFirst();
    }

    /**
     * An article: {@code text} and {@code entities} are the message the user sends by picking it, after entity parsing;
     * {@code replyMarkup} its inline keyboard as Telegram echoes it back.
     */
    public record Result(
            String id,
            String title,
            String description,
            String text,
            List<MessageEntity> entities,
            Optional<JsonNode> replyMarkup) {
        public Result {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(text, "text");
            entities = List.copyOf(entities);
            replyMarkup = replyMarkup.map(JsonNode::deepCopy);
        }
    }

    /** The button above the results: opens the private chat with {@code /start <startParameter>}, or a Web App. */
    public record Button(String text, Optional<String> startParameter, Optional<String> webAppUrl) {
        public Button {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(startParameter, "startParameter");
            Objects.requireNonNull(webAppUrl, "webAppUrl");
        }
    }
}

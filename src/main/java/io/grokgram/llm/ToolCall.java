package io.grokgram.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import java.util.Optional;

/**
 * A call the model asked for: the provider's call id (results must name it), the tool and its JSON arguments as the
 * model wrote them (possibly malformed: {@link #argument} is empty then).
 */
public record ToolCall(String id, String name, String arguments) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public ToolCall {
        if (id == null || id.isBlank() || id.length() > 200) {
            throw new IllegalArgumentException("a tool call needs an id of 1 to 200 characters, got " + id);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arguments, "arguments");
    }

    /** A string argument, when the arguments are a JSON object that has it. */
    public Optional<String> argument(String key) {
        try {
            JsonNode node =
                    JSON.readTree(arguments.isBlank() ? "{}" : arguments).path(key);
            return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}

package io.grokgram.llm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A function the model may call, in OpenAI's function-calling shape. Grokgram's tools take only string arguments, all
 * required, which keeps the JSON schema trivial for every provider.
 *
 * @param parameters argument name → what it means, in the order the schema lists them
 */
public record ToolSpec(String name, String description, Map<String, String> parameters) {
    public ToolSpec {
        if (name == null || !name.matches("[a-z][a-z0-9_]{0,63}")) {
            throw new IllegalArgumentException(
                    "a tool name must be 1-64 lower-case letters, digits or '_', got " + name);
        }
        Objects.requireNonNull(description, "description");
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
}

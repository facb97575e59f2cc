package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A chat completion request that passed the checks the real service makes, in the order it makes them: a JSON object,
 * a model, well-formed messages, then whether the model exists.
 */
record CompletionRequest(
        String model,
        List<Message> messages,
        boolean stream,
        boolean includeUsage,
        OptionalInt maxTokens,
        Optional<String> conversationKey,
        List<String> tools) {

    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");

    /** A message; an assistant's tool calls and a tool message's call id as the wire had them. */
    record Message(String role, String content, List<ToolScript.Call> calls, Optional<String> toolCallId) {
        Message {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(content, "content");
            calls = List.copyOf(calls);
            Objects.requireNonNull(toolCallId, "toolCallId");
        }

        Message(String role, String content) {
            this(role, content, List.of(), Optional.empty());
        }
    }

    CompletionRequest {
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(messages);
        Objects.requireNonNull(maxTokens, "maxTokens");
        Objects.requireNonNull(conversationKey, "conversationKey");
        tools = List.copyOf(tools);
    }

    /** @throws OpenAiError with status 400 or 404 when the request is not one the real service would accept */
    static CompletionRequest parse(Optional<JsonNode> parsed, Optional<String> convHeader, List<String> models) {
        JsonNode body = parsed.filter(JsonNode::isObject).orElseThrow(OpenAiError::malformedJson);
        JsonNode model = body.path("model");
        if (model.isMissingNode() || model.isNull()) {
            throw OpenAiError.invalidRequest("You must provide a model parameter.", "model");
        }
        if (!model.isTextual()) {
            throw OpenAiError.invalidRequest("Invalid type for 'model': expected a string.", "model");
        }
        List<Message> messages = messages(body.path("messages"));
        ToolScript.requireAnsweredInOrder(messages);
        List<String> tools = tools(body.path("tools"));
        boolean stream = flag(body, "stream", body.path("stream"));
        boolean includeUsage = flag(
                body,
                "stream_options.include_usage",
                body.path("stream_options").path("include_usage"));
        OptionalInt maxTokens = maxTokens(body);
        if (!models.contains(model.asText())) {
            throw OpenAiError.unknownModel(model.asText());
        }
        return new CompletionRequest(
                model.asText(), messages, stream, includeUsage, maxTokens, conversationKey(convHeader, body), tools);
    }

    /** The names of the function tools offered, checked as the real service checks them. */
    private static List<String> tools(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw OpenAiError.invalidRequest("Invalid type for 'tools': expected an array.", "tools");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode name = node.get(i).path("function").path("name");
            if (!node.get(i).path("type").asText().equals("function") || !name.isTextual()) {
                throw OpenAiError.invalidRequest(
                        "Invalid value for 'tools[" + i + "]': expected a function with a name.", "tools");
            }
            names.add(name.asText());
        }
        return names;
    }

    /** The text of the last user message, empty when there is none. */
    String lastUserText() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role().equals("user")) {
                return messages.get(i).content();
            }
        }
        return "";
    }

    int userTurns() {
        return (int) messages.stream().filter(m -> m.role().equals("user")).count();
    }

    private static List<Message> messages(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            throw OpenAiError.invalidRequest("'messages' is a required property.", "messages");
        }
        if (!node.isArray()) {
            throw OpenAiError.invalidRequest("Invalid type for 'messages': expected an array.", "messages");
        }
        if (node.isEmpty()) {
            throw OpenAiError.invalidRequest("'messages' must contain at least one message.", "messages");
        }
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            messages.add(message(node.get(i), "messages[" + i + "]"));
        }
        return messages;
    }

    private static Message message(JsonNode node, String where) {
        if (!node.isObject()) {
            throw OpenAiError.invalidRequest("Invalid type for '" + where + "': expected an object.", where);
        }
        JsonNode role = node.path("role");
        if (!role.isTextual() || !ROLES.contains(role.asText())) {
            throw OpenAiError.invalidRequest(
                    "Invalid value for '" + where + ".role': " + role
                            + ". Supported values are: 'system', 'developer', 'user', 'assistant' and 'tool'.",
                    where + ".role");
        }
        JsonNode content = node.path("content");
        boolean toolCalls = role.asText().equals("assistant") && node.has("tool_calls");
        List<ToolScript.Call> calls = toolCalls ? ToolScript.calls(node.path("tool_calls"), where) : List.of();
        if (toolCalls && (content.isMissingNode() || content.isNull())) {
            return new Message("assistant", "", calls, Optional.empty());
        }
        Optional<String> toolCallId = Optional.empty();
        if (role.asText().equals("tool")) {
            if (!node.path("tool_call_id").isTextual()) {
                throw OpenAiError.invalidRequest(
                        "Missing required parameter: '" + where + ".tool_call_id'.", where + ".tool_call_id");
            }
            toolCallId = Optional.of(node.path("tool_call_id").asText());
        }
        if (!content.isTextual()) {
            throw OpenAiError.invalidRequest(
                    "Invalid type for '" + where + ".content': expected a string.", where + ".content");
        }
        return new Message(role.asText(), content.asText(), calls, toolCallId);
    }

    private static boolean flag(JsonNode body, String name, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw OpenAiError.invalidRequest("Invalid type for '" + name + "': expected a boolean.", name);
        }
        return node.asBoolean();
    }

    /** {@code max_completion_tokens} is OpenAI's newer name; xAI's Chat Completions still documents {@code max_tokens}. */
    private static OptionalInt maxTokens(JsonNode body) {
        OptionalInt limit = OptionalInt.empty();
        for (String name : List.of("max_completion_tokens", "max_tokens")) {
            JsonNode node = body.path(name);
            if (node.isMissingNode() || node.isNull()) {
                continue;
            }
            if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 1) {
                throw OpenAiError.invalidRequest(
                        "Invalid value for '" + name + "': expected a positive integer.", name);
            }
            limit = OptionalInt.of(limit.isPresent() ? Math.min(limit.getAsInt(), node.asInt()) : node.asInt());
        }
        return limit;
    }

    /** xAI's Chat Completions route caches by header; the body fields are what other clients send. */
    static Optional<String> conversationKey(Optional<String> header, JsonNode body) {
        return header.filter(value -> !value.isBlank())
                .or(() -> textField(body, "prompt_cache_key"))
                .or(() -> textField(body, "user"));
    }

    private static Optional<String> textField(JsonNode body, String name) {
        JsonNode node = body.path(name);
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }
}

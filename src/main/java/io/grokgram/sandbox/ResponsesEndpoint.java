package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The test provider's Responses API ({@code POST /v1/responses}, streamed as typed events): the same answers and
 * function calls as Chat Completions (see {@link ToolScript}), and xAI's server-side {@code web_search}: when the
 * request offers {@code {"type":"web_search"}} and the user asks to search, the provider searches the {@link SandboxWeb}
 * pages itself, reports a {@code web_search_call} item with its query and sources, and answers with {@code
 * url_citation} annotations. Only streaming requests are served.
 */
final class ResponsesEndpoint {
    private static final Pattern SEARCH =
            Pattern.compile("\\b(search|look up|what(?:'s| is) new|latest|news)\\b", Pattern.CASE_INSENSITIVE);

    private ResponsesEndpoint() {}

    record Request(String model, List<CompletionRequest.Message> messages, List<String> functions, boolean webSearch) {}

    static Request parse(Optional<JsonNode> parsed, List<String> models) {
        JsonNode body = parsed.filter(JsonNode::isObject).orElseThrow(OpenAiError::malformedJson);
        if (!body.path("model").isTextual()) {
            throw OpenAiError.invalidRequest("You must provide a model parameter.", "model");
        }
        if (!body.path("stream").asBoolean(false)) {
            throw OpenAiError.invalidRequest("The sandbox serves streaming responses only.", "stream");
        }
        List<CompletionRequest.Message> messages = new ArrayList<>();
        JsonNode input = body.path("input");
        if (input.isTextual()) {
            messages.add(new CompletionRequest.Message("user", input.asText()));
        } else if (input.isArray() && !input.isEmpty()) {
            for (JsonNode item : input) {
                item(item, messages);
            }
        } else {
            throw OpenAiError.invalidRequest("'input' must be a string or a non-empty array.", "input");
        }
        ToolScript.requireAnsweredInOrder(messages);
        List<String> functions = new ArrayList<>();
        boolean webSearch = false;
        for (JsonNode tool : body.path("tools")) {
            switch (tool.path("type").asText()) {
                case "function" -> functions.add(tool.path("name").asText());
                case "web_search" -> webSearch = true;
                default ->
                    throw OpenAiError.invalidRequest(
                            "Invalid value for 'tools': unknown type " + tool.path("type"), "tools");
            }
        }
        if (!models.contains(body.path("model").asText())) {
            throw OpenAiError.unknownModel(body.path("model").asText());
        }
        return new Request(body.path("model").asText(), messages, functions, webSearch);
    }

    private static void item(JsonNode item, List<CompletionRequest.Message> messages) {
        switch (item.path("type").asText("message")) {
            case "function_call" -> {
                ToolScript.Call call = new ToolScript.Call(
                        item.path("call_id").asText(),
                        item.path("name").asText(),
                        item.path("arguments").asText(""));
                CompletionRequest.Message last = messages.isEmpty() ? null : messages.getLast();
                if (last != null && last.role().equals("assistant")) {
                    List<ToolScript.Call> calls = new ArrayList<>(last.calls());
                    calls.add(call);
                    messages.set(
                            messages.size() - 1,
                            new CompletionRequest.Message("assistant", last.content(), calls, Optional.empty()));
                } else {
                    messages.add(new CompletionRequest.Message("assistant", "", List.of(call), Optional.empty()));
                }
            }
            case "function_call_output" ->
                messages.add(new CompletionRequest.Message(
                        "tool",
                        item.path("output").asText(""),
                        List.of(),
                        Optional.of(item.path("call_id").asText())));
            default -> {
                JsonNode content = item.path("content");
                String text = content.isTextual() ? content.asText() : "";
                if (content.isArray()) {
                    StringBuilder joined = new StringBuilder();
                    content.forEach(part -> joined.append(part.path("text").asText("")));
                    text = joined.toString();
                }
                messages.add(new CompletionRequest.Message(item.path("role").asText("user"), text));
            }
        }
    }

    /** Streams the response: function calls, or a server-side search and its answer, or the scripted answer. */
    static void stream(Context ctx, Request request, String id, long callNumber, String scripted, int inputTokens)
            throws IOException {
        ctx.status(200).contentType("text/event-stream; charset=utf-8");
        OutputStream out = ctx.res().getOutputStream();
        event(
                out,
                "response.created",
                Json.MAPPER.createObjectNode().set("response", response(id, request, "in_progress")));
        List<ToolScript.Call> calls = ToolScript.decide(request.messages(), request.functions(), callNumber);
        String text = "";
        List<String> cited = List.of();
        if (!calls.isEmpty()) {
            for (ToolScript.Call call : calls) {
                ObjectNode item = Json.MAPPER
                        .createObjectNode()
                        .put("type", "function_call")
                        .put("id", "fc_" + call.id())
                        .put("call_id", call.id())
                        .put("name", call.name())
                        .put("arguments", call.arguments());
                event(
                        out,
                        "response.output_item.done",
                        Json.MAPPER.createObjectNode().set("item", item));
            }
        } else if (request.webSearch()
                && lastIsUser(request)
                && SEARCH.matcher(lastUser(request)).find()) {
            String query = ToolScript.query(lastUser(request));
            List<SandboxWeb.Page> pages = SandboxWeb.find(query);
            String base = SandboxWeb.base(ctx);
            ObjectNode call = Json.MAPPER
                    .createObjectNode()
                    .put("type", "web_search_call")
                    .put("id", "ws_" + id)
                    .put("status", "completed");
            ObjectNode action = call.putObject("action").put("type", "search").put("query", query);
            ArrayNode sources = action.putArray("sources");
            pages.forEach(page -> sources.addObject().put("type", "url").put("url", page.url(base)));
            event(
                    out,
                    "response.output_item.done",
                    Json.MAPPER.createObjectNode().set("item", call));
            StringBuilder found =
                    new StringBuilder(pages.isEmpty() ? "I found nothing about that." : "Here is what I found:\n");
            for (int i = 0; i < pages.size(); i++) {
                found.append("\n- **")
                        .append(pages.get(i).title())
                        .append("** [")
                        .append(i + 1)
                        .append("]");
            }
            text = found.toString();
            cited = pages.stream().map(page -> page.url(base)).toList();
        } else {
            text = ToolScript.answer(request.messages()).orElse(scripted);
        }
        for (String piece : CompletionWriter.pieces(text, 24)) {
            event(
                    out,
                    "response.output_text.delta",
                    Json.MAPPER.createObjectNode().put("delta", piece));
        }
        if (!text.isEmpty()) {
            ObjectNode message =
                    Json.MAPPER.createObjectNode().put("type", "message").put("role", "assistant");
            ObjectNode part = message.putArray("content")
                    .addObject()
                    .put("type", "output_text")
                    .put("text", text);
            ArrayNode annotations = part.putArray("annotations");
            cited.forEach(
                    url -> annotations.addObject().put("type", "url_citation").put("url", url));
            event(
                    out,
                    "response.output_item.done",
                    Json.MAPPER.createObjectNode().set("item", message));
        }
        ObjectNode done = response(id, request, "completed");
        ObjectNode usage = done.putObject("usage");
        usage.put("input_tokens", inputTokens);
        usage.putObject("input_tokens_details").put("cached_tokens", 0);
        usage.put("output_tokens", PromptCache.count(text) + 5 * calls.size());
        usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
        event(out, "response.completed", Json.MAPPER.createObjectNode().set("response", done));
    }

    private static boolean lastIsUser(Request request) {
        return request.messages().getLast().role().equals("user");
    }

    private static String lastUser(Request request) {
        return request.messages().getLast().content();
    }

    private static ObjectNode response(String id, Request request, String status) {
        return Json.MAPPER
                .createObjectNode()
                .put("id", id)
                .put("object", "response")
                .put("model", request.model())
                .put("status", status);
    }

    private static void event(OutputStream out, String type, ObjectNode data) throws IOException {
        data.put("type", type);
        out.write(("event: " + type + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}

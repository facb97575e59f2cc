package io.grokgram.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The state of one streamed Responses API call: text deltas go to the observer as they come, output items (function
 * calls, the provider's own searches, url citations) are collected, and {@code response.completed} (or {@code
 * response.incomplete}) ends it with usage.
 */
final class ResponseEvents {
    private final ModelId model;
    private final StreamObserver observer;
    private final long startNanos = System.nanoTime();
    private final StringBuilder text = new StringBuilder();
    private final List<ToolCall> calls = new ArrayList<>();
    private final List<ServerSearch> searches = new ArrayList<>();
    private final Set<String> cited = new LinkedHashSet<>();
    private long firstTokenNanos = -1;

    ResponseEvents(ModelId model, StreamObserver observer) {
        this.model = model;
        this.observer = observer;
    }

    /** An {@code error} event, or a failed response, carried to the error mapping as an HTTP-like status. */
    static final class Failed extends RuntimeException {
        private final int status;
        private final String body;

        Failed(int status, String body) {
            super(body);
            this.status = status;
            this.body = body;
        }

        int status() {
            return status;
        }

        String body() {
            return body;
        }
    }

    /** The finished completion when this event ends the response. */
    Optional<Completion> accept(JsonNode event, Optional<Boolean> zdr) {
        switch (event.path("type").asText()) {
            case "response.output_text.delta" -> {
                String delta = event.path("delta").asText("");
                if (!delta.isEmpty()) {
                    if (firstTokenNanos < 0) {
                        firstTokenNanos = System.nanoTime();
                    }
                    observer.onText(delta);
                    text.append(delta);
                }
            }
            case "response.output_item.done" -> item(event.path("item"));
            case "response.completed" -> {
                return Optional.of(done(event.path("response"), FinishReason.STOP, zdr));
            }
            case "response.incomplete" -> {
                return Optional.of(done(event.path("response"), FinishReason.LENGTH, zdr));
            }
            case "response.failed", "error" -> {
                JsonNode error = event.has("error")
                        ? event.path("error")
                        : event.path("response").path("error");
                int status = error.path("code").canConvertToInt()
                        ? error.path("code").asInt()
                        : 500;
                throw new Failed(status < 400 || status > 599 ? 500 : status, error.toString());
            }
            default -> {} // created, in_progress, content_part.*, arguments deltas: the done item has it all
        }
        return Optional.empty();
    }

    private void item(JsonNode item) {
        switch (item.path("type").asText()) {
            case "function_call" ->
                calls.add(new ToolCall(
                        item.path("call_id").asText(item.path("id").asText("call")),
                        item.path("name").asText(""),
                        item.path("arguments").asText("")));
            case "web_search_call" -> {
                JsonNode action = item.path("action");
                List<String> queries = new ArrayList<>();
                if (action.path("query").isTextual()) {
                    queries.add(action.path("query").asText());
                }
                queries.addAll(ResponsesProvider.strings(action.path("queries")));
                List<String> sources = new ArrayList<>();
                action.path("sources").forEach(source -> {
                    if (source.path("url").isTextual()) {
                        sources.add(source.path("url").asText());
                    }
                });
                searches.add(new ServerSearch("web_search", queries, sources));
            }
            case "message" ->
                item.path("content")
                        .forEach(part -> part.path("annotations").forEach(annotation -> {
                            if (annotation.path("type").asText().equals("url_citation")
                                    && annotation.path("url").isTextual()) {
                                cited.add(annotation.path("url").asText());
                            }
                        }));
            default -> {}
        }
    }

    private Completion done(JsonNode response, FinishReason ended, Optional<Boolean> zdr) {
        JsonNode usage = response.path("usage");
        int prompt = usage.path("input_tokens").asInt(0);
        int cached = usage.path("input_tokens_details").path("cached_tokens").asInt(0);
        Usage counted = new Usage(
                Math.max(0, prompt),
                Math.max(0, Math.min(cached, prompt)),
                Math.max(0, usage.path("output_tokens").asInt(0)),
                Math.max(
                        0,
                        usage.path("output_tokens_details")
                                .path("reasoning_tokens")
                                .asInt(0)));
        String served = response.path("model").asText("");
        List<ServerSearch> reported = new ArrayList<>(searches);
        if (!cited.isEmpty()) {
            reported.add(new ServerSearch("url_citation", List.of(), List.copyOf(cited)));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        return new Completion(
                served.isBlank() ? model : new ModelId(served),
                text.toString(),
                calls.isEmpty() ? ended : FinishReason.TOOL_CALLS,
                counted,
                firstTokenNanos < 0 ? took : Duration.ofNanos(firstTokenNanos - startNanos),
                took,
                zdr,
                calls,
                reported);
    }

    String text() {
        return text.toString();
    }

    Completion cancelled() {
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        return new Completion(model, text.toString(), FinishReason.CANCELLED, Usage.NONE, took, took);
    }
}

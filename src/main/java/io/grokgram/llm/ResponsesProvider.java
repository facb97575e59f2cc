package io.grokgram.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * A {@link ChatProvider} for the Responses API ({@code POST {base}/responses}, xAI's preferred API and the only one with
 * its server-side tools), streamed as typed events over SSE with the JDK client.
 *
 * <p>Each call sends {@code store: false} unless both the settings and the request allow storing (xAI keeps stored
 * responses for 30 days, which erasure could not reach), the conversation key as {@code prompt_cache_key} (the
 * Responses API routes its cache by that body field, not by the Chat Completions header), the gate's pseudonym as
 * {@code user}, function tools flattened as the Responses API wants them, and {@code {"type":"web_search"}} when the
 * request allows the provider to search itself. Searches the provider reports ({@code web_search_call} items, url
 * citations) come back in {@link Completion#searches()} for the audit.
 *
 * <p>Failures map into {@link LlmException} as on Chat Completions: the HTTP status of an error response, a stream that
 * ends without {@code response.completed} ({@link LlmException.Unavailable}), an {@code error} event, silence longer
 * than the request timeout ({@link LlmException.TimedOut}). Interruption returns the text so far as {@link
 * FinishReason#CANCELLED} and keeps the flag.
 */
public final class ResponsesProvider implements ChatProvider {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProviderSettings settings;
    private final ProviderErrors errors;
    private final HttpClient http;

    public ResponsesProvider(ProviderSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.errors = new ProviderErrors(settings.name(), settings.apiKey());
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .executor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual()
                        .name("grokgram-llm-" + settings.name() + "-", 0)
                        .factory()))
                .build();
    }

    @Override
    public Completion stream(ProviderRequest request, StreamObserver observer) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(observer, "observer");
        ResponseEvents events = new ResponseEvents(request.model(), observer);
        if (Thread.currentThread().isInterrupted()) {
            return events.cancelled();
        }
        HttpRequest.Builder outgoing = HttpRequest.newBuilder(endpoint())
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body(request).toString()));
        settings.apiKey().ifPresent(key -> outgoing.header("Authorization", "Bearer " + key.value()));
        HttpResponse<InputStream> response;
        try {
            response = http.send(outgoing.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return events.cancelled();
        } catch (IOException e) {
            throw errors.map(e, "");
        }
        Optional<Boolean> zdr = response.headers()
                .firstValue(StreamCall.ZERO_DATA_RETENTION_HEADER)
                .map(value -> value.strip().toLowerCase(Locale.ROOT))
                .filter(value -> value.equals("true") || value.equals("false"))
                .map(Boolean::valueOf);
        if (response.statusCode() != 200) {
            String error = read(response.body());
            throw errors.map(SseHttpClient.StatusException.of(response.statusCode(), response.headers(), error), "");
        }
        return read(response.body(), events, zdr);
    }

    private Completion read(InputStream body, ResponseEvents events, Optional<Boolean> zdr) {
        // The idle limit: a watchdog closes the stream when nothing arrived for the request timeout.
        Watchdog watchdog = new Watchdog(body, settings.requestTimeout());
        try (body;
                watchdog;
                BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                watchdog.alive();
                if (Thread.currentThread().isInterrupted()) {
                    return events.cancelled();
                }
                if (line.startsWith("data:")) {
                    String data = line.substring(5).strip();
                    if (data.equals("[DONE]")) {
                        break;
                    }
                    Optional<Completion> done = events.accept(JSON.readTree(data), zdr);
                    if (done.isPresent()) {
                        return done.get();
                    }
                }
            }
            if (watchdog.fired()) {
                throw errors.silent(settings.requestTimeout(), events.text());
            }
            throw errors.map(new java.io.EOFException("the stream ended before response.completed"), events.text());
        } catch (ResponseEvents.Failed failed) {
            throw errors.map(
                    new SseHttpClient.StatusException(failed.status(), failed.body(), Optional.empty()), events.text());
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                return events.cancelled();
            }
            if (watchdog.fired()) {
                throw errors.silent(settings.requestTimeout(), events.text());
            }
            throw errors.map(e, events.text());
        }
    }

    private URI endpoint() {
        String base = settings.baseUrl().toString();
        return URI.create(base.endsWith("/") ? base + "responses" : base + "/responses");
    }

    /** The request body; package-private for the wire tests. */
    ObjectNode body(ProviderRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", request.model().value());
        body.put("stream", true);
        body.put("store", settings.storeRequests() && request.store());
        if (!request.conversationKey().isEmpty()) {
            body.put("prompt_cache_key", request.conversationKey());
        }
        request.user().ifPresent(user -> body.put("user", user));
        request.maxOutputTokens().ifPresent(max -> body.put("max_output_tokens", max));
        ArrayNode input = body.putArray("input");
        for (PromptMessage message : request.messages()) {
            switch (message.role()) {
                case SYSTEM, USER ->
                    input.addObject()
                            .put("role", message.role().name().toLowerCase(Locale.ROOT))
                            .put("content", message.content());
                case ASSISTANT -> {
                    if (!message.content().isEmpty()) {
                        input.addObject().put("role", "assistant").put("content", message.content());
                    }
                    message.toolCalls()
                            .forEach(call -> input.addObject()
                                    .put("type", "function_call")
                                    .put("call_id", call.id())
                                    .put("name", call.name())
                                    .put("arguments", call.arguments()));
                }
                case TOOL ->
                    input.addObject()
                            .put("type", "function_call_output")
                            .put("call_id", message.toolCallId().orElseThrow())
                            .put("output", message.content());
            }
        }
        if (!request.tools().isEmpty() || request.serverSearch()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolSpec tool : request.tools()) {
                ObjectNode function = tools.addObject()
                        .put("type", "function")
                        .put("name", tool.name())
                        .put("description", tool.description());
                ObjectNode parameters = function.putObject("parameters").put("type", "object");
                ObjectNode properties = parameters.putObject("properties");
                tool.parameters()
                        .forEach((name, description) ->
                                properties.putObject(name).put("type", "string").put("description", description));
                ArrayNode required = parameters.putArray("required");
                tool.parameters().keySet().forEach(required::add);
            }
            if (request.serverSearch()) {
                tools.addObject().put("type", "web_search");
            }
        }
        return body;
    }

    private static String read(InputStream body) {
        try (body) {
            return new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public String toString() {
        return "ResponsesProvider[" + settings.name() + " at " + settings.baseUrl() + "]";
    }

    /** Closes the stream when it has been quiet for the limit, so the reading thread wakes up. */
    private static final class Watchdog implements AutoCloseable {
        private final Thread thread;
        private volatile long lastNanos = System.nanoTime();
        private volatile boolean fired;

        Watchdog(InputStream body, Duration limit) {
            this.thread = Thread.ofVirtual().name("grokgram-responses-watchdog").start(() -> {
                try {
                    while (true) {
                        long left = lastNanos + limit.toNanos() - System.nanoTime();
                        if (left <= 0) {
                            fired = true;
                            body.close();
                            return;
                        }
                        Thread.sleep(Duration.ofNanos(left));
                    }
                } catch (InterruptedException | IOException e) {
                    // closed with the call, or the stream is gone already: nothing to watch
                }
            });
        }

        void alive() {
            lastNanos = System.nanoTime();
        }

        boolean fired() {
            return fired;
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }

    /** Collected for tests and callers that want the list type without importing it. */
    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> {
            if (node.isTextual()) {
                values.add(node.asText());
            }
        });
        return values;
    }
}

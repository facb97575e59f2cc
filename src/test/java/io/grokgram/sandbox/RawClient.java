package io.grokgram.sandbox;

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
import java.util.Map;

/** A plain JDK client for the test provider: what any OpenAI-compatible client sends, nothing of ours in between. */
final class RawClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    RawClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A status, headers and body; for streams, the data payloads in order and whether the stream ended cleanly. */
    record Exchange(
            int status,
            Map<String, List<String>> headers,
            String body,
            List<String> events,
            List<Long> eventMillis,
            boolean cleanEnd) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        List<JsonNode> chunks() {
            return events.stream()
                    .filter(event -> !event.equals("[DONE]"))
                    .map(event -> {
                        try {
                            return JSON.readTree(event);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .toList();
        }

        String streamedText() {
            StringBuilder text = new StringBuilder();
            chunks().forEach(chunk -> chunk.path("choices")
                    .forEach(choice ->
                            text.append(choice.path("delta").path("content").asText(""))));
            return text.toString();
        }

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .flatMap(entry -> entry.getValue().stream())
                    .findFirst()
                    .orElse(null);
        }
    }

    static ObjectNode chat(String model, String... userTexts) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", "You are a concise assistant.");
        for (int i = 0; i < userTexts.length; i++) {
            messages.addObject().put("role", "user").put("content", userTexts[i]);
            if (i < userTexts.length - 1) {
                messages.addObject().put("role", "assistant").put("content", "Answer " + i + ".");
            }
        }
        return body;
    }

    static ObjectNode streaming(ObjectNode body, boolean includeUsage) {
        body.put("stream", true);
        if (includeUsage) {
            body.putObject("stream_options").put("include_usage", true);
        }
        return body;
    }

    Exchange post(String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    Exchange post(JsonNode body, String... headers) {
        return post(body.toString(), headers);
    }

    Exchange get(String path, String... headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.GET().build());
    }

    private Exchange send(HttpRequest request) {
        long start = System.nanoTime();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("text/event-stream")) {
                String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
                return new Exchange(response.statusCode(), response.headers().map(), body, List.of(), List.of(), true);
            }
            return readStream(response, start);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Exchange readStream(HttpResponse<InputStream> response, long start) {
        List<String> events = new ArrayList<>();
        List<Long> millis = new ArrayList<>();
        StringBuilder raw = new StringBuilder();
        boolean clean = true;
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                raw.append(line).append('\n');
                if (line.startsWith("data: ")) {
                    events.add(line.substring(6));
                    millis.add((System.nanoTime() - start) / 1_000_000);
                }
            }
        } catch (IOException e) {
            clean = false;
        }
        return new Exchange(response.statusCode(), response.headers().map(), raw.toString(), events, millis, clean);
    }
}

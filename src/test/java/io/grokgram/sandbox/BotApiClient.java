package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** A bare Bot API client over the JDK's HttpClient, speaking to the emulator as a bot would. */
final class BotApiClient {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String token;

    BotApiClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** A reply: HTTP status plus the parsed body. */
    record Response(int status, JsonNode body, String raw) {
        boolean ok() {
            return body.path("ok").asBoolean(false);
        }

        JsonNode result() {
            return body.path("result");
        }

        String description() {
            return body.path("description").asText("");
        }

        int errorCode() {
            return body.path("error_code").asInt();
        }
    }

    static Map<String, Object> params(Object... keysAndValues) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            params.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return params;
    }

    Response json(String method, Map<String, Object> params) {
        try {
            String body = MAPPER.writeValueAsString(params);
            return send(HttpRequest.newBuilder(uri(method))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Response form(String method, Map<String, String> params) {
        return send(HttpRequest.newBuilder(uri(method))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(params))));
    }

    Response multipart(String method, Map<String, String> params) {
        String boundary = "----grokgram" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (var entry : params.entrySet()) {
            String part = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + entry.getKey()
                    + "\"\r\n\r\n" + entry.getValue() + "\r\n";
            body.writeBytes(part.getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(uri(method))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** multipart/form-data with text fields and one file part, the way uploads reach Telegram. */
    Response upload(String method, Map<String, String> fields, String fileField, String fileName, byte[] content) {
        String boundary = "----grokgram" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (var entry : fields.entrySet()) {
            String part = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + entry.getKey()
                    + "\"\r\n\r\n" + entry.getValue() + "\r\n";
            body.writeBytes(part.getBytes(StandardCharsets.UTF_8));
        }
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(uri(method))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    Response get(String method, Map<String, String> query) {
        String suffix = query.isEmpty() ? "" : "?" + encode(query);
        return send(HttpRequest.newBuilder(URI.create(uri(method) + suffix)).GET());
    }

    Response raw(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    private URI uri(String method) {
        return URI.create(baseUrl + "/bot" + token + "/" + method);
    }

    private static String encode(Map<String, String> params) {
        StringJoiner joiner = new StringJoiner("&");
        params.forEach((k, v) -> joiner.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return joiner.toString();
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = MAPPER.readTree(response.body());
            } catch (IOException e) {
                body = MAPPER.createObjectNode();
            }
            return new Response(response.statusCode(), body, response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

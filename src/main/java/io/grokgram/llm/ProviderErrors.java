package io.grokgram.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;

/**
 * Maps whatever a provider call failed with (langchain4j's exceptions, ours from {@link SseHttpClient}, JDK I/O) into
 * the {@link LlmException} tree, once. Messages name the provider, the status and the provider's own error text, with
 * the API key redacted in case a service echoes it.
 */
final class ProviderErrors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DETAIL_LIMIT = 300;

    private final String provider;
    private final Optional<ApiKey> apiKey;

    ProviderErrors(String provider, Optional<ApiKey> apiKey) {
        this.provider = provider;
        this.apiKey = apiKey;
    }

    LlmException map(Throwable error, String partialText) {
        Optional<HttpException> http = find(error, HttpException.class);
        String detail = redact(http.map(e -> providerMessage(e.getMessage())).orElseGet(() -> describe(error)));
        String status = http.map(e -> " (HTTP " + e.statusCode() + ")").orElse("");
        if (!(error instanceof LlmException)
                && http.map(e -> outOfCredits(e.statusCode(), detail)).orElse(false)) {
            return new LlmException.OutOfCredits(message("has no credits left" + status, detail), error);
        }
        return switch (error) {
            case LlmException already -> already;
            case RateLimitException e ->
                new LlmException.RateLimited(
                        message("rate limited" + status, detail), http.flatMap(ProviderErrors::retryAfter), e);
            case TimeoutException e -> new LlmException.TimedOut(message("timed out" + status, detail), partialText, e);
            case AuthenticationException e ->
                new LlmException.Unauthorized(message("denied access" + status, detail), e);
            case ModelNotFoundException e ->
                new LlmException.InvalidRequest(message("unknown model" + status, detail), e);
            case ContentFilteredException e ->
                new LlmException.ContentFiltered(message("filtered the content", detail), e);
            case InvalidRequestException e ->
                new LlmException.InvalidRequest(message("rejected the request" + status, detail), e);
            case InternalServerException e ->
                new LlmException.Unavailable(message("failed" + status, detail), partialText, e);
            case HttpException e -> byStatus(e, detail, partialText);
            default -> byCause(error, detail, partialText);
        };
    }

    /**
     * Prepaid credits ran out: xAI answers 403 (and others 402, or 429 with a quota message) on every call until the
     * operator tops up. Told apart from a wrong key by the provider's words, so the operator gets a distinct alert.
     */
    private static boolean outOfCredits(int status, String detail) {
        if (status == 402) {
            return true;
        }
        String words = detail.toLowerCase(java.util.Locale.ROOT);
        return (status == 403 || status == 429)
                && (words.contains("credit")
                        || words.contains("spending limit")
                        || words.contains("insufficient_quota")
                        || words.contains("exceeded your current quota")
                        || words.contains("billing"));
    }

    /** Nothing arrived (not even a keep-alive) for {@code idle}: the stream stalled. */
    LlmException.TimedOut silent(Duration idle, String partialText) {
        return new LlmException.TimedOut(message("sent nothing for " + idle.toMillis() + " ms", ""), partialText, null);
    }

    /** An HttpException langchain4j did not classify (we map before it does, on the synchronous path). */
    private LlmException byStatus(HttpException e, String detail, String partialText) {
        int status = e.statusCode();
        String what = "HTTP " + status;
        if (status == 429) {
            return new LlmException.RateLimited(message(what, detail), retryAfter(e), e);
        }
        if (status == 401 || status == 403) {
            return new LlmException.Unauthorized(message(what, detail), e);
        }
        if (status == 408) {
            return new LlmException.TimedOut(message(what, detail), partialText, e);
        }
        if (status >= 400 && status < 500) {
            return new LlmException.InvalidRequest(message(what, detail), e);
        }
        return new LlmException.Unavailable(message(what, detail), partialText, e);
    }

    private LlmException byCause(Throwable error, String detail, String partialText) {
        if (find(error, HttpTimeoutException.class).isPresent()) {
            return new LlmException.TimedOut(message("timed out", detail), partialText, error);
        }
        if (find(error, ConnectException.class).isPresent()
                || find(error, UnresolvedAddressException.class).isPresent()
                || find(error, UnresolvedModelServerException.class).isPresent()) {
            return new LlmException.Unavailable(message("is unreachable", detail), partialText, error);
        }
        if (find(error, IOException.class).isPresent()) {
            return new LlmException.Unavailable(message("cut the connection", detail), partialText, error);
        }
        // A reply we could not read (e.g. a chunk that is not JSON): the provider is misbehaving, which is worth a
        // retry.
        return new LlmException.Unavailable(message("failed unexpectedly", detail), partialText, error);
    }

    private String message(String what, String detail) {
        return provider + " " + what + (detail.isBlank() ? "" : ": " + detail);
    }

    private String redact(String text) {
        return apiKey.map(key -> key.redact(text)).orElse(text);
    }

    private static Optional<Duration> retryAfter(HttpException e) {
        return e instanceof SseHttpClient.StatusException status ? status.retryAfter() : Optional.empty();
    }

    /** OpenAI's {@code {"error":{"message"}}}, xAI's occasional {@code {"error":"..."}}, or the body itself. */
    private static String providerMessage(String body) {
        if (body == null) {
            return "";
        }
        try {
            JsonNode json = JSON.readTree(body);
            JsonNode error = json.path("error");
            String text = error.isTextual()
                    ? error.asText()
                    : error.path("message").asText(json.path("message").asText(""));
            return shorten(text.isBlank() ? body : text);
        } catch (IOException notJson) {
            return shorten(body);
        }
    }

    private static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return shorten(root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage()));
    }

    private static String shorten(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= DETAIL_LIMIT ? line : line.substring(0, DETAIL_LIMIT) + "…";
    }

    private static <T extends Throwable> Optional<T> find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}

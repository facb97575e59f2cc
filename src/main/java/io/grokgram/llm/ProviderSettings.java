package io.grokgram.llm;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One OpenAI-compatible provider: xAI, OpenAI, or a local server (Ollama, vLLM, llama.cpp) that needs no key.
 *
 * @param name a short name for logs and metrics, e.g. {@code xai}
 * @param baseUrl the API root including the version, e.g. {@code https://api.x.ai/v1}
 * @param connectTimeout the longest wait for a TCP (and TLS) connection
 * @param requestTimeout the longest wait for the response headers and, once streaming, between two stream events
 * @param storeRequests sent as {@code store}; false keeps providers that honour it from keeping our prompts
 * @param api which wire API the client speaks: Chat Completions, or the Responses API (the only one with xAI's
 *     server-side search)
 */
public record ProviderSettings(
        String name,
        URI baseUrl,
        Optional<ApiKey> apiKey,
        Duration connectTimeout,
        Duration requestTimeout,
        boolean storeRequests,
        Api api) {

    /** The wire API of a provider. */
    public enum Api {
        /** {@code POST {base}/chat/completions}: every OpenAI-compatible server. */
        CHAT,
        /** {@code POST {base}/responses}: xAI and OpenAI; adds server-side tools such as web search. */
        RESPONSES
    }

    public ProviderSettings {
        if (name == null || !name.matches("[a-z0-9][a-z0-9._-]{0,31}")) {
            throw new IllegalArgumentException(
                    "provider name must be 1-32 lower-case letters, digits, '.', '_' or '-', got: " + name);
        }
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (!baseUrl.isAbsolute()
                || !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme()))
                || baseUrl.getHost() == null
                || baseUrl.getRawQuery() != null
                || baseUrl.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "provider baseUrl must be an http(s) URL without query or credentials, e.g. https://host/v1, got: "
                            + baseUrl.getScheme() + "://" + baseUrl.getHost() + baseUrl.getRawPath());
        }
        Objects.requireNonNull(apiKey, "apiKey");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        Objects.requireNonNull(api, "api");
    }

    /** Chat Completions. */
    public ProviderSettings(
            String name,
            URI baseUrl,
            Optional<ApiKey> apiKey,
            Duration connectTimeout,
            Duration requestTimeout,
            boolean storeRequests) {
        this(name, baseUrl, apiKey, connectTimeout, requestTimeout, storeRequests, Api.CHAT);
    }

    public ProviderSettings withApi(Api other) {
        return new ProviderSettings(name, baseUrl, apiKey, connectTimeout, requestTimeout, storeRequests, other);
    }

    /** Connect within 10 s, wait up to 60 s for headers or the next event, {@code store:false}. */
    public static ProviderSettings of(String name, URI baseUrl, Optional<ApiKey> apiKey) {
        return new ProviderSettings(name, baseUrl, apiKey, Duration.ofSeconds(10), Duration.ofSeconds(60), false);
    }

    public ProviderSettings withTimeouts(Duration connect, Duration request) {
        return new ProviderSettings(name, baseUrl, apiKey, connect, request, storeRequests, api);
    }

    private static void requirePositive(Duration duration, String what) {
        if (duration == null || !duration.isPositive()) {
            throw new IllegalArgumentException(what + " must be positive, got " + duration);
        }
    }
}

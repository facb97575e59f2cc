package io.grokgram.app;

import io.grokgram.llm.ApiKey;
import io.grokgram.llm.ChatProvider;
import io.grokgram.llm.OpenAiCompatibleProvider;
import io.grokgram.llm.ProviderSettings;
import io.grokgram.llm.ResilientProvider;
import io.grokgram.llm.RetryPolicy;
import io.grokgram.llm.Route;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds the configured provider chain: the primary provider asked for the model each request names, then the
 * fallback routes in order, with retries as configured. Only the privacy gate will hold it.
 */
final class Providers {
    /** xAI's advice for a 429 without Retry-After: 1 s, then doubling (see the xAI reference, rate limits). */
    private static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);

    private Providers() {}

    static ChatProvider create(Config config) {
        Config.Llm llm = config.llm();
        String host = llm.baseUrl().getHost();
        ChatProvider primary = client(isXai(host) ? "xai" : "openai-compatible", llm.baseUrl(), llm.apiKey(), llm);
        // Fallbacks at one base URL with one key share a client, as they would share a connection pool.
        Map<Endpoint, ChatProvider> clients = new LinkedHashMap<>();
        List<Route> routes = new ArrayList<>();
        routes.add(Route.asRequested(primary));
        for (Config.Fallback fallback : llm.fallbacks()) {
            ChatProvider provider = fallback.baseUrl()
                    .map(url -> clients.computeIfAbsent(
                            new Endpoint(url, fallback.apiKey()), e -> client(name(url), url, e.apiKey(), llm)))
                    .orElse(primary);
            routes.add(Route.to(provider, fallback.model()));
        }
        return new ResilientProvider(
                routes,
                new RetryPolicy(llm.attempts(), INITIAL_BACKOFF, llm.maxRetryWait()),
                Thread::sleep,
                () -> ThreadLocalRandom.current().nextLong(),
                Clock.systemUTC());
    }

    private record Endpoint(URI baseUrl, Secret apiKey) {}

    private static ChatProvider client(String name, URI baseUrl, Secret apiKey, Config.Llm llm) {
        Optional<ApiKey> key = apiKey.value().isEmpty() ? Optional.empty() : Optional.of(new ApiKey(apiKey.value()));
        return new OpenAiCompatibleProvider(
                new ProviderSettings(name, baseUrl, key, Duration.ofSeconds(10), llm.timeout(), false));
    }

    /** A fallback's name in logs and metrics: {@code xai}, else its host and port, e.g. {@code 127.0.0.1-11434}. */
    private static String name(URI baseUrl) {
        if (isXai(baseUrl.getHost())) {
            return "xai";
        }
        String host = baseUrl.getHost().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-");
        String name = (baseUrl.getPort() < 0 ? host : host + "-" + baseUrl.getPort()).replaceAll("^[^a-z0-9]+", "");
        // ProviderSettings takes 32 characters at most; a name is for reading, so the start is what matters.
        return name.isEmpty() ? "openai-compatible" : name.substring(0, Math.min(32, name.length()));
    }

    private static boolean isXai(String host) {
        return host.equals("x.ai") || host.endsWith(".x.ai");
    }
}

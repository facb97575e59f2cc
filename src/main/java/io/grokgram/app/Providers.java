package io.grokgram.app;

import io.grokgram.llm.ApiKey;
import io.grokgram.llm.ChainSettings;
import io.grokgram.llm.ProviderSettings;
import io.grokgram.llm.RetryPolicy;
import io.grokgram.llm.RouteSettings;
import io.grokgram.privacy.PrivacyPolicy;
import io.grokgram.privacy.RetentionStatement;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Describes the configured provider chain as settings: the primary provider asked for the model each request names, then
 * the fallback routes in order, with retries as configured. The privacy room builds the clients from it; this package
 * never holds one. Also the privacy policy's statement of what each of those providers keeps.
 */
final class Providers {
    /** xAI's advice for a 429 without Retry-After: 1 s, then doubling (see the xAI reference, rate limits). */
    private static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);

    private Providers() {}

    static ChainSettings chain(Config config) {
        Config.Llm llm = config.llm();
        // only the primary provider speaks the configured API; a fallback elsewhere is any OpenAI-compatible server
        ProviderSettings primary = provider(primaryName(llm.baseUrl()), llm.baseUrl(), llm.apiKey(), llm)
                .withApi(config.tools().api());
        List<RouteSettings> routes = new ArrayList<>();
        routes.add(RouteSettings.asRequested(primary));
        for (Config.Fallback fallback : llm.fallbacks()) {
            ProviderSettings provider = fallback.baseUrl()
                    .map(url -> provider(name(url), url, fallback.apiKey(), llm))
                    .orElse(primary);
            routes.add(RouteSettings.to(provider, fallback.model()));
        }
        return new ChainSettings(routes, new RetryPolicy(llm.attempts(), INITIAL_BACKOFF, llm.maxRetryWait()));
    }

    /**
     * The policy users agree to: the primary provider's statement (the operator's words, else xAI's published terms
     * for xAI), then one for each other provider of the chain, which says that the operator has not described it.
     */
    static PrivacyPolicy policy(Config.Privacy privacy, ChainSettings chain) {
        String primary = chain.primary().name();
        Map<String, RetentionStatement> statements = new LinkedHashMap<>();
        statements.put(
                primary,
                privacy.providerRetention()
                        .map(text -> new RetentionStatement(primary, text, privacy.zeroDataRetention()))
                        .orElseGet(() -> primary.equals("xai")
                                ? RetentionStatement.xai(privacy.zeroDataRetention())
                                : RetentionStatement.unknown(primary)));
        chain.routes()
                .forEach(route -> statements.computeIfAbsent(
                        route.provider().name(),
                        name -> name.equals("xai") ? RetentionStatement.xai(false) : RetentionStatement.unknown(name)));
        return new PrivacyPolicy(privacy.policyVersion(), List.copyOf(statements.values()));
    }

    private static ProviderSettings provider(String name, URI baseUrl, Secret apiKey, Config.Llm llm) {
        Optional<ApiKey> key = apiKey.value().isEmpty() ? Optional.empty() : Optional.of(new ApiKey(apiKey.value()));
        return new ProviderSettings(name, baseUrl, key, Duration.ofSeconds(10), llm.timeout(), false);
    }

    private static String primaryName(URI baseUrl) {
        return isXai(baseUrl.getHost()) ? "xai" : "openai-compatible";
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

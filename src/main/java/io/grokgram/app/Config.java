package io.grokgram.app;

import io.grokgram.assistant.AssistantSettings;
import io.grokgram.llm.ModelId;
import io.grokgram.llm.PriceTable;
import io.grokgram.telegram.BotToken;
import io.grokgram.telegram.OutboundLimits;
import io.grokgram.telegram.WebhookSecret;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The whole configuration, validated and frozen before anything starts. */
record Config(Telegram telegram, Llm llm, Store store, Http http, AssistantSettings assistant) {

    record Telegram(
            Optional<BotToken> token,
            URI apiBase,
            Duration pollTimeout,
            OutboundLimits limits,
            Optional<Webhook> webhook) {
        Telegram {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(apiBase, "apiBase");
            Objects.requireNonNull(webhook, "webhook");
        }
    }

    /** Webhook mode: Telegram posts updates to {@code url}, proving itself with {@code secret}. */
    record Webhook(URI url, WebhookSecret secret) {
        Webhook {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(secret, "secret");
        }

        /** The route the HTTP server serves: the URL's own path, as a reverse proxy in front passes it on unchanged. */
        String path() {
            return url.getRawPath();
        }
    }

    /**
     * The primary provider, and what happens when it fails.
     *
     * @param attempts calls per route, the first included
     * @param maxRetryWait the longest pause before a retry
     * @param fallbacks the routes tried in order once the primary one has failed
     */
    record Llm(
            URI baseUrl,
            Secret apiKey,
            PriceTable prices,
            Duration timeout,
            int attempts,
            Duration maxRetryWait,
            List<Fallback> fallbacks) {
        Llm {
            fallbacks = List.copyOf(fallbacks);
        }
    }

    /**
     * A fallback route: {@code model} on the primary provider when {@code baseUrl} is empty, else on the
     * OpenAI-compatible provider at {@code baseUrl} with the key read from {@code keyVariable} (none when empty).
     */
    record Fallback(ModelId model, Optional<URI> baseUrl, Optional<String> keyVariable, Secret apiKey) {
        Fallback {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(baseUrl, "baseUrl");
            Objects.requireNonNull(keyVariable, "keyVariable");
            Objects.requireNonNull(apiKey, "apiKey");
        }
    }

    record Store(String database, int poolSize) {}

    record Http(String host, int port) {}

    Config withTelegram(Telegram replacement) {
        return new Config(replacement, llm, store, http, assistant);
    }

    Config withLlm(Llm replacement) {
        return new Config(telegram, replacement, store, http, assistant);
    }
}

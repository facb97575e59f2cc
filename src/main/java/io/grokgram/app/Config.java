package io.grokgram.app;

import io.grokgram.assistant.AssistantSettings;
import io.grokgram.llm.PriceTable;
import io.grokgram.telegram.BotToken;
import io.grokgram.telegram.OutboundLimits;
import io.grokgram.telegram.WebhookSecret;
import java.net.URI;
import java.time.Duration;
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

    record Llm(URI baseUrl, Secret apiKey, PriceTable prices, Duration timeout) {}

    record Store(String database, int poolSize) {}

    record Http(String host, int port) {}

    Config withTelegram(Telegram replacement) {
        return new Config(replacement, llm, store, http, assistant);
    }

    Config withLlm(Llm replacement) {
        return new Config(telegram, replacement, store, http, assistant);
    }
}

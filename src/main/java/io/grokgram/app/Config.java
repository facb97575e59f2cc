package io.grokgram.app;

import io.grokgram.assistant.AssistantSettings;
import io.grokgram.llm.PriceTable;
import io.grokgram.telegram.BotToken;
import io.grokgram.telegram.OutboundLimits;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** The whole configuration, validated and frozen before anything starts. */
record Config(Telegram telegram, Llm llm, Store store, Http http, AssistantSettings assistant) {

    record Telegram(Optional<BotToken> token, URI apiBase, Duration pollTimeout, OutboundLimits limits) {
        Telegram {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(apiBase, "apiBase");
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

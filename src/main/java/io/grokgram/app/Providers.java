package io.grokgram.app;

import io.grokgram.llm.ApiKey;
import io.grokgram.llm.ChatProvider;
import io.grokgram.llm.OpenAiCompatibleProvider;
import io.grokgram.llm.ProviderSettings;
import java.time.Duration;
import java.util.Optional;

/** Builds the configured provider client. Only the privacy gate will hold it. */
final class Providers {
    private Providers() {}

    static ChatProvider create(Config config) {
        String host = config.llm().baseUrl().getHost();
        String name = host.equals("x.ai") || host.endsWith(".x.ai") ? "xai" : "openai-compatible";
        Optional<ApiKey> key = config.llm().apiKey().value().isEmpty()
                ? Optional.empty()
                : Optional.of(new ApiKey(config.llm().apiKey().value()));
        return new OpenAiCompatibleProvider(new ProviderSettings(
                name,
                config.llm().baseUrl(),
                key,
                Duration.ofSeconds(10),
                config.llm().timeout(),
                false));
    }
}

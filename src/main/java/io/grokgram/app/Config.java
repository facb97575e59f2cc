package io.grokgram.app;

import io.grokgram.assistant.AssistantSettings;
import io.grokgram.billing.BillingSettings;
import io.grokgram.billing.Plans;
import io.grokgram.llm.ModelId;
import io.grokgram.llm.PriceTable;
import io.grokgram.privacy.Detector;
import io.grokgram.privacy.MasterKey;
import io.grokgram.telegram.BotToken;
import io.grokgram.telegram.OutboundLimits;
import io.grokgram.telegram.WebhookSecret;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The whole configuration, validated and frozen before anything starts. */
record Config(
        Telegram telegram,
        Llm llm,
        Store store,
        Http http,
        AssistantSettings assistant,
        Privacy privacy,
        Billing billing,
        ScaleOut scaleOut,
        Tools tools,
        Optional<Path> languages) {

    /**
     * The tools: the primary provider's wire API (the Responses API brings the provider's own search), the HTTP search
     * backend, read_url's limits, the document index, and the loop's limits and fees.
     */
    record Tools(
            io.grokgram.llm.ProviderSettings.Api api,
            Optional<URI> searchUrl,
            boolean readPrivate,
            int readMaxBytes,
            Optional<String> knowledgeIndex,
            Duration callTimeout,
            int rounds,
            Duration turnTime,
            Duration inlineTime,
            Map<String, Long> fees) {
        Tools {
            Objects.requireNonNull(api, "api");
            Objects.requireNonNull(searchUrl, "searchUrl");
            Objects.requireNonNull(knowledgeIndex, "knowledgeIndex");
            fees = Map.copyOf(fees);
        }

        /** No tools: what tests of other rooms and offline commands use. */
        static Tools none() {
            return new Tools(
                    io.grokgram.llm.ProviderSettings.Api.CHAT,
                    Optional.empty(),
                    false,
                    1_000,
                    Optional.empty(),
                    Duration.ofSeconds(1),
                    0,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    Map.of());
        }
    }

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

    /**
     * The privacy room's settings.
     *
     * @param redactPatterns the operator's own redaction patterns by name, in name order
     * @param messageRetention how long conversation content is kept; zero keeps it
     * @param providerRetention what the primary provider keeps of requests, when the operator said
     * @param masterKey the key that wraps every user's content key; empty: content is not encrypted
     */
    record Privacy(
            int policyVersion,
            Set<Detector> detectors,
            Map<String, Pattern> redactPatterns,
            Duration messageRetention,
            Optional<String> providerRetention,
            boolean zeroDataRetention,
            Optional<MasterKey> masterKey) {
        Privacy {
            detectors = Set.copyOf(detectors);
            redactPatterns = Collections.unmodifiableMap(new TreeMap<>(redactPatterns));
            Objects.requireNonNull(messageRetention, "messageRetention");
            Objects.requireNonNull(providerRetention, "providerRetention");
            Objects.requireNonNull(masterKey, "masterKey");
        }
    }

    /** The billing room's settings: the plans and packs on offer, and how money is split and guarded. */
    record Billing(Plans plans, BillingSettings settings) {
        Billing {
            Objects.requireNonNull(plans, "plans");
            Objects.requireNonNull(settings, "settings");
        }
    }

    record Store(String database, int poolSize) {}

    /**
     * Scale-out: the Redis the bot's workers share, if any (a secret: the URL may carry a password).
     *
     * @param redisTimeout the longest wait for a Redis command before it counts as lost
     * @param expectedWorkers how many workers send for the bot: while Redis is lost each keeps this share of the limits
     * @param kafkaBootstrapServers Kafka's bootstrap servers for {@code ingress} and {@code worker}, if set
     * @param kafkaPartitions partitions of the update topic when a process creates it
     * @param kafkaSessionTimeout how long a silent worker keeps its partitions
     * @param pollingLease how long a polling ingress's lease lasts without renewal
     */
    record ScaleOut(
            Optional<Secret> redisUrl,
            Duration redisTimeout,
            int expectedWorkers,
            Optional<String> kafkaBootstrapServers,
            int kafkaPartitions,
            Duration kafkaSessionTimeout,
            Duration pollingLease) {
        ScaleOut {
            Objects.requireNonNull(redisUrl, "redisUrl");
            Objects.requireNonNull(redisTimeout, "redisTimeout");
            Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
            Objects.requireNonNull(kafkaSessionTimeout, "kafkaSessionTimeout");
            Objects.requireNonNull(pollingLease, "pollingLease");
        }

        /** The Kafka settings with these bootstrap servers (the command's option, or the setting). */
        io.grokgram.scaleout.KafkaSettings kafka(String bootstrapServers) {
            return new io.grokgram.scaleout.KafkaSettings(
                    bootstrapServers, kafkaPartitions, kafkaSessionTimeout, Duration.ofSeconds(10));
        }
    }

    /** The HTTP server's address, and the console's and Mini App's settings it serves. */
    record Http(String host, int port, io.grokgram.console.ConsoleSettings console) {
        Http {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(console, "console");
        }
    }

    Config withTelegram(Telegram replacement) {
        return new Config(replacement, llm, store, http, assistant, privacy, billing, scaleOut, tools, languages);
    }

    Config withLlm(Llm replacement) {
        return new Config(telegram, replacement, store, http, assistant, privacy, billing, scaleOut, tools, languages);
    }
}

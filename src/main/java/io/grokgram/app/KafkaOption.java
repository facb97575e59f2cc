package io.grokgram.app;

import picocli.CommandLine.Option;

/**
 * The {@code --kafka} option {@code grokgram ingress} and {@code grokgram worker} share (a picocli mixin): both need
 * the broker's address, from the option or else from the setting.
 */
final class KafkaOption {
    @Option(
            names = "--kafka",
            paramLabel = "HOST:PORT[,HOST:PORT...]",
            description = "Kafka's bootstrap servers (default: the setting GROKGRAM_KAFKA_BOOTSTRAP_SERVERS).")
    String kafka;

    /** The bootstrap servers this command was given, or the configured ones. */
    String bootstrapServers(Config config) {
        return bootstrapServers(kafka, config);
    }

    /** The option, else the setting (environment or config file); one of them is required. */
    static String bootstrapServers(String option, Config config) {
        String servers = option != null
                ? option
                : config.scaleOut().kafkaBootstrapServers().orElse("");
        if (servers.isBlank()) {
            throw new IllegalStateException(
                    "Kafka's address is needed: --kafka host:port or GROKGRAM_KAFKA_BOOTSTRAP_SERVERS");
        }
        return servers.strip();
    }
}

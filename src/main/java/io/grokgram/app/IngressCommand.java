package io.grokgram.app;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The ingress of a scaled-out installation: the webhook endpoint (or, without a webhook, long polling while it holds
 * the polling lease), which drops at once what triggers nothing and writes every trigger to Kafka before it confirms
 * the update to Telegram; the workers ({@code grokgram worker}) answer.
 */
@Command(
        name = "ingress",
        description = "Take Telegram's updates (webhook, or polling under a lease) and write each triggering one to"
                + " Kafka for the workers (see README).")
final class IngressCommand implements Callable<Integer> {
    private final Map<String, String> environment;

    @Option(
            names = "--kafka",
            paramLabel = "HOST:PORT[,HOST:PORT...]",
            description = "Kafka's bootstrap servers (default: the setting GROKGRAM_KAFKA_BOOTSTRAP_SERVERS).")
    String kafka;

    IngressCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws InterruptedException {
        return RunCommand.serve(environment, config -> new Grokgram.Role.Ingress(bootstrapServers(kafka, config)));
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

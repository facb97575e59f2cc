package io.grokgram.app;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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

    @Mixin
    KafkaOption kafka;

    IngressCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws InterruptedException {
        return RunCommand.serve(environment, config -> new Grokgram.Role.Ingress(kafka.bootstrapServers(config)));
    }
}

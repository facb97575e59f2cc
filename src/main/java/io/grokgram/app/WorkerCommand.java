package io.grokgram.app;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * A worker of a scaled-out installation: the assistant, fed from Kafka in the consumer group {@code grokgram-workers}
 * instead of polling or a webhook of its own. Any number may run: each answers the chats of the partitions it holds
 * and takes over those of a worker that stops or dies. Workers share the PostgreSQL store (and Redis for the limits).
 */
@Command(name = "worker", description = "Answer the updates the ingress wrote to Kafka (see README).")
final class WorkerCommand implements Callable<Integer> {
    private final Map<String, String> environment;

    @Mixin
    KafkaOption kafka;

    WorkerCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws InterruptedException {
        return RunCommand.serve(environment, config -> new Grokgram.Role.Worker(kafka.bootstrapServers(config)));
    }
}

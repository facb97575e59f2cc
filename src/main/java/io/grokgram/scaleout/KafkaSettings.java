package io.grokgram.scaleout;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach Kafka and how the update topic and the workers' group behave.
 *
 * @param bootstrapServers host:port[,host:port...] of the cluster
 * @param partitions how many partitions the topic gets when a process creates it (an existing topic keeps its own):
 *     the most workers that can share the load
 * @param sessionTimeout how long a worker may be silent before the group gives its partitions to the others: how long
 *     the chats of a worker that died (kill -9, a lost machine) wait before another one resumes them
 * @param adminTimeout the longest wait for the cluster when the topic is looked up or created at start
 */
public record KafkaSettings(String bootstrapServers, int partitions, Duration sessionTimeout, Duration adminTimeout) {
    public KafkaSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        Objects.requireNonNull(adminTimeout, "adminTimeout");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("Kafka's bootstrap servers must not be empty");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("the topic needs at least one partition, got " + partitions);
        }
    }

    /** The defaults for a cluster at {@code bootstrapServers}: 12 partitions, a 10 s session, 10 s admin waits. */
    public static KafkaSettings of(String bootstrapServers) {
        return new KafkaSettings(
                bootstrapServers, UpdateTopic.PARTITIONS, Duration.ofSeconds(10), Duration.ofSeconds(10));
    }
}

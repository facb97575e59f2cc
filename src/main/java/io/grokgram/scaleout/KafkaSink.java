package io.grokgram.scaleout;

import io.grokgram.telegram.InboundUpdate;
import io.grokgram.telegram.UpdateSink;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingress's sink: decides at once whether an update may trigger anything (non-triggers are dropped, never written)
 * and writes each trigger, exactly as Telegram posted it, to {@link UpdateTopic#NAME}. {@link #accept} returns only
 * after every in-sync replica acknowledged the record, so the webhook answers Telegram 200 only then; a failed or slow
 * send throws, the webhook answers an error and Telegram delivers the update again. The producer is idempotent, so its
 * own retries never write a record twice; a repeat from Telegram may be, and the workers' inbox makes it a no-op.
 */
public final class KafkaSink implements UpdateSink, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaSink.class);
    /** Well under Telegram's own wait for the webhook's answer, so the error reaches it and it retries. */
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final Producer<String, String> producer;
    private final Predicate<InboundUpdate> triggers;

    private final Duration sendTimeout;

    private KafkaSink(Producer<String, String> producer, Predicate<InboundUpdate> triggers, Duration sendTimeout) {
        this.producer = producer;
        this.triggers = triggers;
        this.sendTimeout = sendTimeout;
    }

    /**
     * Connects to the cluster {@code kafka} names with a producer that writes only what {@code triggers} lets through,
     * creating the topic when it is missing. A cluster that cannot be reached now does not stop the start: the
     * ingress comes up, answers Telegram errors until Kafka acknowledges again, and Telegram keeps the updates.
     */
    public static KafkaSink connect(KafkaSettings kafka, Predicate<InboundUpdate> triggers) {
        return connect(kafka, triggers, SEND_TIMEOUT);
    }

    static KafkaSink connect(KafkaSettings kafka, Predicate<InboundUpdate> triggers, Duration sendTimeout) {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(triggers, "triggers");
        try {
            UpdateTopic.ensure(kafka);
        } catch (IllegalStateException e) {
            log.warn(
                    "could not check the topic {} at start ({}); updates are answered with an error until Kafka"
                            + " acknowledges them",
                    UpdateTopic.NAME,
                    e.getMessage());
        }
        Map<String, Object> settings = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                0,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                (int) sendTimeout.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) sendTimeout.toMillis(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                sendTimeout.toMillis(),
                ProducerConfig.CLIENT_ID_CONFIG,
                "grokgram-ingress");
        return new KafkaSink(
                new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer()), triggers, sendTimeout);
    }

    @Override
    public void accept(InboundUpdate update, String rawJson) {
        if (!triggers.test(update)) {
            log.debug("update {} triggers nothing; dropped at ingress", update.updateId());
            return;
        }
        String key = UpdateTopic.key(update);
        try {
            producer.send(new ProducerRecord<>(UpdateTopic.NAME, key, rawJson))
                    .get(sendTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            log.warn(
                    "Kafka did not acknowledge update {} ({}); Telegram gets an error and delivers it again",
                    update.updateId(),
                    e.getMessage());
            throw new IllegalStateException(
                    "Kafka did not acknowledge update " + update.updateId() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing update " + update.updateId() + " to Kafka", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}

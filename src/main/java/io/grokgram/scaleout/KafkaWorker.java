package io.grokgram.scaleout;

import io.grokgram.telegram.InboundUpdate;
import io.grokgram.telegram.UpdateParser;
import io.grokgram.telegram.UpdateSink;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's intake from Kafka: a consumer in the group {@value #GROUP} that hands each record's update to the same
 * sink long polling and the webhook feed (the assistant's dispatcher), one partition's records in order, and commits
 * a record's offset only after the sink returned, that is after the update is in the inbox. A crash between the two
 * redelivers the record to whichever worker owns the partition then; the inbox, keyed by update id, ignores it. When
 * the sink fails (the store is down) the worker rewinds the partition to that record and tries again after a pause,
 * so nothing after it in that chat overtakes it.
 */
public final class KafkaWorker implements AutoCloseable {
    public static final String GROUP = "grokgram-workers";
    private static final Logger log = LoggerFactory.getLogger(KafkaWorker.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final Consumer<String, String> consumer;
    private final UpdateSink sink;
    private final UpdateParser parser = new UpdateParser();
    private final Thread thread;
    private volatile boolean closed;

    private KafkaWorker(Consumer<String, String> consumer, UpdateSink sink) {
        this.consumer = consumer;
        this.sink = sink;
        this.thread = Thread.ofPlatform().name("kafka-worker").unstarted(this::run);
    }

    /** Joins the consumer group at {@code bootstrapServers} and starts feeding {@code sink}. */
    public static KafkaWorker start(String bootstrapServers, UpdateSink sink) {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(sink, "sink");
        UpdateTopic.ensure(bootstrapServers);
        Map<String, Object> settings = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                GROUP,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                // a new group starts at the oldest record: anything in the topic was confirmed to Telegram and must
                // be answered
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.CLIENT_ID_CONFIG,
                "grokgram-worker");
        KafkaWorker worker = new KafkaWorker(
                new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer()), sink);
        worker.consumer.subscribe(List.of(UpdateTopic.NAME));
        worker.thread.start();
        return worker;
    }

    private void run() {
        try {
            while (!closed) {
                ConsumerRecords<String, String> records = consumer.poll(POLL);
                for (TopicPartition partition : records.partitions()) {
                    feed(partition, records.records(partition));
                }
            }
        } catch (WakeupException e) {
            if (!closed) {
                throw e;
            }
        } catch (RuntimeException e) {
            log.error("the Kafka worker stopped; no more updates are taken in by this process", e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    /** Feeds one partition's records in order; on a failure rewinds to the failed record and leaves the rest. */
    private void feed(TopicPartition partition, List<ConsumerRecord<String, String>> records) {
        for (ConsumerRecord<String, String> record : records) {
            InboundUpdate update = parser.parse(record.value());
            try {
                sink.accept(update, record.value());
            } catch (RuntimeException e) {
                log.warn(
                        "could not take in update {} from {}; trying again in {} ms",
                        update.updateId(),
                        partition,
                        RETRY_PAUSE.toMillis(),
                        e);
                consumer.seek(partition, record.offset());
                pause();
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
            done.put(partition, new OffsetAndMetadata(record.offset() + 1));
            consumer.commitSync(done);
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops taking records and leaves the group, so its partitions move to the other workers at once. */
    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

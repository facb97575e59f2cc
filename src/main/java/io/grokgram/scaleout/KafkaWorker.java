package io.grokgram.scaleout;

import io.grokgram.telegram.ChatId;
import io.grokgram.telegram.InboundUpdate;
import io.grokgram.telegram.UpdateParser;
import io.grokgram.telegram.UpdateSink;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's intake from Kafka: a consumer in the group {@value #GROUP} that hands each record's update to the same
 * sink long polling and the webhook feed (the assistant's dispatcher), one partition's records in order.
 *
 * <p><b>Finished, and the offsets.</b> An update is finished for Kafka once the sink returned: the sink writes the
 * inbox entry durably before it returns, and from then on the inbox owns the update's final answer (DESIGN.md,
 * Foundation II), whichever worker resumes it. So the committed offset of a partition is always that of its oldest
 * update not yet in the inbox: records are fed in order, a failed one stops its partition there, and the offsets after
 * the last fed record of each partition are committed after every poll, on a revocation and on close. A crash between
 * the inbox write and the commit redelivers the record; the inbox, keyed by update id, makes it a no-op. The turns
 * themselves run concurrently per chat behind the inbox, so different chats of one partition do not wait for each
 * other.
 *
 * <p><b>Rebalances.</b> The chats of a partition belong to the worker that holds the partition: the {@link Chats}
 * callback hands back the turns of chats whose partitions were revoked (returning once none of them runs here any
 * more) and resumes the unfinished inbox entries of the chats of gained partitions, found with the producer's own
 * partitioner ({@link #owns}). The cooperative assignor moves only the partitions that change owner, so a worker
 * joining or leaving does not interrupt the turns of chats that stay where they are.
 *
 * <p><b>Failures.</b> When the sink fails (PostgreSQL is down) the partition is rewound to that record and tried again
 * after a back-off, so nothing after it overtakes it and nothing is lost. When Kafka is unreachable the client retries
 * by itself; a failed commit is logged and kept for the next one.
 */
public final class KafkaWorker implements AutoCloseable {
    public static final String GROUP = "grokgram-workers";
    private static final java.util.concurrent.atomic.AtomicInteger WORKERS =
            new java.util.concurrent.atomic.AtomicInteger();
    private static final Logger log = LoggerFactory.getLogger(KafkaWorker.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration FIRST_RETRY = Duration.ofMillis(250);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(30);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);
    /** Without a partition for this long, the worker says so (Kafka unreachable, or more workers than partitions). */
    private static final Duration IDLE_WARNING = Duration.ofSeconds(60);

    /** The chats of a set of partitions: whether a chat (and forum topic; 0 = none) is among them. */
    @FunctionalInterface
    public interface ChatSet {
        boolean contains(ChatId chat, long threadId);
    }

    /** What the consumer of the updates (the assistant) does when this worker's share of the chats changes. */
    public interface Chats {
        /** These chats are no longer this worker's: end their turns (the inbox keeps them); return when none runs. */
        void lost(ChatSet chats);

        /** These chats are this worker's now: resume their unfinished inbox entries. */
        void gained(ChatSet chats);
    }

    private final KafkaSettings kafka;
    private final Consumer<String, String> consumer;
    private final UpdateSink sink;
    private final Chats chats;
    private final UpdateParser parser = new UpdateParser();
    private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
    private final Thread thread;
    private volatile Set<Integer> owned = Set.of();
    /** Gained partitions whose chats could not be resumed yet (the store was down): tried again after each poll. */
    private final Set<Integer> unresumed = new HashSet<>();

    private volatile int partitions;
    private volatile boolean closed;
    private int failures;
    private long idleSince = System.nanoTime();
    private long idleWarned;

    private KafkaWorker(KafkaSettings kafka, Consumer<String, String> consumer, UpdateSink sink, Chats chats) {
        this.kafka = kafka;
        this.consumer = consumer;
        this.sink = sink;
        this.chats = chats;
        this.partitions = kafka.partitions();
        this.thread = Thread.ofPlatform().name("kafka-worker").unstarted(this::run);
    }

    /**
     * A worker of the group at {@code kafka} that feeds {@code sink} and tells {@code chats} which chats are its own;
     * {@link #start} joins the group. The topic is created when missing; while Kafka cannot be reached this waits,
     * saying so.
     */
    public static KafkaWorker create(KafkaSettings kafka, UpdateSink sink, Chats chats) {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(chats, "chats");
        ensureTopic(kafka);
        int sessionMillis = (int) kafka.sessionTimeout().toMillis();
        Map<String, Object> settings = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
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
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                CooperativeStickyAssignor.class.getName(),
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                sessionMillis,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                Math.max(500, sessionMillis / 4),
                // several workers may share a JVM (the bench, tests): each client needs its own id for its metrics
                ConsumerConfig.CLIENT_ID_CONFIG,
                "grokgram-worker-" + WORKERS.incrementAndGet());
        return new KafkaWorker(
                kafka, new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer()), sink, chats);
    }

    /** Joins the consumer group and starts feeding the sink. */
    public KafkaWorker start() {
        consumer.subscribe(List.of(UpdateTopic.NAME), new Rebalance());
        thread.start();
        return this;
    }

    /** Whether the chat's records go to a partition this worker holds now: its turns are this worker's to run. */
    public boolean owns(ChatId chat, long threadId) {
        return owned.contains(UpdateTopic.partition(UpdateTopic.chat(chat.value(), threadId), partitions));
    }

    private static void ensureTopic(KafkaSettings kafka) {
        Duration delay = FIRST_RETRY;
        while (true) {
            try {
                UpdateTopic.ensure(kafka);
                return;
            } catch (IllegalStateException e) {
                log.warn(
                        "cannot reach Kafka at {} to check the topic {} ({}); trying again in {} ms",
                        kafka.bootstrapServers(),
                        UpdateTopic.NAME,
                        e.getMessage(),
                        delay.toMillis());
                if (!sleep(delay)) {
                    throw new IllegalStateException("interrupted while waiting for Kafka", e);
                }
                delay = longer(delay);
            }
        }
    }

    private void run() {
        try {
            while (!closed) {
                try {
                    ConsumerRecords<String, String> records = consumer.poll(POLL);
                    for (TopicPartition partition : records.partitions()) {
                        feed(partition, records.records(partition));
                    }
                    commit(uncommitted.keySet());
                    resumeLeftovers();
                    watchIdle();
                } catch (WakeupException e) {
                    if (!closed) {
                        throw e;
                    }
                } catch (KafkaException e) {
                    log.warn("Kafka failed under the worker ({}); polling again", e.getMessage());
                    sleep(FIRST_RETRY);
                }
            }
            commit(uncommitted.keySet());
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
                failures++;
                Duration delay = delay(failures);
                log.warn(
                        "could not take in update {} from {} (attempt {}: {}); it and what follows it wait, trying"
                                + " again in {} ms",
                        update.updateId(),
                        partition,
                        failures,
                        e.getMessage(),
                        delay.toMillis());
                consumer.seek(partition, record.offset());
                sleep(delay);
                return;
            }
            if (failures > 0) {
                log.info("taking in updates again after {} failed attempts", failures);
                failures = 0;
            }
            uncommitted.put(partition, new OffsetAndMetadata(record.offset() + 1));
        }
    }

    /** Commits what was fed of {@code partitions}; a failure is logged and the offsets kept for the next commit. */
    private void commit(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        partitions.forEach(partition -> {
            OffsetAndMetadata offset = uncommitted.get(partition);
            if (offset != null) {
                offsets.put(partition, offset);
            }
        });
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets, COMMIT_TIMEOUT);
            offsets.forEach(uncommitted::remove);
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // the records are in the inbox already: a lost commit only means they come again, and are ignored then
            log.warn("could not commit offsets {} ({}); keeping them for the next commit", offsets, e.getMessage());
        }
    }

    /** Resumes the chats of partitions gained while the store was down; they wait until it answers. */
    private void resumeLeftovers() {
        unresumed.retainAll(owned);
        if (unresumed.isEmpty()) {
            return;
        }
        Set<Integer> numbers = Set.copyOf(unresumed);
        unresumed.clear();
        resume(numbers);
    }

    private void resume(Set<Integer> numbers) {
        int count = partitions;
        try {
            chats.gained((chat, threadId) ->
                    numbers.contains(UpdateTopic.partition(UpdateTopic.chat(chat.value(), threadId), count)));
        } catch (RuntimeException e) {
            unresumed.addAll(numbers);
            log.warn(
                    "could not resume the chats of partitions {} ({}); trying again after the next poll",
                    numbers,
                    e.getMessage());
            sleep(FIRST_RETRY);
        }
    }

    private void watchIdle() {
        long now = System.nanoTime();
        if (!owned.isEmpty()) {
            idleSince = now;
            return;
        }
        if (now - idleSince > IDLE_WARNING.toNanos() && now - idleWarned > IDLE_WARNING.toNanos()) {
            idleWarned = now;
            log.warn(
                    "this worker has held no partition of {} for {} s: is Kafka at {} reachable, or do more workers"
                            + " run than the topic has partitions?",
                    UpdateTopic.NAME,
                    Duration.ofNanos(now - idleSince).toSeconds(),
                    kafka.bootstrapServers());
        }
    }

    /** Runs on the worker's thread inside poll(): the share of chats changes here, before any record of it is fed. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            if (revoked.isEmpty()) {
                return;
            }
            commit(revoked);
            release(revoked, "revoked");
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            // another worker may hold them already: nothing can be committed, the turns must stop at once
            release(lost, "lost");
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            partitions = Math.max(1, consumer.partitionsFor(UpdateTopic.NAME).size());
            if (assigned.isEmpty()) {
                return;
            }
            Set<Integer> gained = numbers(assigned);
            Set<Integer> now = new HashSet<>(owned);
            now.addAll(gained);
            owned = Set.copyOf(now);
            log.info("partitions {} of {} are this worker's now; resuming their chats", gained, UpdateTopic.NAME);
            resume(gained);
        }

        private void release(Collection<TopicPartition> gone, String how) {
            if (gone.isEmpty()) {
                return;
            }
            Set<Integer> numbers = numbers(gone);
            Set<Integer> now = new HashSet<>(owned);
            now.removeAll(numbers);
            owned = Set.copyOf(now);
            gone.forEach(uncommitted::remove);
            log.info("partitions {} of {} were {}; handing their chats over", numbers, UpdateTopic.NAME, how);
            chats.lost(chatsOf(numbers));
        }

        private ChatSet chatsOf(Set<Integer> numbers) {
            int count = partitions;
            return (chat, threadId) ->
                    numbers.contains(UpdateTopic.partition(UpdateTopic.chat(chat.value(), threadId), count));
        }

        private static Set<Integer> numbers(Collection<TopicPartition> partitions) {
            Set<Integer> numbers = new HashSet<>();
            partitions.forEach(partition -> numbers.add(partition.partition()));
            return Set.copyOf(numbers);
        }
    }

    private static Duration delay(int failures) {
        Duration delay = FIRST_RETRY;
        for (int i = 1; i < failures && delay.compareTo(LONGEST_RETRY) < 0; i++) {
            delay = longer(delay);
        }
        return delay;
    }

    private static Duration longer(Duration delay) {
        Duration doubled = delay.multipliedBy(2);
        return doubled.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : doubled;
    }

    private static boolean sleep(Duration delay) {
        try {
            Thread.sleep(delay);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops taking records, commits what was fed and leaves the group, so its partitions move to the others at once. */
    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

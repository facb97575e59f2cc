package io.grokgram.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grokgram.store.Database;
import io.grokgram.store.TestDatabases;
import io.grokgram.telegram.ChatId;
import io.grokgram.telegram.UpdateSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A worker against the real test broker and the machine's PostgreSQL: it knows which chats its partitions carry (the
 * producer's own partitioner decides), it keeps each chat's order, and it loses nothing while the store is gone.
 */
class KafkaWorkerTest {
    private static final Pattern CHAT = Pattern.compile("\"chat\":\\{\"id\":(-?\\d+)");
    private static final Pattern UPDATE = Pattern.compile("\"update_id\":(\\d+)");

    @Test
    void a_worker_alone_owns_exactly_the_partitions_the_producer_writes_its_chats_to() throws Exception {
        KafkaSettings kafka = KafkaSettings.of(TestKafka.shared().bootstrapServers());
        UpdateTopic.ensure(kafka);
        Set<Integer> gained = ConcurrentHashMap.newKeySet();
        KafkaWorker.Chats chats = new KafkaWorker.Chats() {
            @Override
            public void lost(KafkaWorker.ChatSet set) {}

            @Override
            public void gained(KafkaWorker.ChatSet set) {
                for (int chat = 1; chat <= 200; chat++) {
                    if (set.contains(new ChatId(chat), 0)) {
                        gained.add(chat);
                    }
                }
            }
        };
        try (KafkaProducer<String, String> producer = producer(kafka);
                KafkaWorker worker =
                        KafkaWorker.create(kafka, (update, raw) -> {}, chats).start()) {
            // where the producer puts each chat's records, asked of the broker itself
            Map<Long, Integer> partitionOf = new HashMap<>();
            for (long chat = 1; chat <= 200; chat++) {
                RecordMetadata sent = producer.send(
                                new ProducerRecord<>(UpdateTopic.NAME, UpdateTopic.chat(chat, 0), "{}"))
                        .get(10, TimeUnit.SECONDS);
                partitionOf.put(chat, sent.partition());
                assertThat(UpdateTopic.partition(UpdateTopic.chat(chat, 0), UpdateTopic.PARTITIONS))
                        .as("partition of chat %d", chat)
                        .isEqualTo(sent.partition());
            }

            // the only worker of the group holds every partition, so every chat is its own, and it said so
            await().atMost(Duration.ofSeconds(60)).until(() -> gained.size() == 200);
            assertThat(partitionOf.values()).hasSizeGreaterThan(6);
            for (long chat = 1; chat <= 200; chat++) {
                assertThat(worker.owns(new ChatId(chat), 0)).isTrue();
            }
        }
    }

    @Test
    void chats_gained_while_the_store_is_down_are_resumed_once_it_answers() {
        KafkaSettings kafka = KafkaSettings.of(TestKafka.shared().bootstrapServers());
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        Set<Long> resumed = ConcurrentHashMap.newKeySet();
        KafkaWorker.Chats chats = new KafkaWorker.Chats() {
            @Override
            public void lost(KafkaWorker.ChatSet set) {}

            @Override
            public void gained(KafkaWorker.ChatSet set) {
                if (attempts.incrementAndGet() <= 2) {
                    throw new IllegalStateException("the store is unreachable"); // what the inbox query throws
                }
                for (long chat = 1; chat <= 50; chat++) {
                    if (set.contains(new ChatId(chat), 0)) {
                        resumed.add(chat);
                    }
                }
            }
        };
        try (KafkaWorker worker =
                KafkaWorker.create(kafka, (update, raw) -> {}, chats).start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> resumed.size() == 50);
            assertThat(attempts.get()).isGreaterThanOrEqualTo(3);
            assertThat(worker.owns(new ChatId(1), 0)).isTrue();
        }
    }

    @Test
    void while_the_store_is_gone_the_worker_waits_and_then_takes_every_update_once_in_each_chats_order()
            throws Exception {
        KafkaSettings kafka = KafkaSettings.of(TestKafka.shared().bootstrapServers());
        UpdateTopic.ensure(kafka);
        String url = TestDatabases.postgresUrl();
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        long firstUpdate = 700_000_000L + (System.nanoTime() % 1_000_000L) * 100;
        try (Database store = Database.open(url, 4, Duration.ofSeconds(2));
                Database admin = Database.open(TestDatabases.postgresUrl(), 1, Duration.ofSeconds(2));
                KafkaProducer<String, String> producer = producer(kafka)) {
            store.useTransaction(tx -> tx.update(
                    "CREATE TABLE taken (update_id BIGINT PRIMARY KEY, chat_id BIGINT NOT NULL, seq BIGSERIAL)"));
            List<String> failures = new CopyOnWriteArrayList<>();
            // the sink writes each update to PostgreSQL, like the inbox: a repeat is a no-op
            UpdateSink sink = (update, raw) -> {
                Matcher chat = CHAT.matcher(raw);
                Matcher id = UPDATE.matcher(raw);
                if (!chat.find() || !id.find() || Long.parseLong(id.group(1)) < firstUpdate) {
                    return; // another test's record
                }
                try {
                    store.useTransaction(tx -> tx.update(
                            "INSERT INTO taken (update_id, chat_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                            Long.parseLong(id.group(1)),
                            Long.parseLong(chat.group(1))));
                } catch (RuntimeException e) {
                    failures.add(e.getMessage());
                    throw e;
                }
            };
            try (KafkaWorker worker = KafkaWorker.create(kafka, sink, quiet()).start()) {
                // the store goes away (its schema renamed: every statement fails as if the database were dropped)
                admin.useTransaction(tx -> tx.update("ALTER SCHEMA " + schema + " RENAME TO " + schema + "_gone"));
                List<Long> sent = new ArrayList<>();
                for (int index = 0; index < 60; index++) {
                    long chat = 5_000 + index % 6;
                    long update = firstUpdate + index;
                    producer.send(new ProducerRecord<>(
                                    UpdateTopic.NAME, UpdateTopic.chat(chat, 0), message(update, chat)))
                            .get(10, TimeUnit.SECONDS);
                    sent.add(update);
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> failures.size() >= 3);
                assertThat(count(admin, schema + "_gone"))
                        .as("nothing taken while the store is gone")
                        .isZero();

                // it comes back: everything arrives, once, each chat's updates in the order they were sent
                admin.useTransaction(tx -> tx.update("ALTER SCHEMA " + schema + "_gone RENAME TO " + schema));
                await().atMost(Duration.ofSeconds(90)).until(() -> count(admin, schema) == sent.size());
                for (long chat = 5_000; chat < 5_006; chat++) {
                    long current = chat;
                    List<Long> order = admin.inTransaction(tx -> tx.query(
                            "SELECT update_id FROM " + schema + ".taken WHERE chat_id = ? ORDER BY seq",
                            row -> row.getLong("update_id"),
                            current));
                    assertThat(order).as("chat %d", chat).isSorted().hasSize(10);
                    assertThat(worker.owns(new ChatId(chat), 0))
                            .as("the group's only worker owns chat %d", chat)
                            .isTrue();
                }
            }
        }
    }

    private static long count(Database admin, String schema) {
        return admin.inTransaction(
                tx -> tx.queryOne("SELECT COUNT(*) AS n FROM " + schema + ".taken", row -> row.getLong("n"))
                        .orElse(0L));
    }

    private static String message(long update, long chat) {
        return "{\"update_id\":" + update + ",\"message\":{\"message_id\":" + (update % 100_000)
                + ",\"date\":1700000000,\"chat\":{\"id\":" + chat + ",\"type\":\"private\"},"
                + "\"from\":{\"id\":" + chat + ",\"is_bot\":false,\"first_name\":\"A\"},\"text\":\"hi " + update
                + "\"}}";
    }

    private static KafkaWorker.Chats quiet() {
        return new KafkaWorker.Chats() {
            @Override
            public void lost(KafkaWorker.ChatSet chats) {}

            @Override
            public void gained(KafkaWorker.ChatSet chats) {}
        };
    }

    private static KafkaProducer<String, String> producer(KafkaSettings kafka) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new StringSerializer());
    }
}

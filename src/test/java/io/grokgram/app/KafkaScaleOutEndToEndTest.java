package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grokgram.privacy.ConsentKind;
import io.grokgram.privacy.Consents;
import io.grokgram.privacy.DataSubject;
import io.grokgram.sandbox.BotApiEmulator;
import io.grokgram.sandbox.ChatMessage;
import io.grokgram.sandbox.Pace;
import io.grokgram.sandbox.SandboxUser;
import io.grokgram.sandbox.TestProvider;
import io.grokgram.sandbox.TestProviderSettings;
import io.grokgram.scaleout.TestKafka;
import io.grokgram.scaleout.UpdateTopic;
import io.grokgram.store.Database;
import io.grokgram.store.TestDatabases;
import io.grokgram.web.HttpServer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scale-out over Kafka end to end: the emulator posts updates to the ingress's webhook, the ingress writes the
 * triggering ones to a real Kafka broker, one worker consumes them into the inbox on PostgreSQL and answers through the
 * emulator. Two processes' worth of Grokgram in one JVM, each started by the composition root in its role.
 */
class KafkaScaleOutEndToEndTest {
    private static final String TOKEN = "7000002:SANDBOX-kafka-token-abcdefghijklmnop";
    private static final String SECRET = "kafka-webhook_secret-1";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    static final BotApiEmulator telegram = new BotApiEmulator(Clock.systemUTC());
    static final TestProvider provider =
            new TestProvider(TestProviderSettings.defaults().withPace(Pace.INSTANT));
    static HttpServer services;
    static Grokgram ingress;
    static Grokgram worker;
    static String kafka;
    static String database;

    @BeforeAll
    static void start() throws IOException {
        kafka = TestKafka.shared().bootstrapServers();
        telegram.registerBot(TOKEN, "grokgram_kafka_bot", "Grok");
        telegram.setWebhookRetry(Duration.ofMillis(200), 50);
        services = HttpServer.start("127.0.0.1", 0, List.of(telegram, provider));
        database = TestDatabases.postgresUrl();
        int port = SandboxRig.freePort();

        Map<String, String> env = SandboxRig.botEnvironment(TOKEN, services.baseUrl(), database);
        env.put("GROKGRAM_HTTP_PORT", "0");
        env.put("GROKGRAM_FREE_TURNS_PER_DAY", "1000");

        Map<String, String> ingressEnv = new HashMap<>(env);
        ingressEnv.put("GROKGRAM_HTTP_PORT", Integer.toString(port));
        ingressEnv.put("GROKGRAM_WEBHOOK_URL", "http://127.0.0.1:" + port + "/telegram/hook");
        ingressEnv.put("GROKGRAM_WEBHOOK_SECRET", SECRET);
        ingress = SandboxRig.startInProcess(ingressEnv, new Grokgram.Role.Ingress(kafka));

        worker = SandboxRig.startInProcess(env, new Grokgram.Role.Worker(kafka));
    }

    @AfterAll
    static void stop() {
        telegram.close();
        if (ingress != null) {
            ingress.close();
        }
        if (worker != null) {
            worker.close();
        }
        if (services != null) {
            services.close();
        }
    }

    @Test
    void a_private_message_goes_through_kafka_to_the_worker_and_is_answered() {
        SandboxUser user = consentingUser(810_001);

        user.send("What is the capital of France?");

        assertThat(awaitBotMessages(user.chatId(), 1))
                .singleElement()
                .satisfies(answer -> assertThat(answer.text()).isNotBlank());
        assertThat(telegram.rejections()).isEmpty();
    }

    @Test
    void a_group_message_not_addressed_to_the_bot_never_reaches_kafka() {
        // given: a group with the bot, settled (its membership updates and welcome are through)
        SandboxUser user = consentingUser(810_002);
        long group = user.createGroupWithBot("Kafka friends");
        await().atMost(PATIENCE).until(() -> !botMessagesIn(group).isEmpty());
        long before = recordsInTopic();

        // when: people talk among themselves, then someone asks the bot
        user.sendToGroup(group, "lunch at noon, anyone?");
        user.sendToGroupMentioningBot(group, "Grok, what is two plus two?");

        // then: the question is answered, and of the two messages only the question was written to Kafka (the
        // webhook delivers one chat's updates in order, so the first was decided before the answer came)
        await().atMost(PATIENCE).until(() -> botMessagesIn(group).size() >= 2);
        assertThat(recordsInTopic()).isEqualTo(before + 1);
    }

    @Test
    void a_question_released_in_the_store_without_a_signal_here_is_answered_within_seconds() {
        // given: a user who has not accepted the policy asks: the question is held and the policy shown
        SandboxUser user = telegram.user(810_003, "Hana", Optional.of("hana810003"), "en");
        user.send("What is the capital of Peru?");
        await().atMost(PATIENCE).until(() -> inboxStates(user.userId()).contains("HELD"));

        // when: another process accepts for them in the store (as another worker does for a consent given through it):
        // the consent is recorded and the held question released, and no signal reaches this worker
        try (Database other = Database.open(database, 1, Duration.ofSeconds(10))) {
            new Consents(other, 1, Clock.systemUTC(), false)
                    .record(new DataSubject(user.userId()), ConsentKind.SERVICE, true, "en");
            other.useTransaction(tx ->
                    tx.update("UPDATE inbox SET state = 'STORED' WHERE user_id = ? AND state = 'HELD'", user.userId()));
        }

        // then: the worker's look for waiting chats (every 5 s) starts the chat and the question is answered
        await().atMost(PATIENCE)
                .until(() -> botMessagesIn(user.chatId()).stream()
                        .anyMatch(m -> m.text().contains("capital of Peru")));
        await().atMost(PATIENCE).until(() -> inboxStates(user.userId()).equals(List.of("DONE")));
    }

    private static List<String> inboxStates(long userId) {
        try (Database store = Database.open(database, 1, Duration.ofSeconds(10))) {
            return store.inTransaction(
                    tx -> tx.query("SELECT state FROM inbox WHERE user_id = ?", row -> row.getString("state"), userId));
        }
    }

    private static SandboxUser consentingUser(long id) {
        SandboxUser user = telegram.user(id, "Tester", Optional.of("tester" + id), "en");
        worker.consents().record(new DataSubject(id), ConsentKind.SERVICE, true, "en");
        return user;
    }

    private static List<ChatMessage> botMessagesIn(long chat) {
        return telegram.messages(chat).stream().filter(ChatMessage::fromBot).toList();
    }

    private static List<ChatMessage> awaitBotMessages(long chat, int count) {
        await().atMost(PATIENCE).until(() -> botMessagesIn(chat).size() >= count);
        return botMessagesIn(chat);
    }

    /** Every record ever written to the topic: the sum of its partitions' end offsets. */
    private static long recordsInTopic() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "count-" + UUID.randomUUID()),
                new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(UpdateTopic.NAME).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            return consumer.endOffsets(partitions).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        }
    }
}

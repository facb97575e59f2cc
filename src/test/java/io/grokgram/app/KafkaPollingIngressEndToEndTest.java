package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grokgram.privacy.ConsentKind;
import io.grokgram.privacy.DataSubject;
import io.grokgram.sandbox.BotApiEmulator;
import io.grokgram.sandbox.ChatMessage;
import io.grokgram.sandbox.Pace;
import io.grokgram.sandbox.SandboxUser;
import io.grokgram.sandbox.TestProvider;
import io.grokgram.sandbox.TestProviderSettings;
import io.grokgram.scaleout.TestKafka;
import io.grokgram.store.Database;
import io.grokgram.store.TestDatabases;
import io.grokgram.web.HttpServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Two ingresses without a webhook in front of Kafka: only the one holding the polling lease long-polls the emulator;
 * when it stops, the other takes the lease and polls, and the worker answers throughout.
 */
class KafkaPollingIngressEndToEndTest {
    private static final String TOKEN = "7000005:POLLING-ingress-token-abcdefghijklm";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void one_of_two_polling_ingresses_polls_and_the_other_takes_over_when_it_stops() {
        BotApiEmulator telegram = new BotApiEmulator(Clock.systemUTC());
        telegram.registerBot(TOKEN, "grokgram_polling_bot", "Grok");
        TestProvider provider = new TestProvider(TestProviderSettings.defaults().withPace(Pace.INSTANT));
        String database = TestDatabases.postgresUrl();
        String kafka = TestKafka.shared().bootstrapServers();
        try (HttpServer services = HttpServer.start("127.0.0.1", 0, List.of(telegram, provider));
                Grokgram worker = start(services.baseUrl(), database, new Grokgram.Role.Worker(kafka));
                Grokgram first = start(services.baseUrl(), database, new Grokgram.Role.Ingress(kafka));
                Grokgram second = start(services.baseUrl(), database, new Grokgram.Role.Ingress(kafka));
                Database store = Database.open(database, 2, Duration.ofSeconds(10))) {
            SandboxUser user = telegram.user(830_001, "Tester", Optional.empty(), "en");
            worker.consents().record(new DataSubject(830_001), ConsentKind.SERVICE, true, "en");

            user.send("first question");
            await().atMost(PATIENCE).until(() -> botMessages(telegram, user).size() >= 1);
            List<String> holders = holders(store);
            assertThat(holders).as("one lease, one poller").hasSize(1);

            // the holder stops (a clean stop gives the lease up); the other polls within its next renewal
            Grokgram polling = first.pollingLeaseHolder().orElseThrow().equals(holders.getFirst()) ? first : second;
            polling.close();
            user.send("second question");
            await().atMost(PATIENCE).until(() -> botMessages(telegram, user).size() >= 2);
            assertThat(holders(store)).as("the lease changed hands").hasSize(1).doesNotContainAnyElementsOf(holders);
            assertThat(botMessages(telegram, user).getLast().text()).contains("second question");
        } finally {
            provider.close();
        }
    }

    private static List<String> holders(Database store) {
        return store.inTransaction(tx -> tx.query("SELECT holder FROM intake_lease", row -> row.getString("holder")));
    }

    private static List<ChatMessage> botMessages(BotApiEmulator telegram, SandboxUser user) {
        return telegram.messages(user.chatId()).stream()
                .filter(ChatMessage::fromBot)
                .toList();
    }

    private static Grokgram start(String base, String database, Grokgram.Role role) {
        Map<String, String> env = SandboxRig.botEnvironment(TOKEN, base, database);
        env.put("GROKGRAM_HTTP_PORT", "0");
        env.put("GROKGRAM_POLL_TIMEOUT", "1s");
        env.put("GROKGRAM_POLLING_LEASE", "3s");
        return SandboxRig.startInProcess(env, role);
    }
}

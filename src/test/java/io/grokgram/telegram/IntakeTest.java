package io.grokgram.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grokgram.sandbox.BotApiEmulator;
import io.grokgram.sandbox.SandboxUser;
import io.grokgram.store.Database;
import io.grokgram.store.TestDatabases;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our own long-polling loop against the emulator: nothing confirmed before it is stored. */
class IntakeTest {
    private static final String TOKEN = EmulatedTelegram.TOKEN;

    @TempDir
    Path dir;

    private final EmulatedTelegram telegram =
            new EmulatedTelegram(OutboundLimits.TELEGRAM, ChatStatusListener.ignoring());
    private final BotApiEmulator emulator = telegram.emulator;
    private final BotApi api = telegram.api;

    @AfterEach
    void stop() {
        telegram.close();
    }

    @Test
    void updates_reach_the_sink_in_order_and_the_offset_survives_a_restart() {
        List<InboundUpdate> received = new CopyOnWriteArrayList<>();
        SandboxUser user = emulator.user(31, "Bo", Optional.empty(), "en");
        try (Database database = TestDatabases.sqlite(dir)) {
            try (Intake intake = intake(database, (update, raw) -> received.add(update))) {
                intake.start();
                user.send("one");
                user.send("two");
                await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
            }
            user.send("three");
            try (Intake intake = intake(database, (update, raw) -> received.add(update))) {
                intake.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 3);
            }
        }

        assertThat(received)
                .extracting(u -> ((InboundUpdate.Message) u).content())
                .containsExactly(
                        new InboundUpdate.Text("one"), new InboundUpdate.Text("two"), new InboundUpdate.Text("three"));
    }

    @Test
    void an_update_the_sink_could_not_store_is_fetched_again() {
        AtomicBoolean failOnce = new AtomicBoolean(true);
        List<Long> stored = new CopyOnWriteArrayList<>();
        SandboxUser user = emulator.user(32, "Cy", Optional.empty(), "en");
        try (Database database = TestDatabases.sqlite(dir);
                Intake intake = intake(database, (update, raw) -> {
                    if (failOnce.getAndSet(false)) {
                        throw new IllegalStateException("disk full");
                    }
                    stored.add(update.updateId());
                })) {
            intake.start();
            user.send("precious");
            await().atMost(Duration.ofSeconds(10)).until(() -> stored.size() == 1);
        }

        assertThat(stored).containsExactly(emulator.lastUpdateId(TOKEN));
    }

    @Test
    void a_malformed_update_is_handed_over_as_such_and_does_not_block_the_next() {
        List<InboundUpdate> received = new CopyOnWriteArrayList<>();
        SandboxUser user = emulator.user(33, "Di", Optional.empty(), "en");
        try (Database database = TestDatabases.sqlite(dir);
                Intake intake = intake(database, (update, raw) -> received.add(update))) {
            intake.start();
            emulator.injectRawUpdate(TOKEN, "{\"message\":{\"chat\":{\"id\":\"nonsense\"}}}");
            user.send("after the junk");
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
        }

        assertThat(received.get(0)).isInstanceOf(InboundUpdate.Malformed.class);
        assertThat(received.get(1)).isInstanceOf(InboundUpdate.Message.class);
    }

    @Test
    void polling_deletes_a_webhook_left_from_webhook_mode_and_fetches_its_pending_updates() {
        // a port nobody listens on: the emulator cannot deliver, so the update waits
        api.setWebhook(
                URI.create("http://127.0.0.1:9/telegram/hook"),
                new WebhookSecret("left-over"),
                Intake.ALLOWED_UPDATES,
                java.util.OptionalInt.empty());
        SandboxUser user = emulator.user(34, "Ed", Optional.empty(), "en");
        user.send("sent while the webhook was set");
        List<InboundUpdate> received = new CopyOnWriteArrayList<>();
        try (Database database = TestDatabases.sqlite(dir);
                Intake intake = intake(database, (update, raw) -> received.add(update))) {
            intake.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        }

        assertThat(api.webhookUrl()).isEmpty();
        assertThat(((InboundUpdate.Message) received.getFirst()).content())
                .isEqualTo(new InboundUpdate.Text("sent while the webhook was set"));
    }

    private Intake intake(Database database, UpdateSink sink) {
        return new Intake(api, sink, database, new BotToken(TOKEN).botId(), Duration.ofSeconds(1), Clock.systemUTC());
    }
}

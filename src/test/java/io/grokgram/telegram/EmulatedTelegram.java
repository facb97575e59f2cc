package io.grokgram.telegram;

import io.grokgram.sandbox.BotApiEmulator;
import io.grokgram.sandbox.BotEvent;
import io.grokgram.sandbox.RejectedCall;
import io.grokgram.sandbox.SandboxUser;
import io.grokgram.web.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.awaitility.Awaitility;

/**
 * The emulator behind a real HTTP server, a Bot API client and an {@link Outbound} talking to it: the rig of the
 * outbound and intake tests.
 */
final class EmulatedTelegram implements AutoCloseable {
    static final String TOKEN = "4545:outbound-rig-token-abcdefghijk";

    final BotApiEmulator emulator = new BotApiEmulator(Clock.systemUTC());
    final Outbound outbound;
    private final HttpServer server;
    final BotApi api;

    /** For calls a test makes side by side; closed first, so they finish against a server that is still up. */
    final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    EmulatedTelegram(OutboundLimits limits, ChatStatusListener listener) {
        emulator.registerBot(TOKEN, "rig_bot", "Rig");
        server = HttpServer.start("127.0.0.1", 0, List.of(emulator));
        api = new BotApi(new BotToken(TOKEN), URI.create(server.baseUrl()), Duration.ofSeconds(10));
        outbound = new Outbound(api, limits, listener, new SimpleMeterRegistry());
    }

    /** Where the emulator listens, e.g. for raw Bot API calls a test makes itself. */
    String baseUrl() {
        return server.baseUrl();
    }

    /** A private chat whose user has written to the bot, so the bot may answer. */
    ChatId privateChat(long userId) {
        user(userId).send("hi");
        return new ChatId(userId);
    }

    /** A Telegram user named after their id, who has not written to the bot yet. */
    SandboxUser user(long userId) {
        return emulator.user(userId, "User" + userId, Optional.empty(), "en");
    }

    /** The messages the emulator accepted in a chat, in order. */
    List<BotEvent> sent(ChatId chat) {
        return events(chat, BotEvent.Kind.SENT);
    }

    List<BotEvent> events(ChatId chat, BotEvent.Kind kind) {
        return emulator.events(chat.value()).stream()
                .filter(event -> event.kind() == kind)
                .toList();
    }

    /** Waits until the emulator has answered {@code count} calls with an error; returns the last of them. */
    RejectedCall awaitRejections(int count) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> emulator.rejections().size() >= count);
        return emulator.rejections().get(count - 1);
    }

    @Override
    public void close() {
        threads.close();
        api.close();
        server.close();
    }
}

package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.grokgram.web.HttpServer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One emulator with one bot behind a real HTTP server on a free port, and a client speaking for that bot. */
final class Sandbox implements AutoCloseable {
    static final String TOKEN = "7357001:AAH-sandbox_token";
    static final long BOT_ID = 7357001L;

    final BotApiEmulator emulator;
    final HttpServer server;
    final BotApiClient api;
    private long nextOffset;

    private Sandbox(Clock clock, List<io.grokgram.web.HttpModule> extra) {
        emulator = new BotApiEmulator(clock);
        emulator.registerBot(TOKEN, "grokgram_bot", "Grokgram");
        List<io.grokgram.web.HttpModule> modules = new java.util.ArrayList<>();
        modules.add(emulator);
        modules.addAll(extra);
        server = HttpServer.start("127.0.0.1", 0, modules);
        api = new BotApiClient(server.baseUrl(), TOKEN);
    }

    static Sandbox start() {
        return new Sandbox(Clock.systemUTC(), List.of());
    }

    static Sandbox start(Clock clock) {
        return new Sandbox(clock, List.of());
    }

    static Sandbox withWebChat() {
        return new Sandbox(Clock.systemUTC(), List.of(new WebChat()));
    }

    /** A user who has already written to the bot, so the private chat exists. */
    SandboxUser userWhoWrote(long id, String firstName) {
        SandboxUser user = emulator.user(id, firstName, Optional.of(firstName.toLowerCase()), "en");
        user.send("hi");
        return user;
    }

    /**
     * A user who has already written to the bot, with that first message already taken: the next {@link #takeUpdates}
     * holds only what the test itself caused.
     */
    SandboxUser userAlreadyHeard(long id, String firstName) {
        SandboxUser user = userWhoWrote(id, firstName);
        takeUpdates();
        return user;
    }

    /** Every update waiting for the bot, oldest first; confirmed, so the next call returns only newer ones. */
    List<JsonNode> takeUpdates() {
        var response = api.json("getUpdates", BotApiClient.params("offset", nextOffset, "timeout", 0));
        if (!response.ok()) {
            throw new IllegalStateException("getUpdates failed: " + response.raw());
        }
        List<JsonNode> updates = new ArrayList<>();
        response.result().forEach(updates::add);
        if (!updates.isEmpty()) {
            nextOffset = updates.getLast().path("update_id").asLong() + 1;
        }
        return updates;
    }

    /** The messages among the waiting updates, as {@link #takeUpdates} takes them. */
    List<JsonNode> takeMessages() {
        return takeUpdates().stream()
                .filter(update -> update.has("message"))
                .map(update -> update.path("message"))
                .toList();
    }

    BotApiClient client(String token) {
        return new BotApiClient(server.baseUrl(), token);
    }

    @Override
    public void close() {
        emulator.close();
        server.close();
    }
}

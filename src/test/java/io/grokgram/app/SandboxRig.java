package io.grokgram.app;

import static org.awaitility.Awaitility.await;

import io.grokgram.privacy.ConsentKind;
import io.grokgram.privacy.Consents;
import io.grokgram.privacy.DataSubject;
import io.grokgram.sandbox.BotApiEmulator;
import io.grokgram.sandbox.ChatMessage;
import io.grokgram.sandbox.Pace;
import io.grokgram.sandbox.SandboxUser;
import io.grokgram.sandbox.SandboxWeb;
import io.grokgram.sandbox.TestProvider;
import io.grokgram.sandbox.TestProviderSettings;
import io.grokgram.store.Database;
import io.grokgram.telegram.BotToken;
import io.grokgram.web.HttpModule;
import io.grokgram.web.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The whole system on this machine for end-to-end tests: the Bot API emulator and the test provider on a real HTTP
 * server (port 0), and Grokgram started by its composition root against both, over HTTP, exactly as in production.
 */
final class SandboxRig implements AutoCloseable {
    static final String TOKEN = "7000001:SANDBOX-test-token-abcdefghijklmnop";
    static final String WEBHOOK_PATH = "/telegram/hook";
    static final String WEBHOOK_SECRET = "rig-webhook_secret-1";
    private static final long WARM_UP_USER = 1;

    /** Shared by the emulator and the bot; tests may move it forward (a subscription runs out). */
    final ShiftableClock clock = new ShiftableClock();

    final BotApiEmulator telegram = new BotApiEmulator(clock);
    final TestProvider provider =
            new TestProvider(TestProviderSettings.defaults().withPace(Pace.INSTANT));
    /** The sandbox web: a search API and pages, so the tools run offline. */
    final SandboxWeb web = new SandboxWeb();

    final HttpServer services;
    final Config config;
    Grokgram bot;

    /** Modules the bot's own HTTP server mounts besides its own (as {@code grokgram sandbox} mounts the web chat). */
    private final List<HttpModule> botModules;

    SandboxRig(Path dir, Map<String, String> overrides) {
        this(dir, overrides, List.of());
    }

    /**
     * The system with {@code botModules} and the emulator's routes also on the bot's own server, one origin as in
     * {@code grokgram sandbox}: the web chat, the console and the Mini App side by side. The emulator's routes are
     * mounted through a plain lambda, so the bot never closes the emulator itself.
     */
    SandboxRig(Path dir, Map<String, String> overrides, List<HttpModule> botModules) {
        List<HttpModule> modules = new java.util.ArrayList<>(botModules);
        if (!botModules.isEmpty()) {
            modules.add(routes -> telegram.register(routes));
        }
        this.botModules = List.copyOf(modules);
        telegram.registerBot(TOKEN, "grokgram_test_bot", "Grok");
        // Telegram waits seconds between webhook retries; tests cannot
        telegram.setWebhookRetry(Duration.ofMillis(200), 50);
        services = HttpServer.start("127.0.0.1", 0, List.of(telegram, provider, web));
        Map<String, String> env = botEnvironment(
                TOKEN, services.baseUrl(), dir.resolve("grokgram.db").toString());
        env.put("GROKGRAM_HTTP_PORT", "0");
        env.put("GROKGRAM_POLL_TIMEOUT", "2s");
        env.put("GROKGRAM_PREVIEW_DELAY", "800ms");
        env.put("GROKGRAM_DRAFT_INTERVAL", "250ms");
        env.put("GROKGRAM_LIMIT_CHAT_PER_SECOND", "20");
        // the tests of turns are not about quotas: the free plan gets plenty, with the limits the assistant had before
        env.put("GROKGRAM_FREE_TURNS_PER_DAY", "1000");
        env.put("GROKGRAM_FREE_MAX_OUTPUT_TOKENS", "4096");
        // tools on, as in production, with the sandbox web as the search backend and its pages on loopback readable
        env.put("GROKGRAM_SEARCH_URL", services.baseUrl() + "/search");
        env.put("GROKGRAM_READ_URL_ALLOW_PRIVATE", "true");
        env.putAll(overrides);
        config = ConfigLoader.load(env, ConfigLoader.Mode.RUN);
        bot = startBot();
        warmUp();
    }

    /**
     * Records the user's service consent through the running bot's own {@link Consents}, as the consent dialog will when
     * they press its button (the store keeps it across {@link #restartBot()}).
     */
    void grantConsent(long userId) {
        bot.consents().record(new DataSubject(userId), ConsentKind.SERVICE, true, "en");
    }

    /** A user who has agreed to the policy, so the gate answers them. */
    SandboxUser consentingUser(long userId, String firstName, Optional<String> username, String languageCode) {
        SandboxUser user = telegram.user(userId, firstName, username, languageCode);
        grantConsent(userId);
        return user;
    }

    private Grokgram startBot() {
        return Grokgram.start(
                config, config.telegram().token().orElseThrow(), Providers.chain(config), botModules, clock);
    }

    /** Stops the bot as SIGTERM would (graceful shutdown) and starts a new one on the same store. */
    void restartBot() {
        bot.close();
        bot = startBot();
    }

    /** The bot's store, opened beside the running bot (SQLite in WAL mode allows it) for checks. */
    Database store() {
        return Database.open(config.store().database(), 1, Duration.ofSeconds(10));
    }

    /**
     * The user's turns of {@code purpose} ("answer", "inline", …) as recorded for metering: prompt, cached, completion
     * and reasoning tokens, and the cost in nano-USD.
     */
    List<long[]> turnUsage(long userId, String purpose) {
        try (Database store = store()) {
            return store.inTransaction(tx -> tx.query(
                    "SELECT prompt_tokens, cached_tokens, completion_tokens, reasoning_tokens, cost_nano_usd"
                            + " FROM turn_usage WHERE user_id = ? AND purpose = ?",
                    row -> new long[] {
                        row.getLong("prompt_tokens"),
                        row.getLong("cached_tokens"),
                        row.getLong("completion_tokens"),
                        row.getLong("reasoning_tokens"),
                        row.getLong("cost_nano_usd")
                    },
                    userId,
                    purpose));
        }
    }

    /** One turn before the tests, so class loading and the JIT do not make the first test's answer look slow. */
    private void warmUp() {
        SandboxUser user = telegram.user(WARM_UP_USER, "Warm", Optional.empty(), "en");
        accept(user);
        user.send("warming up");
        await().atMost(Duration.ofSeconds(30)).until(() -> botMessages(user).size() >= 2);
    }

    /**
     * The system selling Premium for 250 Stars, with prices for both the free model ({@code grok-test}) and the premium
     * one ({@code grok-4.3}), so costs and revenue show; {@code overrides} win.
     */
    static SandboxRig sellingPremium(Path dir, Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        env.put("GROKGRAM_PREMIUM_STARS", "250");
        env.put("GROKGRAM_LLM_PRICES", "grok-4.3=1.25/0.20/2.50;grok-test=0.20/0.05/0.50");
        env.putAll(overrides);
        return new SandboxRig(dir, env);
    }

    /**
     * The same system with the bot in webhook mode: its HTTP server on a free port serves {@link #WEBHOOK_PATH}, and
     * the emulator posts every update there instead of answering getUpdates.
     */
    static SandboxRig withWebhook(Path dir, Map<String, String> overrides) {
        int port = freePort();
        Map<String, String> env = new HashMap<>();
        env.put("GROKGRAM_HTTP_PORT", Integer.toString(port));
        env.put("GROKGRAM_WEBHOOK_URL", "http://127.0.0.1:" + port + WEBHOOK_PATH);
        env.put("GROKGRAM_WEBHOOK_SECRET", WEBHOOK_SECRET);
        env.putAll(overrides);
        return new SandboxRig(dir, env);
    }

    String webhookUrl() {
        return bot.http().baseUrl() + WEBHOOK_PATH;
    }

    /**
     * The settings every test bot starts from, a new map to add to: bot {@code token} against the emulator and the test
     * provider served at {@code base} (model {@code grok-test}), its store at {@code database}.
     */
    static Map<String, String> botEnvironment(String token, String base, String database) {
        Map<String, String> env = new HashMap<>();
        env.put("GROKGRAM_BOT_TOKEN", token);
        env.put("GROKGRAM_TELEGRAM_API", base);
        env.put("GROKGRAM_LLM_BASE_URL", base + "/v1");
        env.put("GROKGRAM_LLM_MODEL", "grok-test");
        env.put("GROKGRAM_LLM_PROVIDER_NAME", "the sandbox provider");
        env.put("GROKGRAM_DATABASE", database);
        return env;
    }

    /**
     * A bot started in this JVM from {@code env} alone, as the process reads its environment, in {@code role} and on
     * the system clock: the scale-out tests' ingresses and workers, which share a store and a Kafka but no rig.
     */
    static Grokgram startInProcess(Map<String, String> env, Grokgram.Role role) {
        Config config = ConfigLoader.load(env, ConfigLoader.Mode.RUN);
        return Grokgram.start(
                config,
                config.telegram().token().orElseThrow(),
                Providers.chain(config),
                List.of(),
                Clock.systemUTC(),
                role);
    }

    /** A port nothing listens on now, for a server a test starts next. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bot's messages in the user's private chat, oldest first, as the chat shows them now. */
    List<ChatMessage> botMessages(SandboxUser user) {
        return telegram.messages(user.chatId()).stream()
                .filter(ChatMessage::fromBot)
                .toList();
    }

    /** Waits (up to 20 s) until the bot has sent at least {@code count} messages to the user; returns them all. */
    List<ChatMessage> awaitBotMessages(SandboxUser user, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> botMessages(user).size() >= count);
        return botMessages(user);
    }

    /** The callback data of the consent question's Accept button. */
    static final String ACCEPT = "c:s:1";

    /**
     * The user accepts the service consent the way a person does: {@code /start}, then the Accept button under the
     * consent question; returns once the question's message says thank you.
     */
    void accept(SandboxUser user) {
        user.send("/start");
        ChatMessage question = awaitButton(user, ACCEPT);
        user.pressButton(user.chatId(), question.messageId(), ACCEPT);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> telegram.messages(user.chatId()).stream()
                        .anyMatch(m -> m.messageId() == question.messageId()
                                && m.text().startsWith("Thank you")));
    }

    /** A new user who accepted the service consent. */
    SandboxUser consentedUser(long id, String firstName) {
        SandboxUser user = telegram.user(id, firstName, Optional.empty(), "en");
        accept(user);
        return user;
    }

    /** Waits for the bot's newest message in the user's chat that carries a button with {@code callbackData}. */
    ChatMessage awaitButton(SandboxUser user, String callbackData) {
        return awaitButton(user.chatId(), callbackData);
    }

    ChatMessage awaitButton(long chat, String callbackData) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> telegram.messages(chat).stream()
                                .filter(ChatMessage::fromBot)
                                .filter(m -> m.replyMarkup()
                                        .map(markup -> markup.toString().contains("\"" + callbackData + "\""))
                                        .orElse(false))
                                .reduce((a, b) -> b),
                        Optional::isPresent)
                .orElseThrow();
    }

    /** Waits for the bot's first message in {@code chat} that meets {@code condition}. */
    ChatMessage awaitBotMessage(long chat, Predicate<ChatMessage> condition) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> telegram.messages(chat).stream()
                                .filter(ChatMessage::fromBot)
                                .filter(condition)
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }

    /** The invoice link ({@code https://t.me/$…}) of a button under {@code message}. */
    static String invoiceLink(ChatMessage message) {
        for (var row : message.replyMarkup().orElseThrow().path("inline_keyboard")) {
            for (var button : row) {
                if (button.path("url").asText().startsWith("https://t.me/$")) {
                    return button.path("url").asText();
                }
            }
        }
        throw new AssertionError("no invoice link under: " + message.text());
    }

    BotToken token() {
        return new BotToken(TOKEN);
    }

    @Override
    public void close() {
        telegram.close();
        bot.close();
        provider.close();
        services.close();
    }
}

package io.grokgram.app;

import io.grokgram.privacy.ConsentKind;
import io.grokgram.privacy.DataSubject;
import io.grokgram.sandbox.BotApiEmulator;
import io.grokgram.sandbox.TestProvider;
import io.grokgram.sandbox.TestProviderSettings;
import io.grokgram.store.Database;
import io.grokgram.web.HttpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures the gateway's own cost per turn on this machine: the bot, the Bot API emulator and the test provider run in
 * this process and talk over real HTTP on loopback, as in {@code grokgram sandbox}; simulated users ask questions and
 * the time from a question to its final message, minus the provider call, is the gateway's overhead. A subcommand
 * rather than a test helper so operators can measure their own hardware and store with the shipped jar.
 */
@Command(
        name = "bench",
        description = "Measure the gateway's overhead per turn (turn time minus provider time) against the test"
                + " provider, in this process; prints p50/p90/p99/max and throughput.")
final class BenchCommand implements Callable<Integer> {
    static final String TOKEN = "1000002:bench-token-not-a-secret-0000000";

    @Option(names = "--turns", defaultValue = "1000", description = "Measured turns (default: ${DEFAULT-VALUE}).")
    int turns;

    @Option(names = "--chats", defaultValue = "100", description = "Chats asking at once (default: ${DEFAULT-VALUE}).")
    int chats;

    @Option(
            names = "--warmup",
            defaultValue = "200",
            description = "Turns before the measured ones, left out of the figures (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
            names = "--database",
            description = "A scratch store: an SQLite file or a jdbc:postgresql: URL (default: a new SQLite file in a"
                    + " temporary folder, removed afterwards). The bench writes turns into it.")
    String database;

    private final Map<String, String> environment;

    BenchCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        if (turns < 1 || chats < 1 || warmup < 0 || turns % chats != 0) {
            throw new IllegalArgumentException(
                    "--turns and --chats must be positive, --turns a multiple of --chats, --warmup not negative; got "
                            + turns + ", " + chats + " and " + warmup);
        }
        Path scratch = Files.createTempDirectory("grokgram-bench");
        String store = database == null ? scratch.resolve("bench.db").toString() : database;
        BotApiEmulator telegram = new BotApiEmulator(Clock.systemUTC());
        telegram.registerBot(TOKEN, "grokgram_bench_bot", "Grok");
        TestProvider provider = new TestProvider(TestProviderSettings.defaults());
        try (HttpServer services = HttpServer.start("127.0.0.1", 0, List.of(telegram, provider))) {
            Config config = ConfigLoader.load(settings(services.baseUrl(), store), ConfigLoader.Mode.RUN);
            Grokgram bot = Grokgram.start(
                    config,
                    config.telegram().token().orElseThrow(),
                    Providers.chain(config),
                    List.of(),
                    Clock.systemUTC());
            // the bench's users agree to the policy first, as every user must before the gate sends anything
            for (int chat = 0; chat < chats; chat++) {
                bot.consents()
                        .record(new DataSubject(GatewayBenchmark.FIRST_USER + chat), ConsentKind.SERVICE, true, "en");
            }
            GatewayBenchmark.Result result;
            try (Database usage = Database.open(store, 2, Duration.ofSeconds(10))) {
                GatewayBenchmark benchmark = new GatewayBenchmark(telegram, usage, chats, Duration.ofSeconds(60));
                if (warmup >= chats) {
                    benchmark.run(warmup / chats, 0);
                }
                result = benchmark.run(turns / chats, 1);
            } finally {
                provider.close();
                bot.close();
            }
            print(result, store, database == null);
        } finally {
            deleteQuietly(scratch);
        }
        return 0;
    }

    /**
     * The bench's own settings; from the environment only what shapes the answer (persona, context, previews). The
     * outbound limits and the per-user flood limit are lifted: at Telegram's 30 messages a second the bench would
     * measure Telegram, not Grokgram.
     */
    private Map<String, String> settings(String base, String store) {
        Map<String, String> env = new HashMap<>();
        environment.forEach((key, value) -> {
            if (key.equals("GROKGRAM_PERSONA")
                    || key.startsWith("GROKGRAM_CONTEXT_")
                    || key.startsWith("GROKGRAM_PREVIEW")
                    || key.equals("GROKGRAM_DRAFT_INTERVAL")
                    || key.equals("GROKGRAM_MAX_OUTPUT_TOKENS")) {
                env.put(key, value);
            }
        });
        env.put("GROKGRAM_BOT_TOKEN", TOKEN);
        env.put("GROKGRAM_TELEGRAM_API", base);
        env.put("GROKGRAM_LLM_BASE_URL", base + "/v1");
        env.put("GROKGRAM_LLM_MODEL", "grok-test");
        env.put("GROKGRAM_LLM_PRICES", "grok-test=1.25/0.20/2.50");
        env.put("GROKGRAM_LLM_PROVIDER_NAME", "the test provider");
        env.put("GROKGRAM_DATABASE", store);
        env.put("GROKGRAM_HTTP_PORT", "0");
        env.put("GROKGRAM_LIMIT_CHAT_PER_SECOND", "1000");
        env.put("GROKGRAM_LIMIT_GROUP_PER_MINUTE", "100000");
        env.put("GROKGRAM_LIMIT_BOT_PER_SECOND", "100000");
        // a bench user asks question after question; the per-user flood limit would drop them after twenty a minute
        env.put("GROKGRAM_FLOOD_PER_MINUTE", "100000");
        // and the Free plan's daily quota after twenty turns
        env.put("GROKGRAM_FREE_TURNS_PER_DAY", "100000");
        return env;
    }

    private void print(GatewayBenchmark.Result result, String store, boolean scratch) {
        System.out.printf(
                Locale.ROOT,
                "%nGrokgram gateway overhead: %d turns from %d chats in %.1f s (%.1f turns/s)%n",
                result.turns(),
                chats,
                result.wall().toMillis() / 1000.0,
                result.turns() * 1000.0 / Math.max(1, result.wall().toMillis()));
        System.out.printf(
                Locale.ROOT,
                "setup: %d CPUs, Java %s (%s), store %s, test provider at its default pace, Telegram limits lifted,"
                        + " %d warm-up turns left out%n",
                Runtime.getRuntime().availableProcessors(),
                Runtime.version(),
                System.getProperty("java.vendor"),
                scratch ? "SQLite (a new file)" : Database.redact(store),
                warmup);
        System.out.printf(Locale.ROOT, "%-34s %7s %7s %7s %7s%n", "per turn, ms", "p50", "p90", "p99", "max");
        row("end to end (question → answer)", result.endToEnd());
        row("provider (request → last token)", result.provider());
        row("overhead (end to end − provider)", result.overhead());
        row("  of it before the answer is sent", result.beforeDelivery());
    }

    private static void row(String name, Distribution millis) {
        System.out.printf(
                Locale.ROOT,
                "%-34s %7d %7d %7d %7d%n",
                name,
                millis.percentile(50),
                millis.percentile(90),
                millis.percentile(99),
                millis.max());
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a scratch folder in the temp directory: the system cleans it up if we cannot
        }
    }
}

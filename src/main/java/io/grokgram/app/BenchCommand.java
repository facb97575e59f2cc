package io.grokgram.app;

import io.grokgram.privacy.ConsentKind;
import io.grokgram.privacy.Consents;
import io.grokgram.privacy.DataSubject;
import io.grokgram.sandbox.BotApiEmulator;
import io.grokgram.sandbox.RateLimits;
import io.grokgram.sandbox.TestProvider;
import io.grokgram.sandbox.TestProviderSettings;
import io.grokgram.store.Database;
import io.grokgram.telegram.TelegramMarkdown;
import io.grokgram.web.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures the gateway's own cost per turn on this machine: the bot, the Bot API emulator and the test provider run in
 * this process and talk over real HTTP on loopback, as in {@code grokgram sandbox}; simulated users in private chats
 * and groups ask questions, and the time from a question to its final message, minus the provider call, is the
 * gateway's overhead. Around it: throughput, time to first visible text, Telegram calls and 429s, prompt caching,
 * memory and CPU. A subcommand rather than a test helper so operators can measure their own hardware and store with
 * the shipped jar. With {@code --bot-process} the bot runs in a JVM of its own instead, so its memory and CPU are
 * measured apart from the emulator's, the provider's and the users' (the targets are the bot's).
 */
@Command(
        name = "bench",
        description = "Load the bot with simulated chats against the test provider, in this process (or, with"
                + " --bot-process, in a JVM of its own); prints a table"
                + " (throughput, overhead p50/p99/p99.9, time to first text, Telegram calls, cache, memory, CPU)"
                + " and optionally writes it as JSON.")
final class BenchCommand implements Callable<Integer> {
    static final String TOKEN = "1000002:bench-token-not-a-secret-0000000";
    static final String BOT_USERNAME = "grokgram_bench_bot";
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    @Option(names = "--chats", defaultValue = "100", description = "Chats asking at once (default: ${DEFAULT-VALUE}).")
    int chats;

    @Option(
            names = "--groups",
            defaultValue = "0",
            description = "Share of the chats (so of the turns) that are groups, 0 to 1 (default: ${DEFAULT-VALUE}).")
    double groups;

    @Option(
            names = "--turns-per-chat",
            defaultValue = "10",
            description = "Measured questions each chat asks, one after another (default: ${DEFAULT-VALUE}).")
    int turnsPerChat;

    @Option(
            names = "--warmup",
            defaultValue = "2",
            description = "Questions per chat before the measured ones, left out of the figures; they stay in the"
                    + " conversations (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
            names = "--profile",
            defaultValue = "realistic",
            description = "The test provider's latency: zero, realistic or slow (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(
            names = "--limits",
            defaultValue = "off",
            description = "off: Telegram's flood limits lifted in the emulator and the bot; telegram: both keep"
                    + " Telegram's published limits (default: ${DEFAULT-VALUE}).")
    String limits;

    @Option(
            names = "--bot-process",
            description = "Run the bot as grokgram run in a JVM of its own (same settings, this JVM's memory and GC"
                    + " options), so its CPU per turn, heap after GC and RSS are reported apart from the emulator's,"
                    + " the provider's and the users' (default: the bot runs in this process).")
    boolean botProcess;

    @Option(names = "--json", description = "Also write every figure to this file as JSON.")
    Path json;

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
        BenchProfile pace = validated();
        boolean telegramLimits = limits.equals("telegram");
        Path scratch = Files.createTempDirectory("grokgram-bench");
        String store = database == null ? scratch.resolve("bench.db").toString() : database;
        BotApiEmulator telegram = new BotApiEmulator(Clock.systemUTC());
        telegram.registerBot(TOKEN, BOT_USERNAME, "Grok");
        telegram.setRateLimits(telegramLimits ? RateLimits.telegram() : RateLimits.off());
        TestProvider provider = new TestProvider(TestProviderSettings.defaults().withPace(pace.pace()));
        try (HttpServer services = HttpServer.start("127.0.0.1", 0, List.of(telegram, provider))) {
            Map<String, String> settings = settings(services.baseUrl(), store, telegramLimits);
            Config config = ConfigLoader.load(settings, ConfigLoader.Mode.RUN);
            Load load = new Load(telegram, provider, services.baseUrl(), pace, store, telegramLimits);
            BenchReport report = botProcess
                    ? inBotProcess(load, config, settings, scratch.resolve("bot.log"))
                    : inProcess(load, config);
            report.print(System.out);
            if (json != null) {
                report.writeJson(json);
                System.out.println("JSON written to " + json);
            }
        } finally {
            deleteQuietly(scratch);
        }
        return 0;
    }

    /** What every run loads the bot with, and where. */
    private record Load(
            BotApiEmulator telegram,
            TestProvider provider,
            String servicesBase,
            BenchProfile pace,
            String store,
            boolean telegramLimits) {}

    /** The bot as the bench sees it: where its users' consents go, its /metrics, and its JVM when not this one. */
    private record Bot(Consents consents, String baseUrl, Optional<BenchBotProcess> process) {}

    private BenchReport inProcess(Load load, Config config) throws Exception {
        Grokgram bot = Grokgram.start(
                config, config.telegram().token().orElseThrow(), Providers.chain(config), List.of(), Clock.systemUTC());
        try (Database usage = Database.open(load.store(), 2, Duration.ofSeconds(10))) {
            return measure(new Bot(bot.consents(), bot.http().baseUrl(), Optional.empty()), load, usage);
        } finally {
            load.provider().close();
            bot.close();
        }
    }

    /**
     * The bot as {@code grokgram run} in a JVM of its own on the same settings. The store is migrated here first, so
     * the users' consents can be written before the bot looks any of them up (its consent cache is per process).
     */
    private BenchReport inBotProcess(Load load, Config config, Map<String, String> settings, Path log)
            throws Exception {
        try (Database usage = Database.open(load.store(), 2, Duration.ofSeconds(10))) {
            usage.migrate();
            Consents consents = new Consents(usage, config.privacy().policyVersion(), Clock.systemUTC());
            List<String> extra = List.of(environment
                    .getOrDefault(BenchBotProcess.JAVA_OPTIONS, "")
                    .trim()
                    .split("\\s+"));
            try (BenchBotProcess bot =
                    BenchBotProcess.start(settings, extra.equals(List.of("")) ? List.of() : extra, log)) {
                progress("starting the bot in a JVM of its own (pid " + bot.pid() + ")");
                bot.awaitUp(Duration.ofMinutes(2));
                try {
                    return measure(new Bot(consents, bot.baseUrl(), Optional.of(bot)), load, usage);
                } catch (Exception | Error e) {
                    bot.logTail().ifPresent(tail -> progress("the bot process's log ends with:\n" + tail));
                    throw e;
                }
            }
        } finally {
            load.provider().close();
        }
    }

    private BenchProfile validated() {
        List<String> problems = new ArrayList<>();
        if (chats < 1) {
            problems.add("--chats must be at least 1, got " + chats);
        }
        if (!(groups >= 0 && groups <= 1)) {
            problems.add("--groups is a share from 0 to 1, got " + groups);
        }
        if (turnsPerChat < 1) {
            problems.add("--turns-per-chat must be at least 1, got " + turnsPerChat);
        }
        if (warmup < 0) {
            problems.add("--warmup must not be negative, got " + warmup);
        }
        if (!limits.equals("off") && !limits.equals("telegram")) {
            problems.add("--limits is off or telegram, got " + limits);
        }
        Optional<BenchProfile> pace = switch (profile) {
            case "zero" -> Optional.of(BenchProfile.ZERO);
            case "realistic" -> Optional.of(BenchProfile.REALISTIC);
            case "slow" -> Optional.of(BenchProfile.SLOW);
            default -> Optional.empty();
        };
        if (pace.isEmpty()) {
            problems.add("--profile is zero, realistic or slow, got " + profile);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return pace.orElseThrow();
    }

    private BenchReport measure(Bot bot, Load load, Database usage) throws Exception {
        BotApiEmulator telegram = load.telegram();
        BenchProfile pace = load.pace();
        List<GatewayBenchmark.Chat> users = GatewayBenchmark.chats(telegram, chats, groups);
        // the bench's users agree to the policy first, as every user must before the gate sends anything
        for (GatewayBenchmark.Chat chat : users) {
            bot.consents().record(new DataSubject(chat.user().userId()), ConsentKind.SERVICE, true, "en");
        }
        // a turn may wait behind others for Telegram's limits and the machine's two or so cores: generous patience
        GatewayBenchmark benchmark = new GatewayBenchmark(
                telegram, BOT_USERNAME, users, pace, finalText(load.servicesBase(), pace), Duration.ofMinutes(5));
        if (warmup > 0) {
            progress("warming up: " + warmup + " questions in each of " + chats + " chats");
            withProgress(benchmark, warmup * chats, () -> benchmark.run(warmup, 0));
        }
        String botBase = bot.baseUrl();
        Map<String, Long> callsBefore = BenchMeters.settledTelegramCalls(botBase);
        int tooManyBefore = telegram.tooManyRequestsServed();
        long cpuBefore = BenchMeters.processCpuNanos();
        long jitBefore = BenchMeters.compilerCpuNanos();
        long botCpuBefore = bot.process().map(BenchBotProcess::cpuNanos).orElse(0L);
        long botJitBefore = bot.process().map(BenchBotProcess::compilerCpuNanos).orElse(0L);
        Instant from = Instant.now();
        List<GatewayBenchmark.Turn> turns;
        try (BenchMeters.ProviderArrivals arrivals = new BenchMeters.ProviderArrivals(load.provider())) {
            progress("measuring: " + turnsPerChat + " questions in each of " + chats + " chats");
            turns = withProgress(benchmark, turnsPerChat * chats, () -> benchmark.run(turnsPerChat, 1));
            Instant to = Instant.now();
            long cpu = BenchMeters.processCpuNanos() - cpuBefore;
            // a compiler thread the JVM retired takes its time with it: never report less than nothing
            long jit = Math.max(0, BenchMeters.compilerCpuNanos() - jitBefore);
            Optional<BenchReport.BotProcess> botFigures = bot.process()
                    .map(process -> process.figures(
                            process.cpuNanos() - botCpuBefore,
                            Math.max(0, process.compilerCpuNanos() - botJitBefore),
                            turns.size()));
            Map<String, Long> calls = BenchMeters.since(callsBefore, BenchMeters.settledTelegramCalls(botBase));
            BenchMeters.Outbound outbound = BenchMeters.Outbound.of(telegram, users, from, to);
            BenchReport report = BenchFigures.report(
                    new BenchReport.Setup(
                            chats,
                            groups,
                            turnsPerChat,
                            warmup,
                            pace,
                            load.telegramLimits(),
                            database == null ? "SQLite (a new file)" : Database.redact(load.store()),
                            Runtime.getRuntime().availableProcessors(),
                            Runtime.version() + " (" + System.getProperty("java.vendor") + ")"),
                    turns,
                    Duration.between(from, to),
                    BenchFigures.usage(usage),
                    arrivals::arrival,
                    calls,
                    telegram.tooManyRequestsServed() - tooManyBefore,
                    outbound,
                    cpu,
                    jit);
            return botFigures.map(report::withBotProcess).orElse(report);
        }
    }

    /** Runs the load while a virtual thread prints how far it got every few seconds (on stderr, so stdout stays the table). */
    static <T> T withProgress(GatewayBenchmark benchmark, int total, Callable<T> load) throws Exception {
        long started = System.nanoTime();
        Thread reporter = Thread.ofVirtual().name("bench-progress").start(() -> {
            try {
                while (true) {
                    Thread.sleep(PROGRESS_EVERY);
                    double seconds = (System.nanoTime() - started) / 1e9;
                    int done = benchmark.answered();
                    progress(String.format(
                            Locale.ROOT,
                            "%d/%d turns answered in %.0f s (%.0f turns/s)",
                            done,
                            total,
                            seconds,
                            done / seconds));
                }
            } catch (InterruptedException e) {
                // the load is over
            }
        });
        try {
            return load.call();
        } finally {
            reporter.interrupt();
            reporter.join();
        }
    }

    private static void progress(String line) {
        System.err.println("bench: " + line);
    }

    /**
     * The final message as Telegram will show it: the provider's answer to {@code #long N}, asked once here, rendered
     * as the bot renders it. The answer depends only on N, so every turn's final message has this text.
     */
    static String finalText(String servicesBase, BenchProfile pace) throws IOException, InterruptedException {
        String body = "{\"model\":\"grok-test\",\"messages\":[{\"role\":\"user\",\"content\":\"#long "
                + pace.answerChars() + " probe\"}]}";
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(servicesBase + "/v1/chat/completions"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String markdown = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(response.body())
                    .path("choices")
                    .path(0)
                    .path("message")
                    .path("content")
                    .asText();
            if (markdown.isEmpty()) {
                throw new IllegalStateException("the test provider did not answer the probe: " + response.body());
            }
            return new TelegramMarkdown().render(markdown).text();
        }
    }

    /**
     * The bench's own settings; from the environment only what shapes the answer (persona, context, previews). With
     * {@code --limits off} the outbound limits are lifted: at Telegram's 30 messages a second the bench would measure
     * Telegram, not Grokgram. The per-user flood limit and the Free plan's daily quota are always lifted: a bench user
     * asks question after question.
     */
    private Map<String, String> settings(String base, String store, boolean telegramLimits) {
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
        if (!telegramLimits) {
            env.put("GROKGRAM_LIMIT_CHAT_PER_SECOND", "1000");
            env.put("GROKGRAM_LIMIT_GROUP_PER_MINUTE", "100000");
            env.put("GROKGRAM_LIMIT_BOT_PER_SECOND", "100000");
        }
        env.put("GROKGRAM_FLOOD_PER_MINUTE", "100000");
        env.put("GROKGRAM_FREE_TURNS_PER_DAY", "100000");
        return env;
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

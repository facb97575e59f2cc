package io.grokgram.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grokgram.privacy.ConsentKind;
import io.grokgram.privacy.Consents;
import io.grokgram.privacy.DataSubject;
import io.grokgram.sandbox.BotApiEmulator;
import io.grokgram.sandbox.RateLimits;
import io.grokgram.sandbox.TestProvider;
import io.grokgram.sandbox.TestProviderSettings;
import io.grokgram.scaleout.TestKafka;
import io.grokgram.shared.TestRedis;
import io.grokgram.store.Database;
import io.grokgram.store.TestDatabases;
import io.grokgram.web.HttpServer;
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
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The scale-out bench: the same simulated users, emulator, test provider and figures as {@code grokgram bench}, but the
 * bot runs as one ingress (long polling the emulator, writing triggers to Kafka; in this JVM) and N workers, each a
 * {@code grokgram worker} in a JVM of its own (its own heap, its own CPU time), on a fresh PostgreSQL schema, the
 * shared Redis and a Kafka broker. Each worker runs at most {@code --max-turns} turns at once
 * ({@code GROKGRAM_WORKER_MAX_TURNS}), so with a provider that takes seconds a worker's throughput is its cap over the
 * turn time, and the question is whether a second worker doubles it.
 *
 * <p>A program, not a test, and on the test class path because the Kafka broker ({@link TestKafka}) is test-scope:
 * {@code mvn -B -o -q test-compile exec:exec -Dbench.args="--workers 1,2,4"} (README, "Benchmark").
 */
@Command(
        name = "scale-out-bench",
        mixinStandardHelpOptions = true,
        description = "Ingress + N worker JVMs over PostgreSQL, Kafka and Redis under simulated chats; prints the"
                + " bench table per run and a summary.")
final class ScaleOutBench implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--workers", split = ",", defaultValue = "1,2,4", description = "Worker counts to run.")
    List<Integer> workers;

    @Option(names = "--chats", defaultValue = "400", description = "Chats asking at once.")
    int chats;

    @Option(names = "--groups", defaultValue = "0", description = "Share of the chats that are groups, 0 to 1.")
    double groups;

    @Option(names = "--turns-per-chat", defaultValue = "5", description = "Measured questions per chat.")
    int turnsPerChat;

    @Option(names = "--warmup", defaultValue = "1", description = "Questions per chat before the measured ones.")
    int warmup;

    @Option(
            names = "--profile",
            defaultValue = "hosted",
            description = "Provider latency: zero, realistic, hosted (1 s to first token) or slow.")
    String profile;

    @Option(
            names = "--max-turns",
            defaultValue = "50",
            description = "GROKGRAM_WORKER_MAX_TURNS of each worker (0: no cap).")
    int maxTurns;

    @Option(names = "--repeat", defaultValue = "1", description = "Runs of each worker count (interleaved).")
    int repeat;

    @Option(names = "--worker-heap", defaultValue = "512m", description = "-Xmx of each worker JVM.")
    String workerHeap;

    @Option(names = "--json", description = "Also write every run's figures to this file as JSON.")
    Path json;

    public static void main(String[] args) {
        int status = new CommandLine(new ScaleOutBench()).execute(args);
        // the Kafka broker's client threads and the shared Redis connection are not daemons
        System.exit(status);
    }

    /** One run's figures: the bench report and the workers' own meters. */
    record Run(int workers, int round, BenchReport report, List<WorkerProcess.Figures> perWorker) {}

    @Override
    public Integer call() throws Exception {
        BenchProfile pace = BenchProfile.valueOf(profile.toUpperCase(Locale.ROOT));
        if (chats < 1 || turnsPerChat < 1 || warmup < 0 || repeat < 1 || maxTurns < 0 || workers.isEmpty()) {
            throw new IllegalArgumentException("--chats, --turns-per-chat and --repeat must be at least 1, --warmup"
                    + " and --max-turns at least 0, --workers not empty");
        }
        String kafka = TestKafka.shared().bootstrapServers();
        String redis = TestRedis.url().toString();
        List<Run> runs = new ArrayList<>();
        for (int round = 1; round <= repeat; round++) {
            for (int count : workers) {
                progress("run " + round + " with " + count + " worker(s), profile " + profile + ", cap " + maxTurns);
                Run run = run(count, round, pace, kafka, redis);
                run.report().print(System.out);
                printWorkers(run);
                runs.add(run);
            }
        }
        printSummary(runs, pace);
        if (json != null) {
            JSON.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), json(runs));
            System.out.println("JSON written to " + json);
        }
        return 0;
    }

    private Run run(int count, int round, BenchProfile pace, String kafka, String redis) throws Exception {
        BotApiEmulator telegram = new BotApiEmulator(Clock.systemUTC());
        telegram.registerBot(BenchCommand.TOKEN, BenchCommand.BOT_USERNAME, "Grok");
        telegram.setRateLimits(RateLimits.off());
        TestProvider provider = new TestProvider(TestProviderSettings.defaults().withPace(pace.pace()));
        String database = TestDatabases.postgresUrl();
        Path logs = Files.createTempDirectory("grokgram-scale-bench");
        List<WorkerProcess> started = new ArrayList<>();
        Grokgram ingress = null;
        try (HttpServer services = HttpServer.start("127.0.0.1", 0, List.of(telegram, provider));
                Database store = Database.open(database, 2, Duration.ofSeconds(10))) {
            Map<String, String> env = settings(services.baseUrl(), database, redis, count);
            Config config = ConfigLoader.load(env, ConfigLoader.Mode.RUN);
            // migrated once here, so N workers starting together do not race for the schema
            store.migrate();
            List<GatewayBenchmark.Chat> users = GatewayBenchmark.chats(telegram, chats, groups);
            Consents consents = new Consents(store, config.privacy().policyVersion(), Clock.systemUTC());
            for (GatewayBenchmark.Chat chat : users) {
                consents.record(new DataSubject(chat.user().userId()), ConsentKind.SERVICE, true, "en");
            }
            for (int i = 0; i < count; i++) {
                WorkerProcess worker = new WorkerProcess(env, kafka, workerHeap, logs.resolve("worker-" + i + ".log"));
                started.add(worker);
                worker.start();
            }
            for (WorkerProcess worker : started) {
                worker.awaitPartitions(Duration.ofMinutes(2));
            }
            ingress = Grokgram.start(
                    config,
                    config.telegram().token().orElseThrow(),
                    Providers.chain(config),
                    List.of(),
                    Clock.systemUTC(),
                    new Grokgram.Role.Ingress(kafka));
            GatewayBenchmark benchmark = new GatewayBenchmark(
                    telegram,
                    BenchCommand.BOT_USERNAME,
                    users,
                    pace,
                    BenchCommand.finalText(services.baseUrl(), pace),
                    Duration.ofMinutes(5));
            if (warmup > 0) {
                // also lets the consumer group settle: the last worker's join moves partitions once more
                progress("warming up: " + warmup + " question(s) in each of " + chats + " chats");
                BenchCommand.withProgress(benchmark, warmup * chats, () -> benchmark.run(warmup, 0));
            }
            List<String> bots = new ArrayList<>();
            bots.add(ingress.http().baseUrl());
            started.forEach(worker -> bots.add(worker.baseUrl()));
            Map<String, Long> callsBefore = calls(bots);
            int tooManyBefore = telegram.tooManyRequestsServed();
            long benchCpuBefore = BenchMeters.processCpuNanos();
            long benchJitBefore = BenchMeters.compilerCpuNanos();
            List<Duration> workerCpuBefore =
                    started.stream().map(WorkerProcess::cpu).toList();
            Instant from = Instant.now();
            try (BenchMeters.ProviderArrivals arrivals = new BenchMeters.ProviderArrivals(provider)) {
                progress("measuring: " + turnsPerChat + " question(s) in each of " + chats + " chats");
                List<GatewayBenchmark.Turn> turns = BenchCommand.withProgress(
                        benchmark, turnsPerChat * chats, () -> benchmark.run(turnsPerChat, 1));
                Instant to = Instant.now();
                long benchCpu = BenchMeters.processCpuNanos() - benchCpuBefore;
                // the JIT figure is the bench JVM's own (ingress, emulator, provider); workers' JIT is in their CPU
                long benchJit = Math.max(0, BenchMeters.compilerCpuNanos() - benchJitBefore);
                List<WorkerProcess.Figures> perWorker = new ArrayList<>();
                long workersCpu = 0;
                for (int i = 0; i < started.size(); i++) {
                    Duration cpu = started.get(i).cpu().minus(workerCpuBefore.get(i));
                    workersCpu += cpu.toNanos();
                    perWorker.add(started.get(i).figures(cpu, turns.size()));
                }
                BenchReport report = BenchFigures.report(
                        new BenchReport.Setup(
                                chats,
                                groups,
                                turnsPerChat,
                                warmup,
                                pace,
                                false,
                                "PostgreSQL (a new schema) + Kafka + Redis; " + count + " worker JVM(s), at most "
                                        + maxTurns + " turns at once each; ingress in the bench JVM",
                                Runtime.getRuntime().availableProcessors(),
                                Runtime.version() + " (" + System.getProperty("java.vendor") + ")"),
                        turns,
                        Duration.between(from, to),
                        BenchFigures.usage(store),
                        arrivals::arrival,
                        BenchMeters.since(callsBefore, calls(bots)),
                        telegram.tooManyRequestsServed() - tooManyBefore,
                        BenchMeters.Outbound.of(telegram, users, from, to),
                        benchCpu + workersCpu,
                        benchJit);
                return new Run(count, round, report, perWorker);
            } finally {
                // the bot before the emulator and provider it talks to
                ingress.close();
                started.forEach(WorkerProcess::close);
            }
        } finally {
            // after a failure before the load: stopped twice at most, which both allow
            if (ingress != null) {
                ingress.close();
            }
            started.forEach(WorkerProcess::close);
            provider.close();
            telegram.close();
        }
    }

    private static Map<String, Long> calls(List<String> bots) throws Exception {
        Map<String, Long> total = new java.util.TreeMap<>();
        for (String bot : bots) {
            BenchMeters.settledTelegramCalls(bot).forEach((method, count) -> total.merge(method, count, Long::sum));
        }
        return total;
    }

    /** As {@code grokgram bench}: limits lifted, flood guard and quota out of the way; plus the scale-out settings. */
    private Map<String, String> settings(String base, String database, String redis, int count) {
        Map<String, String> env = new HashMap<>();
        env.put("GROKGRAM_BOT_TOKEN", BenchCommand.TOKEN);
        env.put("GROKGRAM_TELEGRAM_API", base);
        env.put("GROKGRAM_LLM_BASE_URL", base + "/v1");
        env.put("GROKGRAM_LLM_MODEL", "grok-test");
        env.put("GROKGRAM_LLM_PRICES", "grok-test=1.25/0.20/2.50");
        env.put("GROKGRAM_LLM_PROVIDER_NAME", "the test provider");
        env.put("GROKGRAM_DATABASE", database);
        env.put("GROKGRAM_HTTP_PORT", "0");
        env.put("GROKGRAM_POLL_TIMEOUT", "2s");
        env.put("GROKGRAM_LIMIT_CHAT_PER_SECOND", "1000");
        env.put("GROKGRAM_LIMIT_GROUP_PER_MINUTE", "100000");
        env.put("GROKGRAM_LIMIT_BOT_PER_SECOND", "100000");
        env.put("GROKGRAM_FLOOD_PER_MINUTE", "100000");
        env.put("GROKGRAM_FREE_TURNS_PER_DAY", "100000");
        env.put("GROKGRAM_REDIS_URL", redis);
        env.put("GROKGRAM_EXPECTED_WORKERS", Integer.toString(count));
        env.put("GROKGRAM_WORKER_MAX_TURNS", Integer.toString(maxTurns));
        return env;
    }

    private static void progress(String line) {
        System.err.println("scale-out bench: " + line);
    }

    private static void printWorkers(Run run) {
        System.out.println("the heap, RSS and CPU lines above are the bench JVM's (emulator, provider, users, ingress);"
                + " CPU per turn there is the whole machine's (bench JVM + workers). Per worker:");
        for (WorkerProcess.Figures worker : run.perWorker()) {
            System.out.printf(
                    Locale.ROOT,
                    "  worker pid %d: CPU %.1f s (%.2f ms per turn of all), heap after GC %s, RSS %s (peak %s)%n",
                    worker.pid(),
                    worker.cpuSeconds(),
                    worker.cpuMillisPerTurn(),
                    mib(worker.heapAfterGcBytes()),
                    mib(worker.rssBytes()),
                    mib(worker.peakRssBytes()));
        }
    }

    private void printSummary(List<Run> runs, BenchProfile pace) {
        System.out.printf(
                Locale.ROOT,
                "%nScale-out summary: %s; %d chats x %d turns; at most %d turns at once per worker%n",
                pace.describe(),
                chats,
                turnsPerChat,
                maxTurns);
        System.out.printf(
                Locale.ROOT,
                "%-8s %-5s %9s %12s %13s %13s %14s%n",
                "workers",
                "run",
                "turns/s",
                "vs 1 worker",
                "overhead p50",
                "overhead p99",
                "CPU ms/turn");
        for (Run run : runs) {
            double ratio = runs.stream()
                    .filter(other -> other.round() == run.round() && other.workers() == 1)
                    .findFirst()
                    .map(one -> run.report().turnsPerSecond() / one.report().turnsPerSecond())
                    .orElse(Double.NaN);
            BenchReport.Percentiles overhead = BenchReport.millis(run.report().overhead());
            System.out.printf(
                    Locale.ROOT,
                    "%-8d %-5d %9.1f %11.2fx %10.1f ms %10.1f ms %14.2f%n",
                    run.workers(),
                    run.round(),
                    run.report().turnsPerSecond(),
                    ratio,
                    overhead.p50(),
                    overhead.p99(),
                    run.report().cpuMillisPerTurn());
        }
    }

    private static ArrayNode json(List<Run> runs) {
        ArrayNode all = JSON.createArrayNode();
        for (Run run : runs) {
            ObjectNode node = all.addObject();
            node.put("workers", run.workers());
            node.put("round", run.round());
            node.set("report", run.report().json());
            ArrayNode perWorker = node.putArray("perWorker");
            run.perWorker().forEach(worker -> perWorker.add(JSON.valueToTree(worker)));
        }
        return all;
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}

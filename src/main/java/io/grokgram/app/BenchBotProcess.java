package io.grokgram.app;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The bot of {@code grokgram bench --bot-process}: {@code grokgram run} in a JVM of its own, started with this JVM's
 * JDK, class path and memory and GC options, on the settings the in-process bot would get, so its CPU time, heap and
 * RSS can be read apart from the emulator's, the provider's and the simulated users': from the operating system's
 * process accounting and {@code jcmd}, as the scale-out bench reads its workers.
 */
final class BenchBotProcess implements AutoCloseable {
    /**
     * Extra options for the bot's JVM only, space-separated, e.g. a flight recording of the bot alone:
     * {@code GROKGRAM_BENCH_BOT_JAVA_OPTIONS=-XX:StartFlightRecording=filename=bot.jfr,settings=profile}.
     */
    static final String JAVA_OPTIONS = "GROKGRAM_BENCH_BOT_JAVA_OPTIONS";

    /** Logged by intake once the bot reads updates (after resuming unfinished turns): the bot is up. */
    private static final Pattern POLLING = Pattern.compile("intake polling from offset");

    private final Process process;
    private final Path log;
    private final int port;
    /** Stops the bot if the bench is stopped (Ctrl-C) before it could: a bot left running would poll a gone emulator. */
    private final Thread stopWithBench;

    private BenchBotProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.stopWithBench = Thread.ofPlatform().name("grokgram-bench-bot-stop").unstarted(process::destroy);
        Runtime.getRuntime().addShutdownHook(stopWithBench);
    }

    /**
     * Starts the bot on {@code settings} (nothing else of this process's {@code GROKGRAM_} environment leaks in), its
     * HTTP server on a free port of its own so the bench can read its /metrics, its log lines appended to {@code log};
     * {@code extraJvmOptions} (from {@link #JAVA_OPTIONS}) follow this JVM's own.
     */
    static BenchBotProcess start(Map<String, String> settings, List<String> extraJvmOptions, Path log)
            throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> env = new HashMap<>(settings);
        env.put("GROKGRAM_HTTP_PORT", Integer.toString(port));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions());
        command.addAll(extraJvmOptions);
        // a test class path carries a logback-test.xml that logs warnings only; the bot must log that it is up
        command.add("-Dlogback.configurationFile=logback.xml");
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "run"));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(key -> key.startsWith("GROKGRAM_"));
        builder.environment().putAll(env);
        return new BenchBotProcess(builder.start(), log, port);
    }

    /**
     * This JVM's options that shape memory, GC and native access (the launcher's {@code -XX:+UseZGC}, an operator's
     * {@code -Xmx}), so the bot's heap is measured under the collector it would have had in process. Agents and
     * system properties stay behind: they belong to whoever started the bench.
     */
    private static List<String> jvmOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> option.startsWith("-XX:")
                        || option.startsWith("-Xmx")
                        || option.startsWith("-Xms")
                        || option.startsWith("-Xss")
                        || option.startsWith("--enable-native-access"))
                .toList();
    }

    /** Waits until the bot polls the emulator for updates; fails with its log's tail if it exits or takes too long. */
    void awaitUp(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!POLLING.matcher(read()).find()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the bot process exited with status " + process.exitValue() + "; log:\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the bot process was not up within " + timeout + "; log:\n" + tail());
            }
            Thread.sleep(20);
        }
    }

    long pid() {
        return process.pid();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** CPU time (user + system, all threads) the bot has used so far, in nanoseconds. */
    long cpuNanos() {
        return BenchMeters.processCpuNanos(process.pid());
    }

    /** CPU time of the bot's JIT compiler threads so far, in nanoseconds; see {@link BenchMeters#compilerCpuNanos}. */
    long compilerCpuNanos() {
        return BenchMeters.compilerCpuNanos(Long.toString(process.pid()));
    }

    /** What the bot took during {@code turns} measured turns ({@code cpuNanos}, {@code jitNanos}) and holds now. */
    BenchReport.BotProcess figures(long cpuNanos, long jitNanos, int turns) {
        String proc = Long.toString(process.pid());
        return new BenchReport.BotProcess(
                process.pid(),
                cpuNanos / 1e6 / turns,
                jitNanos / 1e6 / turns,
                BenchMeters.heapAfterGc(process.pid()),
                BenchMeters.procStatus(proc, "VmRSS"),
                BenchMeters.procStatus(proc, "VmHWM"));
    }

    private String read() throws IOException {
        return logText(log);
    }

    private String tail() throws IOException {
        return logTail(log);
    }

    /** A child process's log so far; empty before it wrote any. */
    static String logText(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** The last 30 lines of a child process's log: what a failure message shows of it. */
    static String logTail(Path log) throws IOException {
        List<String> lines = logText(log).lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** SIGTERM, so the bot's shutdown hook closes it as an operator's stop would; killed after 30 s. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopWithBench);
        } catch (IllegalStateException e) {
            // the bench is shutting down already: the hook stops the bot too, and stopping twice is harmless
        }
        stop(process);
    }

    /** SIGTERM, so a child bot or worker shuts down as an operator's stop would; SIGKILL if it takes over 30 s. */
    static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The bot's log so far, for a failure after it was up. */
    Optional<String> logTail() {
        try {
            return Optional.of(tail());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}

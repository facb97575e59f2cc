package io.grokgram.app;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One {@code grokgram worker} of the scale-out bench in a JVM of its own (the bench's JDK and class path, production
 * logging, default JIT and GC), with its HTTP server on a port of its own so the bench can read its /metrics, and its
 * CPU time, heap and RSS read from outside: the operating system's process accounting, and {@code jcmd}.
 */
final class WorkerProcess implements AutoCloseable {
    /** Logged by the worker when the group gave it partitions: it takes updates from now on. */
    private static final Pattern PARTITIONS = Pattern.compile("partitions \\[.*] of \\S+ are this worker's now");

    private final Map<String, String> environment;
    private final String kafka;
    private final String heap;
    private final Path log;
    private final int port;
    private Process process;

    /** What one worker took during the measured turns, and holds after them; -1 where it could not be read. */
    record Figures(
            long pid,
            double cpuSeconds,
            double cpuMillisPerTurn,
            long heapAfterGcBytes,
            long rssBytes,
            long peakRssBytes) {}

    WorkerProcess(Map<String, String> environment, String kafka, String heap, Path log) throws IOException {
        this.environment = new HashMap<>(environment);
        this.kafka = kafka;
        this.heap = heap;
        this.log = log;
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
        this.environment.put("GROKGRAM_HTTP_PORT", Integer.toString(port));
    }

    void start() throws IOException {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx" + heap,
                "-Dlogback.configurationFile=logback.xml",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "worker",
                "--kafka",
                kafka);
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(key -> key.startsWith("GROKGRAM_"));
        builder.environment().putAll(environment);
        process = builder.start();
    }

    /** Waits until the consumer group gave this worker partitions. */
    void awaitPartitions(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!PARTITIONS.matcher(read()).find()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("worker exited with " + process.exitValue() + "; log:\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("worker got no partitions within " + timeout + "; log:\n" + tail());
            }
            Thread.sleep(50);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** CPU time (user + system) the process has used so far. */
    Duration cpu() {
        return process.toHandle()
                .info()
                .totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("the system does not report the worker's CPU time"));
    }

    Figures figures(Duration cpu, int turns) {
        return new Figures(
                process.pid(),
                cpu.toNanos() / 1e9,
                cpu.toNanos() / 1e6 / turns,
                BenchMeters.heapAfterGc(process.pid()).orElse(-1L),
                status("VmRSS"),
                status("VmHWM"));
    }

    private long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(
                                    line.substring(field.length() + 1).strip().split("\\s+")[0])
                            * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: left out
        }
        return -1;
    }

    private String read() throws IOException {
        return BenchBotProcess.logText(log);
    }

    private String tail() throws IOException {
        return BenchBotProcess.logTail(log);
    }

    /** SIGTERM (graceful shutdown, leaves the group at once); killed if it takes longer than 30 s. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        BenchBotProcess.stop(process);
    }
}

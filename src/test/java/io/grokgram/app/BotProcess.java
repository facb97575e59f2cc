package io.grokgram.app;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code grokgram run} in an operating-system process of its own, started with the test JVM's JDK and class path, so
 * a test can kill it the way a machine dies ({@code kill -9}: no shutdown hook, no close, nothing flushed) and start it
 * again on the same database. Its log lines from every life go to one file, appended.
 */
final class BotProcess implements AutoCloseable {
    /** 128 + SIGKILL: how a shell reports a process killed by {@code kill -9}, and what {@link Process} reports. */
    static final int KILLED_EXIT_STATUS = 128 + 9;
    /** Logged by intake once the assistant has resumed unfinished turns: the bot is up. */
    private static final Pattern POLLING = Pattern.compile("intake polling from offset");
    /** Logged once getMe succeeded, before the assistant exists. */
    private static final Pattern SIGNED_IN = Pattern.compile("signed in to Telegram");

    private final Map<String, String> environment;
    private final Path log;
    private final List<String> arguments;
    private final Pattern up;
    private Process process;
    private int lives;

    BotProcess(Map<String, String> environment, Path log) {
        this(environment, log, List.of("run"), POLLING);
    }

    /**
     * {@code grokgram <arguments>} (e.g. {@code worker --kafka host:port}), counted as up once a life logged a line
     * matching {@code up}.
     */
    BotProcess(Map<String, String> environment, Path log, List<String> arguments, Pattern up) {
        this.environment = Map.copyOf(environment);
        this.log = log;
        this.arguments = List.copyOf(arguments);
        this.up = up;
    }

    void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the bot is already running as pid " + process.pid());
        }
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                // it lives seconds: start fast and leave the CPUs to the turns (the machine has two)
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                // the test class path carries logback-test.xml (warnings only); the bot logs like production
                "-Dlogback.configurationFile=logback.xml",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(arguments);
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile()));
        // only the settings given here: none leaks in from the environment the tests run in
        builder.environment().keySet().removeIf(key -> key.startsWith("GROKGRAM_"));
        builder.environment().putAll(environment);
        process = builder.start();
        lives++;
    }

    /**
     * Waits until this life has signed in to Telegram, and returns when that was seen. Nothing of this life reaches a
     * chat before it (the assistant is built after it), and nothing of the previous life after it: this life's JVM
     * start alone takes longer than the last request of a killed process can stay in flight.
     */
    Instant awaitSignedIn(Duration timeout) throws IOException, InterruptedException {
        awaitLogged(SIGNED_IN, timeout);
        return Instant.now();
    }

    /** Waits until this life's intake polls, i.e. unfinished turns were resumed and new updates are read. */
    void awaitUp(Duration timeout) throws IOException, InterruptedException {
        awaitLogged(up, timeout);
    }

    private void awaitLogged(Pattern line, Duration timeout) throws IOException, InterruptedException {
        awaitLogged(line, lives, timeout);
    }

    /** Waits until the log holds {@code count} lines matching {@code line} (across all lives). */
    void awaitLogged(Pattern line, int count, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (line.matcher(read()).results().count() < count) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the bot exited with status " + process.exitValue() + "; log:\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the bot did not log '" + line + "' within " + timeout + "; log:\n" + tail());
            }
            Thread.sleep(10);
        }
    }

    /** How many lines of the log (all lives) match {@code line}. */
    long countLogged(Pattern line) throws IOException {
        return line.matcher(read()).results().count();
    }

    /** {@code kill -9}; returns the exit status once the process is gone. */
    int kill() throws InterruptedException {
        process.destroyForcibly(); // SIGKILL on Linux (ProcessHandleImpl destroy0 with force)
        return awaitExit();
    }

    /** A clean stop (SIGTERM, so the shutdown hook closes everything); returns the exit status. */
    int stop() throws InterruptedException {
        process.destroy();
        return awaitExit();
    }

    String tail() throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private int awaitExit() throws InterruptedException {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the bot (pid " + process.pid() + ") did not exit within 30 s");
        }
        return process.exitValue();
    }

    private String read() throws IOException {
        return BenchBotProcess.logText(log);
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }
}

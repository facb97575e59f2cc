package io.grokgram.app;

import io.grokgram.sandbox.BotApiEmulator;
import io.grokgram.sandbox.BotEvent;
import io.grokgram.sandbox.RecordedRequest;
import io.grokgram.sandbox.TestProvider;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The bench's instruments outside the turns themselves: the bot's call counter, the process, the provider's clock. */
final class BenchMeters {
    private static final Pattern CALLS =
            Pattern.compile("^grokgram_telegram_calls_total\\{(.*)}\\s+(\\S+)$", Pattern.MULTILINE);
    private static final Pattern METHOD = Pattern.compile("method=\"([^\"]*)\"");
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)([KMG]?)\\b");

    private BenchMeters() {}

    /**
     * The bot's {@code grokgram_telegram_calls} once they stopped moving: the bot counts a call when Telegram's answer
     * reaches it, a moment after the emulator recorded the message that ended the last turn, so a reading taken at
     * once can miss the last calls (a short run then shows fewer than one sendMessage per turn). Reads until two
     * readings 100 ms apart agree, for at most two seconds.
     */
    static Map<String, Long> settledTelegramCalls(String botBaseUrl) throws IOException, InterruptedException {
        Map<String, Long> last = telegramCalls(botBaseUrl);
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(100);
            Map<String, Long> next = telegramCalls(botBaseUrl);
            if (next.equals(last)) {
                return next;
            }
            last = next;
        }
        return last;
    }

    /**
     * The bot's {@code grokgram_telegram_calls} by Bot API method, from its own /metrics: every call made, whatever
     * Telegram answered. Previews the bot's flood control skipped (outcome {@code skipped}) made no call and are left
     * out: under load most preview ticks are skipped, and counting them read as ~39 drafts per turn where Telegram saw
     * ~2.6.
     */
    static Map<String, Long> telegramCalls(String botBaseUrl) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String scrape = http.send(
                            HttpRequest.newBuilder(URI.create(botBaseUrl + "/metrics"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            return calls(scrape);
        }
    }

    /** The calls made, by method, in a Prometheus scrape of the bot's /metrics. */
    static Map<String, Long> calls(String scrape) {
        Map<String, Long> calls = new TreeMap<>();
        Matcher line = CALLS.matcher(scrape);
        while (line.find()) {
            Matcher method = METHOD.matcher(line.group(1));
            if (method.find() && !line.group(1).contains("outcome=\"skipped\"")) {
                calls.merge(method.group(1), (long) Double.parseDouble(line.group(2)), Long::sum);
            }
        }
        return calls;
    }

    /** Counts since {@code before}: the calls of the measured turns only. */
    static Map<String, Long> since(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new TreeMap<>();
        after.forEach((method, count) -> {
            long calls = count - before.getOrDefault(method, 0L);
            if (calls > 0) {
                delta.put(method, calls);
            }
        });
        return delta;
    }

    /** Heap in use right after a full collection: what the live objects (10,000 chats' state, say) hold. */
    static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** A line of /proc/self/status in bytes ({@code VmRSS}, {@code VmHWM}); empty where there is no procfs. */
    static Optional<Long> procStatus(String field) {
        return procStatus("self", field);
    }

    /** A line of /proc/{@code proc}/status ({@code self} or a pid) in bytes; empty where there is no procfs. */
    static Optional<Long> procStatus(String proc, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", proc, "status"))) {
                if (line.startsWith(field + ":")) {
                    String kb = line.substring(field.length() + 1).strip().split("\\s+")[0];
                    return Optional.of(Long.parseLong(kb) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the report leaves RSS out rather than guess
        }
        return Optional.empty();
    }

    /**
     * CPU time of the JVM's JIT compiler threads in nanoseconds, from /proc (Linux); 0 where there is none. Part of
     * the process's CPU time, and in a short run a large part: it says how far from steady state a CPU figure is.
     * Compiler threads the JVM retired during the run are not counted, so this is a lower bound.
     */
    static long compilerCpuNanos() {
        return compilerCpuNanos("self");
    }

    /** As {@link #compilerCpuNanos()}, for the JVM /proc/{@code proc} ({@code self} or a pid) describes. */
    static long compilerCpuNanos(String proc) {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc", proc, "task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    // a thread that ended while the list was read: skip it, not the whole reading (a reading of 0
                    // before the run would count every compilation since start-up as the run's)
                    continue;
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                if (open >= 0 && close > open && stat.substring(open + 1, close).contains("CompilerThre")) {
                    // after the name: state, then 10 more fields, then utime and stime in clock ticks
                    String[] fields = stat.substring(close + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0; // not Linux: the report shows 0 rather than guess
        }
        return ticks * 10_000_000L; // Linux reports these in 1/100 s (USER_HZ)
    }

    /**
     * CPU time (user + system, every thread) of another process so far in nanoseconds: utime and stime of
     * /proc/{@code pid}/stat on Linux, else what the JDK's process handle reports; 0 where neither can tell.
     */
    static long processCpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // after the name in parentheses (which may hold spaces): state, then 10 more fields, then utime and stime
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L; // USER_HZ, 1/100 s
        } catch (IOException | RuntimeException e) {
            return ProcessHandle.of(pid)
                    .flatMap(process -> process.info().totalCpuDuration())
                    .map(Duration::toNanos)
                    .orElse(0L);
        }
    }

    /**
     * Heap in use in another JVM right after a full collection: {@code jcmd <pid> GC.run}, then {@code GC.heap_info},
     * with this JVM's JDK. The top-level lines of the latter carry what is used: one for G1 ({@code garbage-first
     * heap}) and ZGC ({@code ZHeap}, in whole MiB), one per generation for Serial and Parallel; their sum is the
     * heap's. Empty where jcmd cannot attach or prints none of these.
     */
    static Optional<Long> heapAfterGc(long pid) {
        try {
            jcmd(pid, "GC.run");
            long used = 0;
            boolean found = false;
            for (String line : jcmd(pid, "GC.heap_info").lines().toList()) {
                Matcher matcher = HEAP_USED.matcher(line);
                if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && matcher.find()) {
                    used += Long.parseLong(matcher.group(1)) * unit(matcher.group(2));
                    found = true;
                }
            }
            return found ? Optional.of(used) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // no jcmd in this runtime, or the JVM refused the attach: left out, not guessed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static long unit(String suffix) {
        return switch (suffix) {
            case "K" -> 1024L;
            case "M" -> 1024L * 1024;
            case "G" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid), command)
                .redirectErrorStream(true)
                .start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
            jcmd.destroyForcibly();
            throw new IllegalStateException("jcmd " + pid + " " + command + " did not finish within 60 s");
        }
        return output;
    }

    /** CPU time of the whole process (bot, emulator, provider and the simulated users) in nanoseconds. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * When each bench question's request reached the test provider, by tag. The provider keeps only its last 1,000
     * requests, so this reads them every 50 ms while the load runs; a request that came and went between two reads is
     * missing, and its turn is left out of the first-visible-text figure only.
     */
    static final class ProviderArrivals implements AutoCloseable {
        private final TestProvider provider;
        private final Map<String, Instant> arrivals = new ConcurrentHashMap<>();
        private final Thread reader;
        private volatile boolean running = true;
        private volatile boolean lastRead;

        ProviderArrivals(TestProvider provider) {
            this.provider = provider;
            this.reader = Thread.ofVirtual().name("bench-provider-arrivals").start(this::read);
        }

        private void read() {
            Instant seen = Instant.EPOCH;
            while (running) {
                Instant newest = seen;
                for (RecordedRequest request : provider.requests()) {
                    if (!request.at().isBefore(seen)) {
                        GatewayBenchmark.tagIn(request.rawBody())
                                .ifPresent(tag -> arrivals.putIfAbsent(tag, request.at()));
                        newest = request.at().isAfter(newest) ? request.at() : newest;
                    }
                }
                seen = newest;
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        /**
         * When {@code tag}'s request reached the provider. The first tag asked for that the reader has not seen yet
         * makes it read what the provider holds now, once: a short run can end between two of its reads.
         */
        Optional<Instant> arrival(String tag) {
            if (!arrivals.containsKey(tag) && !lastRead) {
                lastRead = true;
                for (RecordedRequest request : provider.requests()) {
                    GatewayBenchmark.tagIn(request.rawBody())
                            .ifPresent(seen -> arrivals.putIfAbsent(seen, request.at()));
                }
            }
            return Optional.ofNullable(arrivals.get(tag));
        }

        @Override
        public void close() {
            running = false;
            try {
                reader.join(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** What the emulator accepted in a run's chats between {@code from} and {@code to}, against Telegram's limits. */
    record Outbound(double botPerSecond, double busiestChatPerSecond, double busiestGroupPerMinute) {
        /** Telegram's published limits (Bots FAQ), the same the emulator's {@code RateLimits.telegram()} uses. */
        static final double BOT_PER_SECOND = 30;

        static final double CHAT_PER_SECOND = 1;
        static final double GROUP_PER_MINUTE = 20;

        static Outbound of(BotApiEmulator telegram, Iterable<GatewayBenchmark.Chat> chats, Instant from, Instant to) {
            double seconds = Math.max(0.001, Duration.between(from, to).toNanos() / 1e9);
            long bot = 0;
            long busiestChat = 0;
            long busiestGroup = 0;
            for (GatewayBenchmark.Chat chat : chats) {
                long inChat = 0;
                for (BotEvent event : telegram.events(chat.chatId())) {
                    if (event.at().isBefore(from) || event.at().isAfter(to)) {
                        continue;
                    }
                    bot++;
                    // sendChatAction counts against the bot's limit only
                    if (event.kind() != BotEvent.Kind.ACTION) {
                        inChat++;
                    }
                }
                busiestChat = Math.max(busiestChat, inChat);
                if (chat.group()) {
                    busiestGroup = Math.max(busiestGroup, inChat);
                }
            }
            return new Outbound(bot / seconds, busiestChat / seconds, busiestGroup / seconds * 60);
        }
    }
}

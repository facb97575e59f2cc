package io.grokgram.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one {@code grokgram bench} run measured, as a table for people and as JSON for scripts. Times are
 * microseconds in the distributions; the table and the JSON show milliseconds. The targets the issue sets are printed
 * next to the figures they concern, as reference, not as a verdict: the machine the bench runs on decides.
 */
record BenchReport(
        Setup setup,
        int turns,
        double wallSeconds,
        Distribution endToEnd,
        Distribution provider,
        Distribution overhead,
        Optional<Distribution> extraToFirstVisible,
        Map<String, Long> telegramCalls,
        int tooManyRequests,
        BenchMeters.Outbound outbound,
        double promptTokensPerTurn,
        double cachedShare,
        long heapAfterGcBytes,
        Optional<Long> rssBytes,
        Optional<Long> peakRssBytes,
        double cpuMillisPerTurn,
        double jitMillisPerTurn,
        Optional<BotProcess> botProcess) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double MIB = 1024 * 1024;

    record Setup(
            int chats,
            double groupShare,
            int turnsPerChat,
            int warmupPerChat,
            BenchProfile profile,
            boolean telegramLimits,
            String store,
            int cpus,
            String java) {}

    /**
     * The bot's own figures when it ran in a JVM of its own ({@code --bot-process}); the report's other memory and
     * CPU figures are then the bench process's alone (emulator, provider, users). Heap and RSS are empty where they
     * could not be read.
     */
    record BotProcess(
            long pid,
            double cpuMillisPerTurn,
            double jitMillisPerTurn,
            Optional<Long> heapAfterGcBytes,
            Optional<Long> rssBytes,
            Optional<Long> peakRssBytes) {}

    record Percentiles(double p50, double p99, double p999, double max) {}

    BenchReport {
        telegramCalls = Map.copyOf(telegramCalls);
    }

    /** This report with the figures of the bot's own JVM. */
    BenchReport withBotProcess(BotProcess bot) {
        return new BenchReport(
                setup,
                turns,
                wallSeconds,
                endToEnd,
                provider,
                overhead,
                extraToFirstVisible,
                telegramCalls,
                tooManyRequests,
                outbound,
                promptTokensPerTurn,
                cachedShare,
                heapAfterGcBytes,
                rssBytes,
                peakRssBytes,
                cpuMillisPerTurn,
                jitMillisPerTurn,
                Optional.of(bot));
    }

    double turnsPerSecond() {
        return turns / Math.max(0.001, wallSeconds);
    }

    static Percentiles millis(Distribution micros) {
        return new Percentiles(
                micros.percentile(50) / 1000.0,
                micros.percentile(99) / 1000.0,
                micros.percentile(99.9) / 1000.0,
                micros.max() / 1000.0);
    }

    void print(PrintStream out) {
        out.printf(
                Locale.ROOT,
                "%nGrokgram bench: %d turns from %d chats (%.0f %% groups) in %.1f s: %.1f turns/s%n",
                turns,
                setup.chats(),
                setup.groupShare() * 100,
                wallSeconds,
                turnsPerSecond());
        out.printf(
                Locale.ROOT,
                "setup: %d CPUs, Java %s, store %s, provider %s, Telegram limits %s, %d warm-up turns per chat left"
                        + " out; emulator, provider and users run in this process, %s%n",
                setup.cpus(),
                setup.java(),
                setup.store(),
                setup.profile().describe(),
                setup.telegramLimits() ? "on (emulator and bot)" : "off",
                setup.warmupPerChat(),
                botProcess
                        .map(bot -> "the bot in a JVM of its own (pid " + bot.pid() + ")")
                        .orElse("and so does the bot"));
        out.printf(Locale.ROOT, "%-40s %8s %8s %8s %8s%n", "per turn, ms", "p50", "p99", "p99.9", "max");
        row(out, "end to end (question → final message)", endToEnd);
        row(out, "provider (request → last token)", provider);
        row(out, "overhead (end to end − provider)", overhead);
        extraToFirstVisible.ifPresent(extra -> row(out, "extra to first visible text", extra));
        long calls = telegramCalls.values().stream().mapToLong(Long::longValue).sum();
        out.printf(Locale.ROOT, "Telegram calls per turn: %.2f (%s)%n", calls / (double) turns, perTurn());
        out.printf(
                Locale.ROOT,
                "429s received: %d; outbound: bot %.1f/s (%.0f %% of 30/s), busiest chat %.2f/s (%.0f %% of 1/s),"
                        + " busiest group %.1f/min (%.0f %% of 20/min)%n",
                tooManyRequests,
                outbound.botPerSecond(),
                100 * outbound.botPerSecond() / BenchMeters.Outbound.BOT_PER_SECOND,
                outbound.busiestChatPerSecond(),
                100 * outbound.busiestChatPerSecond() / BenchMeters.Outbound.CHAT_PER_SECOND,
                outbound.busiestGroupPerMinute(),
                100 * outbound.busiestGroupPerMinute() / BenchMeters.Outbound.GROUP_PER_MINUTE);
        out.printf(
                Locale.ROOT,
                "prompt tokens per turn: %.0f, %.1f %% from the provider's prefix cache%n",
                promptTokensPerTurn,
                cachedShare * 100);
        out.printf(
                Locale.ROOT,
                "%sheap after GC: %.1f MiB; RSS %s (peak %s); CPU per turn %.2f ms (%s), of which the JIT"
                        + " compiler %.2f ms (a short run is far from steady state)%n",
                botProcess.isPresent() ? "bench process: " : "",
                heapAfterGcBytes / MIB,
                mib(rssBytes),
                mib(peakRssBytes),
                cpuMillisPerTurn,
                botProcess.isPresent() ? "emulator, provider and users" : "whole process",
                jitMillisPerTurn);
        botProcess.ifPresent(bot -> out.printf(
                Locale.ROOT,
                "bot process: heap after GC: %s; RSS %s (peak %s); CPU per turn %.2f ms, of which the JIT compiler"
                        + " %.2f ms; bot and bench together %.2f ms%n",
                mib(bot.heapAfterGcBytes()),
                mib(bot.rssBytes()),
                mib(bot.peakRssBytes()),
                bot.cpuMillisPerTurn(),
                bot.jitMillisPerTurn(),
                bot.cpuMillisPerTurn() + cpuMillisPerTurn));
        out.println("targets (issue, for reference): ≥ 2,000 turns/s zero-latency; overhead p50 ≤ 2 ms, p99 ≤ 10 ms at"
                + " 1,000 chats realistic; ≥ 80 % cached over 20-turn conversations; heap ≤ 256 MiB at 10,000 chats");
    }

    private static String mib(Optional<Long> bytes) {
        return bytes.map(value -> String.format(Locale.ROOT, "%.1f MiB", value / MIB))
                .orElse("n/a");
    }

    private String perTurn() {
        StringBuilder text = new StringBuilder();
        telegramCalls.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            if (!text.isEmpty()) {
                text.append(", ");
            }
            text.append(entry.getKey())
                    .append(' ')
                    .append(String.format(Locale.ROOT, "%.2f", entry.getValue() / (double) turns));
        });
        return text.toString();
    }

    private static void row(PrintStream out, String name, Distribution micros) {
        Percentiles ms = millis(micros);
        out.printf(Locale.ROOT, "%-40s %8.1f %8.1f %8.1f %8.1f%n", name, ms.p50(), ms.p99(), ms.p999(), ms.max());
    }

    ObjectNode json() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode config = root.putObject("setup");
        config.put("chats", setup.chats());
        config.put("groupShare", setup.groupShare());
        config.put("turnsPerChat", setup.turnsPerChat());
        config.put("warmupTurnsPerChat", setup.warmupPerChat());
        config.put("profile", setup.profile().name().toLowerCase(Locale.ROOT));
        config.put("firstTokenMs", setup.profile().pace().firstTokenDelay().toMillis());
        config.put("chunkDelayMs", setup.profile().pace().chunkDelay().toMillis());
        config.put("charsPerChunk", setup.profile().pace().charsPerChunk());
        config.put("answerChars", setup.profile().answerChars());
        config.put("limits", setup.telegramLimits() ? "telegram" : "off");
        config.put("store", setup.store());
        config.put("cpus", setup.cpus());
        config.put("java", setup.java());
        root.put("turns", turns);
        root.put("wallSeconds", wallSeconds);
        root.put("turnsPerSecond", turnsPerSecond());
        root.set("endToEndMs", JSON.valueToTree(millis(endToEnd)));
        root.set("providerMs", JSON.valueToTree(millis(provider)));
        root.set("overheadMs", JSON.valueToTree(millis(overhead)));
        extraToFirstVisible.ifPresentOrElse(
                extra -> {
                    root.set("extraToFirstVisibleMs", JSON.valueToTree(millis(extra)));
                    root.put("extraToFirstVisibleTurns", extra.count());
                },
                () -> root.putNull("extraToFirstVisibleMs"));
        ObjectNode calls = root.putObject("telegramCallsPerTurn");
        telegramCalls.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> calls.put(entry.getKey(), entry.getValue() / (double) turns));
        root.put(
                "telegramCallsPerTurnTotal",
                telegramCalls.values().stream().mapToLong(Long::longValue).sum() / (double) turns);
        root.put("tooManyRequests", tooManyRequests);
        ObjectNode share = root.putObject("outboundShareOfLimits");
        share.put("botPerSecond", outbound.botPerSecond());
        share.put("botShare", outbound.botPerSecond() / BenchMeters.Outbound.BOT_PER_SECOND);
        share.put("busiestChatPerSecond", outbound.busiestChatPerSecond());
        share.put("busiestChatShare", outbound.busiestChatPerSecond() / BenchMeters.Outbound.CHAT_PER_SECOND);
        share.put("busiestGroupPerMinute", outbound.busiestGroupPerMinute());
        share.put("busiestGroupShare", outbound.busiestGroupPerMinute() / BenchMeters.Outbound.GROUP_PER_MINUTE);
        root.put("promptTokensPerTurn", promptTokensPerTurn);
        root.put("cachedPromptShare", cachedShare);
        root.put("heapUsedAfterGcBytes", heapAfterGcBytes);
        bytes(root, "rssBytes", rssBytes);
        bytes(root, "peakRssBytes", peakRssBytes);
        root.put("cpuMsPerTurn", cpuMillisPerTurn);
        root.put("jitMsPerTurn", jitMillisPerTurn);
        botProcess.ifPresentOrElse(
                bot -> {
                    ObjectNode figures = root.putObject("botProcess");
                    figures.put("pid", bot.pid());
                    figures.put("cpuMsPerTurn", bot.cpuMillisPerTurn());
                    figures.put("jitMsPerTurn", bot.jitMillisPerTurn());
                    bytes(figures, "heapUsedAfterGcBytes", bot.heapAfterGcBytes());
                    bytes(figures, "rssBytes", bot.rssBytes());
                    bytes(figures, "peakRssBytes", bot.peakRssBytes());
                },
                () -> root.putNull("botProcess"));
        return root;
    }

    private static void bytes(ObjectNode node, String name, Optional<Long> bytes) {
        bytes.ifPresentOrElse(value -> node.put(name, value), () -> node.putNull(name));
    }

    void writeJson(Path file) throws IOException {
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), json());
    }
}

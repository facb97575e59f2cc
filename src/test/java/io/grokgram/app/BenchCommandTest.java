package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code grokgram bench} end to end, small: the whole system starts, answers in chats and groups, and reports. */
class BenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void a_short_bench_prints_the_table_and_writes_every_figure_as_json() throws Exception {
        Path json = dir.resolve("bench.json");
        String out = captureOut(() -> Main.execute(
                Map.of(),
                "bench",
                "--chats",
                "4",
                "--groups",
                "0.5",
                "--turns-per-chat",
                "2",
                "--warmup",
                "1",
                "--profile",
                "zero",
                "--json",
                json.toString()));

        assertThat(out)
                .contains("8 turns from 4 chats (50 % groups)")
                .contains("CPUs, Java 25")
                .containsPattern("overhead \\(end to end − provider\\)(\\s+-?\\d+\\.\\d){4}")
                .contains("Telegram calls per turn")
                .contains("429s received: 0");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.path("turns").asInt()).isEqualTo(8);
        assertThat(report.path("turnsPerSecond").asDouble()).isPositive();
        for (String distribution : List.of("endToEndMs", "providerMs", "overheadMs", "extraToFirstVisibleMs")) {
            assertThat(report.path(distribution).has("p999")).as(distribution).isTrue();
        }
        assertThat(report.path("telegramCallsPerTurn").path("sendMessage").asDouble())
                .isGreaterThanOrEqualTo(1.0);
        assertThat(report.path("tooManyRequests").asInt()).isZero();
        assertThat(report.path("outboundShareOfLimits").has("botShare")).isTrue();
        assertThat(report.path("promptTokensPerTurn").asDouble()).isPositive();
        assertThat(report.path("cachedPromptShare").asDouble()).isBetween(0.0, 1.0);
        assertThat(report.path("heapUsedAfterGcBytes").asLong()).isPositive();
        assertThat(report.path("rssBytes").asLong()).isPositive();
        assertThat(report.path("cpuMsPerTurn").asDouble()).isPositive();
        // the JIT compiler's CPU is part of the process's
        assertThat(report.path("jitMsPerTurn").asDouble())
                .isBetween(0.0, report.path("cpuMsPerTurn").asDouble());
        assertThat(report.path("setup").path("profile").asText()).isEqualTo("zero");
        assertThat(report.path("botProcess").isNull()).isTrue();
    }

    @Test
    void with_the_bot_in_a_jvm_of_its_own_every_turn_is_answered_and_the_bots_own_figures_are_reported()
            throws Exception {
        Path json = dir.resolve("bench-bot-process.json");
        String out = captureOut(() -> Main.execute(
                Map.of(),
                "bench",
                "--bot-process",
                "--chats",
                "3",
                "--turns-per-chat",
                "2",
                "--warmup",
                "1",
                "--profile",
                "zero",
                "--json",
                json.toString()));

        assertThat(out)
                .contains("6 turns from 3 chats")
                .containsPattern("the bot in a JVM of its own \\(pid \\d+\\)")
                .containsPattern("bot process: heap after GC: \\d+\\.\\d MiB; RSS \\d+\\.\\d MiB");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        // every question was answered with the whole final message (a missing one fails the run) and recorded
        assertThat(report.path("turns").asInt()).isEqualTo(6);
        assertThat(report.path("telegramCallsPerTurnTotal").asDouble()).isGreaterThanOrEqualTo(1.0);
        JsonNode bot = report.path("botProcess");
        assertThat(bot.path("pid").asLong())
                .isPositive()
                .isNotEqualTo(ProcessHandle.current().pid());
        assertThat(bot.path("cpuMsPerTurn").asDouble()).isPositive();
        assertThat(bot.path("jitMsPerTurn").asDouble())
                .isBetween(0.0, bot.path("cpuMsPerTurn").asDouble());
        // a bot holds at least its token tables and caches after a full GC; its RSS is more than its heap
        assertThat(bot.path("heapUsedAfterGcBytes").asLong()).isGreaterThan(1024L * 1024);
        assertThat(bot.path("rssBytes").asLong())
                .isGreaterThan(bot.path("heapUsedAfterGcBytes").asLong());
        assertThat(bot.path("peakRssBytes").asLong())
                .isGreaterThanOrEqualTo(bot.path("rssBytes").asLong());
        assertThat(ProcessHandle.of(bot.path("pid").asLong()).map(ProcessHandle::isAlive))
                .as("the bot process is stopped after the run")
                .isNotEqualTo(java.util.Optional.of(true));
    }

    @Test
    void a_group_share_outside_zero_to_one_is_refused_before_anything_starts() {
        assertThat(Main.execute(Map.of(), "bench", "--groups", "1.5")).isEqualTo(1);
    }

    @Test
    void an_unknown_profile_is_refused_before_anything_starts() {
        assertThat(Main.execute(Map.of(), "bench", "--profile", "instant")).isEqualTo(1);
    }

    private static String captureOut(Callable<Integer> action) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = action.call();
        } finally {
            System.setOut(original);
        }
        String out = buffer.toString(StandardCharsets.UTF_8);
        assertThat(status).as("exit status; output:%n%s", out).isZero();
        return out;
    }
}

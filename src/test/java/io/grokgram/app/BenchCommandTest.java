package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** {@code grokgram bench} end to end, small: the whole system starts, answers and reports. */
class BenchCommandTest {

    @Test
    void a_short_bench_reports_the_overhead_percentiles() throws Exception {
        String out =
                captureOut(() -> Main.execute(Map.of(), "bench", "--turns", "20", "--chats", "10", "--warmup", "10"));

        assertThat(out)
                .contains("gateway overhead: 20 turns from 10 chats")
                .contains("CPUs, Java 25")
                .containsPattern("overhead \\(end to end − provider\\)\\s+-?\\d+\\s+-?\\d+\\s+-?\\d+\\s+-?\\d+");
    }

    @Test
    void turns_that_do_not_divide_among_the_chats_are_refused_before_anything_starts() {
        assertThat(Main.execute(Map.of(), "bench", "--turns", "25", "--chats", "10"))
                .isEqualTo(1);
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

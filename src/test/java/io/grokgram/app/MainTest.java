package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void help_lists_the_subcommands() {
        String out = captureOut(() -> assertThat(Main.execute("--help")).isZero());

        assertThat(out).contains("run", "sandbox", "migrate", "config");
    }

    @Test
    void version_names_the_java_runtime() {
        String out = captureOut(() -> assertThat(Main.execute("--version")).isZero());

        assertThat(out).startsWith("grokgram ").contains("Java 25");
    }

    private static String captureOut(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}

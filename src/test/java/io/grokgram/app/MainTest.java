package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void help_lists_the_subcommands() {
        String out = ConsoleCapture.out(() -> assertThat(Main.execute("--help")).isZero());

        assertThat(out).contains("run", "sandbox", "migrate", "config");
    }

    @Test
    void version_names_the_java_runtime() {
        String out =
                ConsoleCapture.out(() -> assertThat(Main.execute("--version")).isZero());

        assertThat(out).startsWith("grokgram ").contains("Java 25");
    }

    @Test
    void run_with_bad_configuration_prints_every_problem_once_and_exits_non_zero() {
        Map<String, String> env = Map.of(
                "GROKGRAM_TELEGRAM_API", "ftp//nowhere",
                "GROKGRAM_LLM_PRICES", "grok-4.3=1.25/-0.20/2.50");

        String err =
                ConsoleCapture.err(() -> assertThat(Main.execute(env, "run")).isEqualTo(2));

        assertThat(err.lines())
                .filteredOn(line -> line.startsWith("  GROKGRAM_"))
                .hasSize(3);
        assertThat(err)
                .contains("GROKGRAM_BOT_TOKEN=(empty): required")
                .contains("GROKGRAM_TELEGRAM_API='ftp//nowhere'")
                .contains("GROKGRAM_LLM_PRICES='grok-4.3=1.25/-0.20/2.50': prices of grok-4.3 must not be negative");
    }
}

package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokgram.console.ConsoleSettings;
import io.grokgram.console.OperatorRole;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleConfigTest {

    @Test
    void by_default_no_public_url_no_operators_and_telegrams_own_script() {
        Config config = ConfigLoader.load(Map.of(), ConfigLoader.Mode.SANDBOX);
        ConsoleSettings console = config.http().console();

        assertThat(console.publicUrl()).isEmpty();
        assertThat(console.operators()).isEmpty();
        assertThat(console.sessionLength()).isEqualTo(Duration.ofHours(8));
        assertThat(console.initDataMaxAge()).isEqualTo(Duration.ofHours(1));
        assertThat(console.webAppScript()).isEqualTo(ConsoleSettings.TELEGRAM_WEB_APP_SCRIPT);
        assertThat(config.assistant().miniAppUrl()).isEmpty();
    }

    @Test
    void a_public_url_gives_the_mini_app_its_address_and_operators_their_roles() {
        Config config = ConfigLoader.load(
                Map.of(
                        "GROKGRAM_PUBLIC_URL", "https://bot.example.com/",
                        "GROKGRAM_CONSOLE_OPERATORS", "12345=owner, 67890=Support",
                        "GROKGRAM_WEBAPP_INIT_DATA_MAX_AGE", "15m"),
                ConfigLoader.Mode.SANDBOX);

        assertThat(config.http().console().publicUrl()).contains("https://bot.example.com");
        assertThat(config.assistant().miniAppUrl()).contains("https://bot.example.com/app");
        assertThat(config.http().console().operators())
                .isEqualTo(Map.of(12345L, OperatorRole.OWNER, 67890L, OperatorRole.SUPPORT));
        assertThat(config.http().console().initDataMaxAge()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void every_console_problem_is_reported_at_once() {
        Map<String, String> env = Map.of(
                "GROKGRAM_PUBLIC_URL", "http://bot.example.com",
                "GROKGRAM_CONSOLE_OPERATORS", "12345=janitor",
                "GROKGRAM_CONSOLE_SESSION", "1s",
                "GROKGRAM_WEBAPP_INIT_DATA_MAX_AGE", "soon");

        assertThat(LoadProblems.of(env))
                .hasSize(4)
                .anySatisfy(p -> assertThat(p).startsWith("GROKGRAM_PUBLIC_URL").contains("https"))
                .anySatisfy(p -> assertThat(p)
                        .startsWith("GROKGRAM_CONSOLE_OPERATORS")
                        .contains("owner, finance, privacy, support"))
                .anySatisfy(p -> assertThat(p).startsWith("GROKGRAM_CONSOLE_SESSION"))
                .anySatisfy(p -> assertThat(p).startsWith("GROKGRAM_WEBAPP_INIT_DATA_MAX_AGE"));
    }

    @Test
    void plain_http_is_accepted_only_on_this_machine() {
        Config config =
                ConfigLoader.load(Map.of("GROKGRAM_PUBLIC_URL", "http://127.0.0.1:8080"), ConfigLoader.Mode.SANDBOX);

        assertThat(config.assistant().miniAppUrl()).contains("http://127.0.0.1:8080/app");
    }
}

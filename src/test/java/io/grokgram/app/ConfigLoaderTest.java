package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grokgram.llm.ModelId;
import io.grokgram.llm.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

    @Test
    void defaults_give_a_working_configuration_for_xai() {
        Config config = ConfigLoader.load(Map.of("GROKGRAM_BOT_TOKEN", TOKEN), ConfigLoader.Mode.RUN);

        assertThat(config.telegram().apiBase()).hasToString("https://api.telegram.org");
        assertThat(config.llm().baseUrl()).hasToString("https://api.x.ai/v1");
        assertThat(config.assistant().model()).isEqualTo(new ModelId("grok-4.3"));
        assertThat(config.assistant().providerName()).isEqualTo("xAI");
        assertThat(config.assistant().persona()).contains("Telegram");
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.store().database()).isEqualTo("grokgram.db");
        assertThat(config.llm().prices().costNanoUsd(new ModelId("grok-4.3"), new Usage(1_000_000, 0, 0, 0)))
                .contains(1_250_000_000L);
    }

    @Test
    void missing_token_malformed_url_and_negative_price_are_reported_together() {
        Map<String, String> env = Map.of(
                "GROKGRAM_TELEGRAM_API", "not a url",
                "GROKGRAM_LLM_PRICES", "grok-4.3=-1/0.2/2.5");

        assertThatThrownBy(() -> ConfigLoader.load(env, ConfigLoader.Mode.RUN))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(3);
                    assertThat(e.problems().get(0))
                            .startsWith("GROKGRAM_BOT_TOKEN=")
                            .contains("required");
                    assertThat(e.problems().get(1))
                            .startsWith("GROKGRAM_TELEGRAM_API='not a url'")
                            .contains("http(s) URL");
                    assertThat(e.problems().get(2))
                            .startsWith("GROKGRAM_LLM_PRICES=")
                            .contains("must not be negative");
                });
    }

    @Test
    void secrets_are_masked_in_problems() {
        Map<String, String> env = Map.of("GROKGRAM_BOT_TOKEN", "secret-but-malformed");

        assertThatThrownBy(() -> ConfigLoader.load(env, ConfigLoader.Mode.RUN))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.getMessage())
                                .contains("GROKGRAM_BOT_TOKEN=*****")
                                .doesNotContain("secret-but-malformed"));
    }

    @Test
    void the_environment_wins_over_the_file(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("grokgram.properties");
        Files.writeString(file, "GROKGRAM_LLM_MODEL=grok-from-file\nGROKGRAM_PREVIEW_DELAY=2s\n");

        Config config = ConfigLoader.load(
                Map.of("GROKGRAM_CONFIG", file.toString(), "GROKGRAM_LLM_MODEL", "grok-from-env"),
                ConfigLoader.Mode.SANDBOX);

        assertThat(config.assistant().model().value()).isEqualTo("grok-from-env");
        assertThat(config.assistant().previews().previewDelay()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void an_unknown_key_in_the_file_is_a_problem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("grokgram.properties");
        Files.writeString(file, "GROKGRAM_LLM_MODLE=typo\n");

        assertThatThrownBy(
                        () -> ConfigLoader.load(Map.of("GROKGRAM_CONFIG", file.toString()), ConfigLoader.Mode.SANDBOX))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems()).singleElement().asString().startsWith("GROKGRAM_LLM_MODLE"));
    }

    @Test
    void a_model_without_price_runs_with_unknown_cost() {
        Config config = ConfigLoader.load(
                Map.of("GROKGRAM_LLM_MODEL", "some-local-model", "GROKGRAM_LLM_BASE_URL", "http://127.0.0.1:11434/v1"),
                ConfigLoader.Mode.SANDBOX);

        assertThat(config.llm().prices().costNanoUsd(new ModelId("some-local-model"), new Usage(10, 0, 10, 0)))
                .isEmpty();
        assertThat(config.assistant().providerName()).isEqualTo("127.0.0.1");
    }

    @Test
    void without_webhook_settings_the_bot_polls() {
        Config config = ConfigLoader.load(Map.of("GROKGRAM_BOT_TOKEN", TOKEN), ConfigLoader.Mode.RUN);

        assertThat(config.telegram().webhook()).isEmpty();
    }

    @Test
    void a_webhook_url_and_secret_select_webhook_mode_on_the_urls_path() {
        Config config = ConfigLoader.load(
                Map.of(
                        "GROKGRAM_BOT_TOKEN", TOKEN,
                        "GROKGRAM_WEBHOOK_URL", "https://bot.example.com/telegram/hook",
                        "GROKGRAM_WEBHOOK_SECRET", "s3cret_Token-1"),
                ConfigLoader.Mode.RUN);

        Config.Webhook webhook = config.telegram().webhook().orElseThrow();
        assertThat(webhook.url()).hasToString("https://bot.example.com/telegram/hook");
        assertThat(webhook.path()).isEqualTo("/telegram/hook");
        assertThat(webhook.secret().value()).isEqualTo("s3cret_Token-1");
        assertThat(config.toString()).doesNotContain("s3cret_Token-1");
    }

    @Test
    void plain_http_is_accepted_for_a_loopback_webhook_only() {
        Map<String, String> loopback = Map.of(
                "GROKGRAM_WEBHOOK_URL", "http://127.0.0.1:8080/telegram/hook",
                "GROKGRAM_WEBHOOK_SECRET", "sandbox");
        Map<String, String> remote = Map.of(
                "GROKGRAM_WEBHOOK_URL", "http://bot.example.com/telegram/hook",
                "GROKGRAM_WEBHOOK_SECRET", "sandbox");

        assertThat(ConfigLoader.load(loopback, ConfigLoader.Mode.SANDBOX)
                        .telegram()
                        .webhook())
                .isPresent();
        assertThatThrownBy(() -> ConfigLoader.load(remote, ConfigLoader.Mode.SANDBOX))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .singleElement()
                                .asString()
                                .startsWith("GROKGRAM_WEBHOOK_URL='http://bot.example.com/telegram/hook'")
                                .contains("an https URL with a path"));
    }

    @Test
    void a_webhook_url_needs_a_secret() {
        Map<String, String> env = Map.of("GROKGRAM_WEBHOOK_URL", "https://bot.example.com/hook");

        assertThatThrownBy(() -> ConfigLoader.load(env, ConfigLoader.Mode.SANDBOX))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "GROKGRAM_WEBHOOK_SECRET=(empty): required with GROKGRAM_WEBHOOK_URL: 1 to 256"
                                                + " characters of A-Z, a-z, 0-9, _ and -"));
    }

    @Test
    void a_secret_without_url_and_a_malformed_secret_are_reported_masked() {
        Map<String, String> env = Map.of("GROKGRAM_WEBHOOK_SECRET", "not allowed: spaces");

        assertThatThrownBy(() -> ConfigLoader.load(env, ConfigLoader.Mode.SANDBOX))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(2);
                    assertThat(e.problems().get(0))
                            .startsWith("GROKGRAM_WEBHOOK_SECRET=*****:")
                            .contains("1 to 256 characters");
                    assertThat(e.problems().get(1))
                            .startsWith("GROKGRAM_WEBHOOK_URL='': set together with GROKGRAM_WEBHOOK_SECRET");
                    assertThat(e.getMessage()).doesNotContain("not allowed: spaces");
                });
    }

    @Test
    void a_webhook_url_without_a_path_or_with_a_query_is_refused() {
        for (String url : new String[] {
            "https://bot.example.com", "https://bot.example.com/", "https://bot.example.com/hook?x=1", "ftp://a/b"
        }) {
            Map<String, String> env = Map.of("GROKGRAM_WEBHOOK_URL", url, "GROKGRAM_WEBHOOK_SECRET", "abc");

            assertThatThrownBy(() -> ConfigLoader.load(env, ConfigLoader.Mode.SANDBOX))
                    .as(url)
                    .isInstanceOfSatisfying(
                            ConfigException.class,
                            e -> assertThat(e.problems())
                                    .singleElement()
                                    .asString()
                                    .startsWith("GROKGRAM_WEBHOOK_URL='" + url + "'"));
        }
    }

    @Test
    void durations_accept_units_and_iso_8601() {
        assertThat(ConfigLoader.parseDuration("500ms")).contains(Duration.ofMillis(500));
        assertThat(ConfigLoader.parseDuration("2m")).contains(Duration.ofMinutes(2));
        assertThat(ConfigLoader.parseDuration("PT30S")).contains(Duration.ofSeconds(30));
        assertThat(ConfigLoader.parseDuration("soon")).isEmpty();
    }
}

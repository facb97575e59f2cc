package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grokgram.llm.ModelId;
import io.grokgram.llm.Usage;
import java.net.URI;
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
    void a_languages_directory_must_exist(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        Config config = ConfigLoader.load(
                Map.of("GROKGRAM_BOT_TOKEN", TOKEN, "GROKGRAM_LANGUAGES_DIR", dir.toString()), ConfigLoader.Mode.RUN);
        assertThat(config.languages()).contains(dir);

        String typo = dir.resolve("lnaguages").toString();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfigLoader.load(
                        Map.of("GROKGRAM_BOT_TOKEN", TOKEN, "GROKGRAM_LANGUAGES_DIR", typo), ConfigLoader.Mode.RUN))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .anySatisfy(problem -> assertThat(problem.toString())
                                        .contains("GROKGRAM_LANGUAGES_DIR='" + typo + "'")
                                        .contains("not a directory")));
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
        assertThat(LoadProblems.of(remote))
                .singleElement()
                .asString()
                .startsWith("GROKGRAM_WEBHOOK_URL='http://bot.example.com/telegram/hook'")
                .contains("an https URL with a path");
    }

    @Test
    void a_webhook_url_needs_a_secret() {
        Map<String, String> env = Map.of("GROKGRAM_WEBHOOK_URL", "https://bot.example.com/hook");

        assertThat(LoadProblems.of(env))
                .containsExactly("GROKGRAM_WEBHOOK_SECRET=(empty): required with GROKGRAM_WEBHOOK_URL: 1 to 256"
                        + " characters of A-Z, a-z, 0-9, _ and -");
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
    void by_default_a_route_is_tried_three_times_with_pauses_of_at_most_20_seconds_and_no_fallback() {
        Config config = ConfigLoader.load(Map.of(), ConfigLoader.Mode.SANDBOX);

        assertThat(config.llm().attempts()).isEqualTo(3);
        assertThat(config.llm().maxRetryWait()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.llm().fallbacks()).isEmpty();
    }

    @Test
    void fallbacks_name_a_model_alone_or_a_model_at_a_base_url_with_an_optional_key_variable() {
        Map<String, String> env = Map.of(
                "GROKGRAM_LLM_RETRIES", "2",
                "GROKGRAM_LLM_MAX_RETRY_WAIT", "5s",
                "GROKGRAM_LLM_FALLBACKS",
                        " grok-4.20-non-reasoning; llama3.2 @ http://127.0.0.1:11434/v1 ;"
                                + " gpt-4.1-mini@https://api.openai.com/v1 key=GROKGRAM_LLM_FALLBACK_OPENAI_API_KEY;",
                "GROKGRAM_LLM_FALLBACK_OPENAI_API_KEY", "sk-fallback-secret");

        Config config = ConfigLoader.load(env, ConfigLoader.Mode.SANDBOX);

        assertThat(config.llm().attempts()).isEqualTo(2);
        assertThat(config.llm().maxRetryWait()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.llm().fallbacks())
                .extracting(f -> f.model().value())
                .containsExactly("grok-4.20-non-reasoning", "llama3.2", "gpt-4.1-mini");
        Config.Fallback sameProvider = config.llm().fallbacks().get(0);
        assertThat(sameProvider.baseUrl()).isEmpty();
        Config.Fallback local = config.llm().fallbacks().get(1);
        assertThat(local.baseUrl()).contains(URI.create("http://127.0.0.1:11434/v1"));
        assertThat(local.apiKey().value()).isEmpty();
        Config.Fallback keyed = config.llm().fallbacks().get(2);
        assertThat(keyed.keyVariable()).contains("GROKGRAM_LLM_FALLBACK_OPENAI_API_KEY");
        assertThat(keyed.apiKey().value()).isEqualTo("sk-fallback-secret");
        assertThat(config.toString()).doesNotContain("sk-fallback-secret");
    }

    @Test
    void every_retry_and_fallback_problem_is_reported_at_once_without_showing_a_key() {
        Map<String, String> env = Map.of(
                "GROKGRAM_LLM_RETRIES", "0",
                "GROKGRAM_LLM_MAX_RETRY_WAIT", "forever",
                "GROKGRAM_LLM_FALLBACKS",
                        "@http://127.0.0.1:11434/v1; llama3.2@ftp://127.0.0.1/v1; m@http://h/v1 key=MY_KEY;"
                                + " m@http://h/v1 key=GROKGRAM_LLM_FALLBACK_MISSING_API_KEY;"
                                + " m@http://h/v1 key=GROKGRAM_LLM_FALLBACK_BAD_API_KEY; two words",
                "GROKGRAM_LLM_FALLBACK_BAD_API_KEY", "sk secret with spaces");

        assertThatThrownBy(() -> ConfigLoader.load(env, ConfigLoader.Mode.SANDBOX))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(8);
                    assertThat(e.problems().get(0)).startsWith("GROKGRAM_LLM_RETRIES='0'");
                    assertThat(e.problems().get(1)).startsWith("GROKGRAM_LLM_MAX_RETRY_WAIT='forever'");
                    assertThat(e.problems().get(2))
                            .startsWith("GROKGRAM_LLM_FALLBACKS='@http://127.0.0.1:11434/v1'")
                            .contains("model@base-url");
                    assertThat(e.problems().get(3)).contains("ftp://", "base URL");
                    assertThat(e.problems().get(4)).contains("key=MY_KEY", "GROKGRAM_LLM_FALLBACK_<NAME>_API_KEY");
                    assertThat(e.problems().get(5)).contains("GROKGRAM_LLM_FALLBACK_MISSING_API_KEY is not set");
                    assertThat(e.problems().get(6)).startsWith("GROKGRAM_LLM_FALLBACK_BAD_API_KEY=*****");
                    assertThat(e.problems().get(7)).startsWith("GROKGRAM_LLM_FALLBACKS='two words'");
                    assertThat(e.getMessage()).doesNotContain("sk secret");
                });
    }

    @Test
    void a_fallback_key_variable_may_come_from_the_file(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("grokgram.properties");
        Files.writeString(
                file,
                "GROKGRAM_LLM_FALLBACKS=llama3.2@http://10.0.0.5:8000/v1 key=GROKGRAM_LLM_FALLBACK_1_API_KEY\n"
                        + "GROKGRAM_LLM_FALLBACK_1_API_KEY=local-key\n");

        Config config = ConfigLoader.load(Map.of("GROKGRAM_CONFIG", file.toString()), ConfigLoader.Mode.SANDBOX);

        assertThat(config.llm().fallbacks())
                .singleElement()
                .satisfies(fallback -> assertThat(fallback.apiKey().value()).isEqualTo("local-key"));
    }

    @Test
    void durations_accept_units_and_iso_8601() {
        assertThat(ConfigLoader.parseDuration("500ms")).contains(Duration.ofMillis(500));
        assertThat(ConfigLoader.parseDuration("2m")).contains(Duration.ofMinutes(2));
        assertThat(ConfigLoader.parseDuration("8h")).contains(Duration.ofHours(8));
        // the inbox keeps finished entries for the default 7d: seven days, not seven hours
        assertThat(ConfigLoader.parseDuration("7d")).contains(Duration.ofDays(7));
        assertThat(ConfigLoader.parseDuration("PT30S")).contains(Duration.ofSeconds(30));
        assertThat(ConfigLoader.parseDuration("soon")).isEmpty();
    }
}

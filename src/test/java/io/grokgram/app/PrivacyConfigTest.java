package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grokgram.privacy.Detector;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrivacyConfigTest {

    @Test
    void by_default_policy_1_no_redaction_a_year_of_content_no_encryption_no_zero_retention() {
        Config.Privacy privacy =
                ConfigLoader.load(Map.of(), ConfigLoader.Mode.SANDBOX).privacy();

        assertThat(privacy.policyVersion()).isEqualTo(1);
        assertThat(privacy.detectors()).isEmpty();
        assertThat(privacy.redactPatterns()).isEmpty();
        assertThat(privacy.messageRetention()).isEqualTo(Duration.ofDays(365));
        assertThat(privacy.providerRetention()).isEmpty();
        assertThat(privacy.zeroDataRetention()).isFalse();
        assertThat(privacy.masterKey()).isEmpty();
    }

    @Test
    void the_operator_turns_on_detectors_patterns_retention_and_encryption() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);

        Config.Privacy privacy = ConfigLoader.load(
                        Map.of(
                                "GROKGRAM_REDACT", "card, EMAIL",
                                "GROKGRAM_REDACT_PATTERN_EMPLOYEE_ID", "\\bEMP-\\d{5}\\b",
                                "GROKGRAM_MESSAGE_RETENTION_DAYS", "0",
                                "GROKGRAM_PRIVACY_POLICY_VERSION", "4",
                                "GROKGRAM_ZERO_DATA_RETENTION", "TRUE",
                                "GROKGRAM_MASTER_KEY", key),
                        ConfigLoader.Mode.SANDBOX)
                .privacy();

        assertThat(privacy.detectors()).containsExactlyInAnyOrder(Detector.CARD, Detector.EMAIL);
        assertThat(privacy.redactPatterns()).containsOnlyKeys("employee_id");
        assertThat(privacy.messageRetention()).isZero();
        assertThat(privacy.policyVersion()).isEqualTo(4);
        assertThat(privacy.zeroDataRetention()).isTrue();
        assertThat(privacy.masterKey()).isPresent();
        assertThat(privacy.toString()).doesNotContain(key);
    }

    @Test
    void every_privacy_problem_is_reported_at_once_and_the_master_key_never_shows() {
        String shortKey = Base64.getEncoder().encodeToString("sixteen byte key".getBytes(StandardCharsets.UTF_8));
        Map<String, String> env = Map.of(
                "GROKGRAM_REDACT", "card,passport",
                "GROKGRAM_REDACT_PATTERN_BROKEN", "([a-z]",
                "GROKGRAM_REDACT_PATTERN_PHONE", "\\d+",
                "GROKGRAM_MESSAGE_RETENTION_DAYS", "-1",
                "GROKGRAM_PRIVACY_POLICY_VERSION", "0",
                "GROKGRAM_ZERO_DATA_RETENTION", "yes",
                "GROKGRAM_MASTER_KEY", shortKey);

        assertThatThrownBy(() -> ConfigLoader.load(env, ConfigLoader.Mode.SANDBOX))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems())
                            .hasSize(7)
                            .anySatisfy(p ->
                                    assertThat(p).startsWith("GROKGRAM_REDACT=").contains("passport"))
                            .anySatisfy(p -> assertThat(p)
                                    .startsWith("GROKGRAM_REDACT_PATTERN_BROKEN=")
                                    .contains("regular"))
                            .anySatisfy(p -> assertThat(p)
                                    .startsWith("GROKGRAM_REDACT_PATTERN_PHONE=")
                                    .contains("built-in"))
                            .anySatisfy(p -> assertThat(p).startsWith("GROKGRAM_MESSAGE_RETENTION_DAYS='-1'"))
                            .anySatisfy(p -> assertThat(p).startsWith("GROKGRAM_PRIVACY_POLICY_VERSION='0'"))
                            .anySatisfy(p -> assertThat(p).startsWith("GROKGRAM_ZERO_DATA_RETENTION='yes'"))
                            .anySatisfy(p -> assertThat(p)
                                    .startsWith("GROKGRAM_MASTER_KEY=*****")
                                    .contains("32 bytes"));
                    assertThat(e.getMessage()).doesNotContain(shortKey);
                });
    }

    @Test
    void grokgram_config_lists_the_privacy_settings_and_never_a_master_key() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.execute(Map.of("GROKGRAM_MASTER_KEY", key), "config"))
                    .isZero();
        } finally {
            System.setOut(original);
        }

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("GROKGRAM_MASTER_KEY", "GROKGRAM_REDACT", "GROKGRAM_PRIVACY_POLICY_VERSION")
                .doesNotContain(key);
    }
}

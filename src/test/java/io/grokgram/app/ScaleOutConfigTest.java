package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScaleOutConfigTest {

    @Test
    void by_default_no_redis_a_half_second_timeout_and_two_expected_workers() {
        Config.ScaleOut scaleOut =
                ConfigLoader.load(Map.of(), ConfigLoader.Mode.SANDBOX).scaleOut();

        assertThat(scaleOut.redisUrl()).isEmpty();
        assertThat(scaleOut.redisTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(scaleOut.expectedWorkers()).isEqualTo(2);
    }

    @Test
    void the_operator_points_the_workers_at_redis_and_its_password_never_shows() {
        Config.ScaleOut scaleOut = ConfigLoader.load(
                        Map.of(
                                "GROKGRAM_REDIS_URL", "redis://:s3cret@redis.internal:6380/2",
                                "GROKGRAM_REDIS_TIMEOUT", "2s",
                                "GROKGRAM_EXPECTED_WORKERS", "4"),
                        ConfigLoader.Mode.SANDBOX)
                .scaleOut();

        assertThat(scaleOut.redisUrl()).map(Secret::value).contains("redis://:s3cret@redis.internal:6380/2");
        assertThat(scaleOut.redisTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(scaleOut.expectedWorkers()).isEqualTo(4);
        assertThat(scaleOut.toString()).doesNotContain("s3cret");
    }

    @Test
    void every_scale_out_problem_is_reported_at_once_and_the_url_never_shows() {
        Map<String, String> env = Map.of(
                "GROKGRAM_REDIS_URL", "http://:s3cret@redis.internal",
                "GROKGRAM_REDIS_TIMEOUT", "1h",
                "GROKGRAM_EXPECTED_WORKERS", "0");

        assertThatThrownBy(() -> ConfigLoader.load(env, ConfigLoader.Mode.SANDBOX))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems())
                            .hasSize(3)
                            .anySatisfy(p -> assertThat(p)
                                    .startsWith("GROKGRAM_REDIS_URL=*****")
                                    .contains("redis://"))
                            .anySatisfy(p -> assertThat(p).startsWith("GROKGRAM_REDIS_TIMEOUT='1h'"))
                            .anySatisfy(p -> assertThat(p).startsWith("GROKGRAM_EXPECTED_WORKERS='0'"));
                    assertThat(e.getMessage()).doesNotContain("s3cret");
                });
    }
}

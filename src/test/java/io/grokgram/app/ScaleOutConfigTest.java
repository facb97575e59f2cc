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

    @Test
    void kafka_is_unset_by_default_with_twelve_partitions_a_ten_second_session_and_a_thirty_second_lease() {
        Config.ScaleOut scaleOut =
                ConfigLoader.load(Map.of(), ConfigLoader.Mode.SANDBOX).scaleOut();

        assertThat(scaleOut.kafkaBootstrapServers()).isEmpty();
        assertThat(scaleOut.kafkaPartitions()).isEqualTo(12);
        assertThat(scaleOut.kafkaSessionTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(scaleOut.pollingLease()).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() ->
                        KafkaOption.bootstrapServers(null, ConfigLoader.load(Map.of(), ConfigLoader.Mode.SANDBOX)))
                .hasMessageContaining("GROKGRAM_KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void the_kafka_settings_reach_the_workers_and_the_command_option_wins() {
        Config config = ConfigLoader.load(
                Map.of(
                        "GROKGRAM_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2.internal:9093",
                        "GROKGRAM_KAFKA_PARTITIONS", "48",
                        "GROKGRAM_KAFKA_SESSION_TIMEOUT", "20s",
                        "GROKGRAM_POLLING_LEASE", "1m"),
                ConfigLoader.Mode.SANDBOX);

        assertThat(KafkaOption.bootstrapServers(null, config)).isEqualTo("kafka-1:9092,kafka-2.internal:9093");
        assertThat(KafkaOption.bootstrapServers("other:9092", config)).isEqualTo("other:9092");
        io.grokgram.scaleout.KafkaSettings kafka = config.scaleOut().kafka("kafka-1:9092");
        assertThat(kafka.partitions()).isEqualTo(48);
        assertThat(kafka.sessionTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.scaleOut().pollingLease()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void every_kafka_problem_is_reported_at_once() {
        Map<String, String> env = Map.of(
                "GROKGRAM_KAFKA_BOOTSTRAP_SERVERS", "kafka-1",
                "GROKGRAM_KAFKA_PARTITIONS", "0",
                "GROKGRAM_KAFKA_SESSION_TIMEOUT", "1s",
                "GROKGRAM_POLLING_LEASE", "forever");

        assertThat(LoadProblems.of(env))
                .hasSize(4)
                .anySatisfy(p -> assertThat(p)
                        .startsWith("GROKGRAM_KAFKA_BOOTSTRAP_SERVERS='kafka-1'")
                        .contains("host:port"))
                .anySatisfy(p -> assertThat(p).startsWith("GROKGRAM_KAFKA_PARTITIONS='0'"))
                .anySatisfy(p -> assertThat(p).startsWith("GROKGRAM_KAFKA_SESSION_TIMEOUT='1s'"))
                .anySatisfy(p -> assertThat(p).startsWith("GROKGRAM_POLLING_LEASE='forever'"));
    }
}

package io.grokgram.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {
    private static final RetryPolicy POLICY = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(20));

    @ParameterizedTest(name = "retry {0} with random {1} pauses {2} ms")
    @CsvSource({
        "1, 0.5, 1000",
        "2, 0.5, 2000",
        "3, 0.5, 4000",
        "4, 0.5, 8000",
        "5, 0.5, 16000",
        "6, 0.5, 20000",
        "1, 0.0, 800",
        "1, 0.999999, 1199",
        "5, 0.999999, 19199",
    })
    void back_off_doubles_with_jitter_up_to_the_maximum_wait(int retry, double random, long millis) {
        assertThat(POLICY.pause(retry, Optional.empty(), random).orElseThrow().toMillis())
                .isEqualTo(millis);
    }

    @Test
    void retry_after_is_honoured_with_a_little_added() {
        assertThat(POLICY.pause(1, Optional.of(Duration.ofSeconds(7)), 0.0)).contains(Duration.ofSeconds(7));
        assertThat(POLICY.pause(3, Optional.of(Duration.ofSeconds(7)), 0.5)).contains(Duration.ofMillis(7350));
        assertThat(POLICY.pause(1, Optional.of(Duration.ZERO), 0.9)).contains(Duration.ZERO);
    }

    @Test
    void retry_after_up_to_the_maximum_is_honoured_and_beyond_it_is_refused() {
        assertThat(POLICY.pause(1, Optional.of(Duration.ofSeconds(20)), 0.9)).contains(Duration.ofSeconds(20));
        assertThat(POLICY.pause(1, Optional.of(Duration.ofSeconds(21)), 0.0)).isEmpty();
    }

    @Test
    void a_policy_needs_an_attempt_and_no_negative_wait() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining("at least one attempt");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(-1), Duration.ofSeconds(1)))
                .hasMessageContaining("must not be negative");
    }

    @Property
    void no_pause_exceeds_the_maximum_wait_nor_undercuts_the_jitter(
            @ForAll @IntRange(min = 1, max = 100) int retry,
            @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double random) {
        Duration pause = POLICY.pause(retry, Optional.empty(), random).orElseThrow();

        Duration nominal = Duration.ofSeconds(Math.min(20, 1L << Math.min(retry - 1, 20)));
        assertThat(pause).isLessThanOrEqualTo(Duration.ofSeconds(20));
        assertThat(pause.toNanos()).isGreaterThanOrEqualTo((long) (nominal.toNanos() * 0.8) - 1);
    }
}

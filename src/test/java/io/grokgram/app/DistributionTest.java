package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class DistributionTest {

    @Test
    void percentiles_are_taken_by_nearest_rank() {
        Distribution hundred = Distribution.of(
                LongStream.rangeClosed(1, 100).map(i -> 101 - i).boxed().toList());

        assertThat(hundred.percentile(50)).isEqualTo(50);
        assertThat(hundred.percentile(90)).isEqualTo(90);
        assertThat(hundred.percentile(99)).isEqualTo(99);
        assertThat(hundred.max()).isEqualTo(100);
        assertThat(hundred.count()).isEqualTo(100);
    }

    @Test
    void one_value_is_every_percentile() {
        Distribution one = Distribution.of(List.of(7L));

        assertThat(one.percentile(1)).isEqualTo(7);
        assertThat(one.percentile(100)).isEqualTo(7);
    }

    @Test
    void no_values_and_impossible_percentiles_are_refused() {
        assertThatThrownBy(() -> Distribution.of(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Distribution.of(List.of(1L)).percentile(0)).hasMessageContaining("(0, 100]");
    }
}

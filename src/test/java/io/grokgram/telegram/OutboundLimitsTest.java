package io.grokgram.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grokgram.sandbox.RateLimits;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutboundLimitsTest {

    @Test
    void the_emulator_counts_telegrams_limits_as_the_scheduler_does() {
        // given
        OutboundLimits scheduler = OutboundLimits.TELEGRAM;

        // when
        RateLimits emulator = RateLimits.telegram();

        // then: the same rates and bursts, and the emulator judges arrivals exactly
        assertThat(emulator.perChat())
                .isEqualTo(new RateLimits.Limit((int) scheduler.perChatPerSecond(), Duration.ofSeconds(1), 1));
        assertThat(emulator.perGroup())
                .isEqualTo(new RateLimits.Limit(scheduler.perGroupPerMinute(), Duration.ofMinutes(1), 1));
        assertThat(emulator.perBot())
                .isEqualTo(
                        new RateLimits.Limit(scheduler.perBotPerSecond(), Duration.ofSeconds(1), scheduler.botBurst()));
        assertThat(emulator.tolerance()).isZero();
    }

    @Test
    void the_bots_bucket_absorbs_fifty_milliseconds_of_timer_lateness_and_at_least_one_call() {
        assertThat(OutboundLimits.TELEGRAM.botBurst()).isEqualTo(2);
        assertThat(new OutboundLimits(1, 20, 400, 1).botBurst()).isEqualTo(20);
    }

    @Test
    void by_default_half_a_second_of_the_bot_rate_may_be_on_the_wire() {
        assertThat(OutboundLimits.TELEGRAM.maxInFlight()).isEqualTo(15);
        assertThat(new OutboundLimits(1, 20, 1, 1).maxInFlight()).isEqualTo(1);
    }

    @Test
    void a_chat_interval_never_makes_the_scheduler_faster_than_configured() {
        assertThat(new OutboundLimits(3, 20, 30, 1).chatInterval()).isEqualTo(Duration.ofNanos(333_333_334));
        assertThat(OutboundLimits.TELEGRAM.groupInterval()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void nothing_on_the_wire_is_refused() {
        assertThatThrownBy(() -> new OutboundLimits(1, 20, 30, 5, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxInFlight");
    }
}

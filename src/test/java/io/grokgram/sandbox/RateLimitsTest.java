package io.grokgram.sandbox;

import static io.grokgram.sandbox.BotApiClient.params;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RateLimitsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    private Sandbox sandbox;
    private BotApiClient api;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(clock);
        api = sandbox.api;
        sandbox.userWhoWrote(42, "Ann");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void flood_control_is_off_by_default() {
        // when
        for (int i = 0; i < 50; i++) {
            assertThat(api.json("sendMessage", params("chat_id", 42, "text", "burst " + i))
                            .ok())
                    .isTrue();
        }

        // then
        assertThat(sandbox.emulator.tooManyRequestsServed()).isZero();
    }

    @Test
    void a_private_chat_over_its_limit_gets_429_with_retry_after() {
        // given
        sandbox.emulator.setRateLimits(RateLimits.telegram());
        api.json("sendMessage", params("chat_id", 42, "text", "first"));

        // when
        var second = api.json("sendMessage", params("chat_id", 42, "text", "second"));

        // then
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.errorCode()).isEqualTo(429);
        assertThat(second.description()).isEqualTo("Too Many Requests: retry after 1");
        assertThat(second.body().path("parameters").path("retry_after").asInt()).isEqualTo(1);
        assertThat(sandbox.emulator.tooManyRequestsServed()).isEqualTo(1);
        assertThat(sandbox.emulator.messages(42)).extracting(ChatMessage::text).containsExactly("hi", "first");
    }

    @Test
    void edits_and_drafts_count_against_the_same_limit() {
        // given
        sandbox.emulator.setRateLimits(RateLimits.of(
                new RateLimits.Limit(2, Duration.ofSeconds(10)),
                new RateLimits.Limit(20, Duration.ofMinutes(1)),
                new RateLimits.Limit(30, Duration.ofSeconds(1))));
        api.json("sendMessageDraft", params("chat_id", 42, "draft_id", 1, "text", "thinking"));
        api.json("sendMessage", params("chat_id", 42, "text", "answer"));

        // when
        var edit = api.json("editMessageText", params("chat_id", 42, "message_id", 2, "text", "better answer"));

        // then
        assertThat(edit.status()).isEqualTo(429);
        assertThat(edit.body().path("parameters").path("retry_after").asInt()).isEqualTo(10);
    }

    @Test
    void the_limit_stays_in_force_for_the_announced_seconds() {
        // given: 3 messages per 10 s, exceeded at t=0 so retry after 10
        sandbox.emulator.setRateLimits(RateLimits.of(
                new RateLimits.Limit(3, Duration.ofSeconds(10)),
                new RateLimits.Limit(20, Duration.ofMinutes(1)),
                new RateLimits.Limit(30, Duration.ofSeconds(1))));
        for (int i = 0; i < 3; i++) {
            api.json("sendMessage", params("chat_id", 42, "text", "m" + i));
        }
        assertThat(api.json("sendMessage", params("chat_id", 42, "text", "over"))
                        .status())
                .isEqualTo(429);

        // when
        clock.advance(Duration.ofSeconds(4));
        var stillBlocked = api.json("sendMessage", params("chat_id", 42, "text", "too soon"));
        clock.advance(Duration.ofSeconds(6));
        var afterWaiting = api.json("sendMessage", params("chat_id", 42, "text", "on time"));

        // then
        assertThat(stillBlocked.status()).isEqualTo(429);
        assertThat(stillBlocked.body().path("parameters").path("retry_after").asInt())
                .isEqualTo(6);
        assertThat(afterWaiting.ok()).isTrue();
        assertThat(sandbox.emulator.tooManyRequestsServed()).isEqualTo(2);
    }

    @Test
    void the_per_bot_limit_spans_chats() {
        // given: generous per chat, two calls per second for the whole bot
        sandbox.userWhoWrote(43, "Bob");
        sandbox.userWhoWrote(44, "Cid");
        sandbox.emulator.setRateLimits(RateLimits.of(
                new RateLimits.Limit(10, Duration.ofSeconds(1)),
                new RateLimits.Limit(20, Duration.ofMinutes(1)),
                new RateLimits.Limit(2, Duration.ofSeconds(1))));

        // when
        var toAnn = api.json("sendMessage", params("chat_id", 42, "text", "a"));
        var toBob = api.json("sendMessage", params("chat_id", 43, "text", "b"));
        var toCid = api.json("sendMessage", params("chat_id", 44, "text", "c"));

        // then
        assertThat(toAnn.ok()).isTrue();
        assertThat(toBob.ok()).isTrue();
        assertThat(toCid.status()).isEqualTo(429);
    }

    @Test
    void a_group_has_its_own_per_minute_limit() {
        // given
        sandbox.emulator.setRateLimits(RateLimits.telegram());
        long group = sandbox.emulator.user(45, "Dee", Optional.empty(), "en").createGroupWithBot("Team");

        // when: 20 messages spread over 20 seconds pass, the 21st within the minute does not
        for (int i = 0; i < 20; i++) {
            assertThat(api.json("sendMessage", params("chat_id", group, "text", "g" + i))
                            .ok())
                    .isTrue();
            clock.advance(Duration.ofSeconds(1));
        }
        var twentyFirst = api.json("sendMessage", params("chat_id", group, "text", "one too many"));

        // then
        assertThat(twentyFirst.status()).isEqualTo(429);
        assertThat(twentyFirst.body().path("parameters").path("retry_after").asInt())
                .isEqualTo(40);
    }

    @Test
    void switching_flood_control_off_lets_everything_through_again() {
        // given
        sandbox.emulator.setRateLimits(RateLimits.telegram());
        api.json("sendMessage", params("chat_id", 42, "text", "first"));

        // when
        sandbox.emulator.setRateLimits(RateLimits.off());
        var next = api.json("sendMessage", params("chat_id", 42, "text", "second"));

        // then
        assertThat(next.ok()).isTrue();
    }
}

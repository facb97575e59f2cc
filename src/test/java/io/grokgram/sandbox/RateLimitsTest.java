package io.grokgram.sandbox;

import static io.grokgram.sandbox.BotApiClient.params;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
        // given: one call per 10 s in a chat, and the answer just sent
        sandbox.emulator.setRateLimits(RateLimits.of(
                new RateLimits.Limit(1, Duration.ofSeconds(10)),
                new RateLimits.Limit(20, Duration.ofMinutes(1)),
                new RateLimits.Limit(30, Duration.ofSeconds(1))));
        api.json("sendMessage", params("chat_id", 42, "text", "answer"));

        // when
        var draft = api.json("sendMessageDraft", params("chat_id", 42, "draft_id", 1, "text", "thinking"));
        clock.advance(Duration.ofSeconds(10));
        var edit = api.json("editMessageText", params("chat_id", 42, "message_id", 2, "text", "better answer"));
        var draftAfterEdit = api.json("sendMessageDraft", params("chat_id", 42, "draft_id", 1, "text", "more"));

        // then
        assertThat(draft.status()).isEqualTo(429);
        assertThat(draft.body().path("parameters").path("retry_after").asInt()).isEqualTo(10);
        assertThat(edit.ok()).isTrue();
        assertThat(draftAfterEdit.status()).isEqualTo(429);
    }

    @Test
    void the_limit_stays_in_force_for_the_announced_seconds() {
        // given: one message per 10 s, exceeded at t=0 so retry after 10
        sandbox.emulator.setRateLimits(RateLimits.of(
                new RateLimits.Limit(1, Duration.ofSeconds(10)),
                new RateLimits.Limit(20, Duration.ofMinutes(1)),
                new RateLimits.Limit(30, Duration.ofSeconds(1))));
        api.json("sendMessage", params("chat_id", 42, "text", "m0"));
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
    void a_refused_limit_stays_closed_for_whole_seconds_even_if_its_bucket_refills_sooner() {
        // given: two a second, so the next token is due 0.5 s after a send, but retry_after is whole seconds
        sandbox.emulator.setRateLimits(RateLimits.of(
                new RateLimits.Limit(2, Duration.ofSeconds(1)),
                new RateLimits.Limit(20, Duration.ofMinutes(1)),
                new RateLimits.Limit(30, Duration.ofSeconds(1))));
        api.json("sendMessage", params("chat_id", 42, "text", "m0"));
        var refused = api.json("sendMessage", params("chat_id", 42, "text", "m1"));

        // when
        clock.advance(Duration.ofMillis(600));
        var stillClosed = api.json("sendMessage", params("chat_id", 42, "text", "m1 again"));
        clock.advance(Duration.ofMillis(400));
        var reopened = api.json("sendMessage", params("chat_id", 42, "text", "m1 once more"));

        // then
        assertThat(refused.body().path("parameters").path("retry_after").asInt())
                .isEqualTo(1);
        assertThat(stillClosed.status()).isEqualTo(429);
        assertThat(reopened.ok()).isTrue();
    }

    @Test
    void the_per_bot_limit_spans_chats() {
        // given: generous per chat, one call per second for the whole bot
        sandbox.userWhoWrote(43, "Bob");
        sandbox.userWhoWrote(44, "Cid");
        sandbox.emulator.setRateLimits(RateLimits.of(
                new RateLimits.Limit(10, Duration.ofSeconds(1)),
                new RateLimits.Limit(20, Duration.ofMinutes(1)),
                new RateLimits.Limit(1, Duration.ofSeconds(1))));

        // when
        var toAnn = api.json("sendMessage", params("chat_id", 42, "text", "a"));
        var toBob = api.json("sendMessage", params("chat_id", 43, "text", "b"));
        clock.advance(Duration.ofSeconds(1));
        var toCid = api.json("sendMessage", params("chat_id", 44, "text", "c"));

        // then
        assertThat(toAnn.ok()).isTrue();
        assertThat(toBob.status()).isEqualTo(429);
        assertThat(toCid.ok()).isTrue();
    }

    @Test
    void a_group_has_its_own_per_minute_limit() {
        // given: Telegram's numbers, so one group message every 3 s
        sandbox.emulator.setRateLimits(RateLimits.telegram());
        long group = sandbox.emulator.user(45, "Dee", Optional.empty(), "en").createGroupWithBot("Team");

        // when: 20 messages 3 s apart pass, one a second after the last does not
        for (int i = 0; i < 20; i++) {
            assertThat(api.json("sendMessage", params("chat_id", group, "text", "g" + i))
                            .ok())
                    .isTrue();
            clock.advance(Duration.ofSeconds(3));
        }
        clock.advance(Duration.ofSeconds(-2));
        var tooSoon = api.json("sendMessage", params("chat_id", group, "text", "one too soon"));

        // then
        assertThat(tooSoon.status()).isEqualTo(429);
        assertThat(tooSoon.body().path("parameters").path("retry_after").asInt())
                .isEqualTo(2);
    }

    @Test
    void a_group_also_keeps_the_per_chat_pace() {
        // given: a group allowed 120 a minute, but every chat only one a second
        sandbox.emulator.setRateLimits(RateLimits.of(
                new RateLimits.Limit(1, Duration.ofSeconds(1)),
                new RateLimits.Limit(120, Duration.ofMinutes(1)),
                new RateLimits.Limit(30, Duration.ofSeconds(1))));
        long group = sandbox.emulator.user(45, "Dee", Optional.empty(), "en").createGroupWithBot("Team");
        api.json("sendMessage", params("chat_id", group, "text", "g0"));

        // when
        clock.advance(Duration.ofMillis(600));
        var second = api.json("sendMessage", params("chat_id", group, "text", "g1"));

        // then
        assertThat(second.status()).isEqualTo(429);
    }

    @Test
    void chat_actions_count_against_the_bot_limit_only() {
        // given: one message a second per chat, two calls a second for the bot
        sandbox.userWhoWrote(43, "Bob");
        sandbox.emulator.setRateLimits(RateLimits.of(
                new RateLimits.Limit(1, Duration.ofSeconds(1)),
                new RateLimits.Limit(20, Duration.ofMinutes(1)),
                new RateLimits.Limit(2, Duration.ofSeconds(1))));
        api.json("sendMessage", params("chat_id", 42, "text", "answer"));

        // when: typing in the same chat right away, then a message elsewhere at once
        clock.advance(Duration.ofMillis(500));
        var typing = api.json("sendChatAction", params("chat_id", 42, "action", "typing"));
        var elsewhere = api.json("sendMessage", params("chat_id", 43, "text", "hello"));

        // then: the chat's limit ignored the action, the bot's counted it
        assertThat(typing.ok()).isTrue();
        assertThat(elsewhere.status()).isEqualTo(429);
    }

    @Test
    void calls_bunched_by_the_network_within_the_tolerance_pass() {
        // given: ten a second per chat (one every 100 ms), forgiving 100 ms of delay
        sandbox.emulator.setRateLimits(tenPerSecondPerChat().withTolerance(Duration.ofMillis(100)));

        // when: sent 100 ms apart, the second arrives 80 ms late, right before the third
        List<Integer> statuses = sendAt(0, 180, 200, 300, 400);

        // then
        assertThat(statuses).containsOnly(200);
    }

    @Test
    void the_same_bunching_is_refused_without_tolerance() {
        // given
        sandbox.emulator.setRateLimits(tenPerSecondPerChat());

        // when
        List<Integer> statuses = sendAt(0, 180, 200);

        // then
        assertThat(statuses).containsExactly(200, 200, 429);
    }

    @Test
    void a_sender_faster_than_the_rate_is_caught_despite_the_tolerance() {
        // given
        sandbox.emulator.setRateLimits(tenPerSecondPerChat().withTolerance(Duration.ofMillis(100)));

        // when: one every 80 ms instead of every 100 ms
        List<Integer> statuses = sendAt(0, 80, 160, 240, 320, 400, 480, 560);

        // then: the two spare tokens last 400 ms at a quarter too fast
        assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 200, 429, 429);
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

    private static RateLimits tenPerSecondPerChat() {
        return RateLimits.of(
                new RateLimits.Limit(10, Duration.ofSeconds(1)),
                new RateLimits.Limit(600, Duration.ofMinutes(1)),
                new RateLimits.Limit(100, Duration.ofSeconds(1)));
    }

    /** Sends to chat 42 at these milliseconds after now (ascending); returns each HTTP status. */
    private List<Integer> sendAt(int... millis) {
        List<Integer> statuses = new ArrayList<>();
        int at = 0;
        for (int offset : millis) {
            clock.advance(Duration.ofMillis(offset - at));
            at = offset;
            statuses.add(api.json("sendMessage", params("chat_id", 42, "text", "at " + offset))
                    .status());
        }
        return statuses;
    }
}

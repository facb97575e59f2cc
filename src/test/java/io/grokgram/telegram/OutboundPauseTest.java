package io.grokgram.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokgram.sandbox.BotEvent;
import io.grokgram.sandbox.RejectedCall;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * "A 429 pauses exactly what it names." Telegram's 429 does not name the limit, so the scheduler reads it from the
 * chat: one that had a call within two of its intervals may be over its own limit, one that was quiet cannot be.
 */
class OutboundPauseTest {
    /** The clocks of the client and of the emulator's events are read on different threads: allow for that. */
    private static final Duration SLACK = Duration.ofMillis(50);

    private final EmulatedTelegram telegram =
            new EmulatedTelegram(new OutboundLimits(1, 600, 100, 3), ChatStatusListener.ignoring());
    private final Outbound outbound = telegram.outbound;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stop() {
        threads.close();
        telegram.close();
    }

    @Test
    void a_429_for_a_busy_chat_pauses_that_chat_and_others_keep_flowing() throws Exception {
        // given: Ann's chat had a message a moment ago, so her next one is a second later and the chat is busy
        ChatId ann = telegram.privateChat(101);
        ChatId bob = telegram.privateChat(102);
        ChatId cid = telegram.privateChat(103);
        send(ann, "first");
        telegram.emulator.failNext("sendMessage", 429, "Too Many Requests: retry after 2");

        // when: Ann's second message gets the 429, then Bob and Cid are written to
        CompletableFuture<MessageId> second = CompletableFuture.supplyAsync(() -> send(ann, "second"), threads);
        RejectedCall tooMany = telegram.awaitRejections(1);
        send(bob, "to Bob");
        send(cid, "to Cid");
        second.get();

        // then: Bob and Cid at once, Ann only after her two seconds
        Instant toBob = telegram.sent(bob).getFirst().at();
        Instant toCid = telegram.sent(cid).getFirst().at();
        Instant annAgain = telegram.sent(ann).getLast().at();
        assertThat(tooMany.errorCode()).isEqualTo(429);
        assertThat(Duration.between(tooMany.at(), toCid)).isLessThan(Duration.ofSeconds(1));
        assertThat(toBob).isBefore(annAgain);
        assertThat(annAgain)
                .isAfterOrEqualTo(tooMany.at().plus(Duration.ofSeconds(2)).minus(SLACK));
        assertThat(telegram.sent(ann)).extracting(BotEvent::text).containsExactly("first", "second");
    }

    @Test
    void a_429_for_a_quiet_chat_is_the_bot_limit_and_pauses_every_chat() throws Exception {
        // given: Dee's chat has been quiet, so a 429 for it can only mean the bot-wide limit
        ChatId dee = telegram.privateChat(104);
        ChatId eve = telegram.privateChat(105);
        ChatId fay = telegram.privateChat(106);
        telegram.emulator.failNext("sendMessage", 429, "Too Many Requests: retry after 2");

        // when
        CompletableFuture<MessageId> toDee = CompletableFuture.supplyAsync(() -> send(dee, "to Dee"), threads);
        RejectedCall tooMany = telegram.awaitRejections(1);
        Outbound.PreviewResult draftMeanwhile =
                outbound.draft(fay, OptionalInt.empty(), 7, FormattedText.plain("thinking"));
        send(eve, "to Eve");
        toDee.get();

        // then: nothing left for anyone until the pause was over, and the draft was dropped, not kept for later
        Instant pauseOver = tooMany.at().plus(Duration.ofSeconds(2)).minus(SLACK);
        assertThat(telegram.sent(eve).getFirst().at()).isAfterOrEqualTo(pauseOver);
        assertThat(telegram.sent(dee).getFirst().at()).isAfterOrEqualTo(pauseOver);
        assertThat(draftMeanwhile).isEqualTo(Outbound.PreviewResult.SKIPPED);
        assertThat(telegram.events(fay, BotEvent.Kind.DRAFT)).isEmpty();
        assertThat(telegram.emulator.rejections()).hasSize(1);
    }

    private MessageId send(ChatId chat, String text) {
        return outbound.send(chat, OptionalInt.empty(), FormattedText.plain(text), Optional.empty());
    }
}

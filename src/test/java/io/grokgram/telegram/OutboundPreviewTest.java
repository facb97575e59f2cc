package io.grokgram.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokgram.sandbox.BotEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Finals outrank previews: a draft goes only when nothing waits, and is dropped rather than queued. */
class OutboundPreviewTest {
    private final EmulatedTelegram telegram =
            new EmulatedTelegram(new OutboundLimits(5, 600, 20, 3), ChatStatusListener.ignoring());
    private final Outbound outbound = telegram.outbound;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stop() {
        threads.close();
        telegram.close();
    }

    @Test
    void drafts_are_skipped_not_queued_while_finals_of_their_chat_wait() throws Exception {
        // given: ten parts of an answer for a chat that takes five a second
        ChatId chat = telegram.privateChat(201);
        CompletableFuture<Void> finals = CompletableFuture.runAsync(
                () -> IntStream.range(0, 10)
                        .forEach(i -> outbound.send(
                                chat, OptionalInt.empty(), FormattedText.plain("part " + i), Optional.empty())),
                threads);

        telegram.emulator.awaitEvent(chat.value(), event -> event.kind() == BotEvent.Kind.SENT, Duration.ofSeconds(5));

        // when: a preview is attempted every 20 ms while the parts go out
        List<Outbound.PreviewResult> results = new ArrayList<>();
        Duration slowest = Duration.ZERO;
        for (int i = 0; !finals.isDone(); i++) {
            long started = System.nanoTime();
            results.add(outbound.draft(chat, OptionalInt.empty(), 9, FormattedText.plain("draft " + i)));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            slowest = took.compareTo(slowest) > 0 ? took : slowest;
            Thread.sleep(20);
        }
        finals.get();

        // then: every part arrived in order, no draft got in their way or waited for a turn
        assertThat(telegram.sent(chat))
                .extracting(BotEvent::text)
                .containsExactlyElementsOf(
                        IntStream.range(0, 10).mapToObj(i -> "part " + i).toList());
        assertThat(results).hasSizeGreaterThan(50).containsOnly(Outbound.PreviewResult.SKIPPED);
        assertThat(slowest).isLessThan(Duration.ofMillis(100));
        assertThat(telegram.events(chat, BotEvent.Kind.DRAFT)).isEmpty();
        assertThat(telegram.emulator.rejections()).isEmpty();
    }

    @Test
    void a_draft_never_takes_the_bots_token_from_waiting_finals() throws Exception {
        // given: forty chats' answers queue for a bot that sends twenty a second
        List<CompletableFuture<MessageId>> finals = new ArrayList<>();
        for (long user = 300; user < 340; user++) {
            ChatId chat = telegram.privateChat(user);
            finals.add(CompletableFuture.supplyAsync(
                    () -> outbound.send(chat, OptionalInt.empty(), FormattedText.plain("answer"), Optional.empty()),
                    threads));
        }
        ChatId idle = telegram.privateChat(399);
        Thread.sleep(100);

        // when: a chat with nothing queued wants a draft meanwhile
        Outbound.PreviewResult draft = outbound.draft(idle, OptionalInt.empty(), 3, FormattedText.plain("thinking"));
        for (CompletableFuture<MessageId> answer : finals) {
            answer.get();
        }

        // then: dropped; and once the queue is empty a draft goes again
        assertThat(draft).isEqualTo(Outbound.PreviewResult.SKIPPED);
        Thread.sleep(100);
        assertThat(outbound.draft(idle, OptionalInt.empty(), 3, FormattedText.plain("thinking")))
                .isEqualTo(Outbound.PreviewResult.SHOWN);
        assertThat(telegram.emulator.rejections()).isEmpty();
    }
}

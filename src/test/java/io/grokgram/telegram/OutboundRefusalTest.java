package io.grokgram.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.grokgram.sandbox.BotEvent;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/** A 403 makes a chat inactive until it is reactivated; any other 4xx is said once and never retried. */
class OutboundRefusalTest {
    private final List<String> told = new CopyOnWriteArrayList<>();
    private final EmulatedTelegram telegram = new EmulatedTelegram(
            new OutboundLimits(50, 600, 100, 3), (chat, description) -> told.add(chat + ": " + description));
    private final Outbound outbound = telegram.outbound;
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger outboundLog = (Logger) LoggerFactory.getLogger(Outbound.class);

    OutboundRefusalTest() {
        logged.start();
        outboundLog.addAppender(logged);
    }

    @AfterEach
    void stop() {
        outboundLog.detachAppender(logged);
        telegram.close();
    }

    @Test
    void a_blocked_chat_is_told_once_and_then_refused_without_a_call() {
        // given: the user blocked the bot, and the first message found out
        ChatId ann = telegram.privateChat(401);
        telegram.emulator.blockBy(401);
        assertThatThrownBy(() -> send(ann, "anyone there?")).isInstanceOf(TelegramException.Forbidden.class);

        // when: more of the answer, a draft and a typing status follow
        Throwable next = catchForbidden(() -> send(ann, "hello?"));
        Throwable draft = catchForbidden(() -> outbound.draft(ann, OptionalInt.empty(), 4, FormattedText.plain("…")));
        outbound.typing(ann, OptionalInt.empty());

        // then: the listener heard of it once; nothing more reached Telegram
        assertThat(told).containsExactly("401: Forbidden: bot was blocked by the user");
        assertThat(outbound.active(ann)).isFalse();
        assertThat(next).hasMessageContaining("inactive");
        assertThat(draft).isInstanceOf(TelegramException.Forbidden.class);
        assertThat(telegram.emulator.rejections()).hasSize(1);
        assertThat(telegram.events(ann, BotEvent.Kind.ACTION)).isEmpty();
    }

    @Test
    void a_reactivated_chat_is_sent_to_again_and_a_new_refusal_is_told_again() {
        // given
        ChatId bob = telegram.privateChat(402);
        telegram.emulator.blockBy(402);
        catchForbidden(() -> send(bob, "first"));

        // when: the user writes again (which unblocks the bot) and the assistant room reactivates the chat
        telegram.emulator.user(402, "Bob", Optional.empty(), "en").send("I'm back");
        boolean wasInactive = outbound.reactivate(bob);
        send(bob, "welcome back");
        telegram.emulator.blockBy(402);
        catchForbidden(() -> send(bob, "still there?"));

        // then
        assertThat(wasInactive).isTrue();
        assertThat(telegram.sent(bob)).extracting(BotEvent::text).containsExactly("welcome back");
        assertThat(told).hasSize(2);
    }

    @Test
    void a_chat_recorded_as_inactive_is_refused_from_the_start_without_telling_anyone() {
        // given
        ChatId cid = telegram.privateChat(403);

        // when
        outbound.deactivate(cid, "Forbidden: bot was kicked from the group chat");

        // then
        assertThatThrownBy(() -> send(cid, "hello"))
                .isInstanceOf(TelegramException.Forbidden.class)
                .hasMessageContaining("kicked");
        assertThat(telegram.emulator.rejections()).isEmpty();
        assertThat(told).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "400, Bad Request: message text is empty, BadRequest",
        "401, Unauthorized, Unauthorized",
        "404, Not Found, NotFound",
        "409, Conflict: terminated by other getUpdates request, Conflict"
    })
    void any_other_4xx_is_logged_once_and_never_retried(int code, String description, String kind) {
        // given
        ChatId dee = telegram.privateChat(404);
        telegram.emulator.failNext("sendMessage", code, description);

        // when
        Throwable refused = catchThrowable(() -> send(dee, "hello"));

        // then
        assertThat(refused.getClass().getSimpleName()).isEqualTo(kind);
        assertThat(telegram.emulator.rejections()).hasSize(1);
        assertThat(telegram.sent(dee)).isEmpty();
        assertThat(logged.list)
                .filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                .singleElement()
                .satisfies(event -> assertThat(event.getFormattedMessage())
                        .contains("sendMessage")
                        .contains(description));
        assertThat(outbound.active(dee)).isTrue();
    }

    private MessageId send(ChatId chat, String text) {
        return outbound.send(chat, OptionalInt.empty(), FormattedText.plain(text), Optional.empty());
    }

    private static Throwable catchForbidden(Runnable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(TelegramException.Forbidden.class);
        return thrown;
    }

    private static Throwable catchThrowable(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("expected the call to fail");
    }
}

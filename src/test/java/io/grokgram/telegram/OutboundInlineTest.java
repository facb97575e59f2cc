package io.grokgram.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grokgram.sandbox.InlineAnswer;
import io.grokgram.sandbox.InlineMessage;
import io.grokgram.sandbox.RateLimits;
import io.grokgram.sandbox.RejectedCall;
import io.grokgram.sandbox.SandboxUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Inline answers, guest answers and inline edits through {@link Outbound}, against the emulator over HTTP. */
class OutboundInlineTest {
    private static final Keyboard WAIT = Keyboard.of(new Keyboard.Callback("⏳", "wait"));

    @AutoClose
    private final EmulatedTelegram telegram =
            new EmulatedTelegram(new OutboundLimits(5, 600, 20, 3), ChatStatusListener.ignoring());

    private final Outbound outbound = telegram.outbound;

    private static InlineArticle placeholder() {
        return new InlineArticle("ask", "Ask Grok", "Tap to ask", FormattedText.plain("Thinking…"), WAIT);
    }

    private List<RejectedCall> rejected(String method) {
        return telegram.emulator.rejections().stream()
                .filter(call -> call.method().equalsIgnoreCase(method))
                .toList();
    }

    @Test
    void an_inline_answer_reaches_the_user_with_its_formatting_keyboard_and_button() {
        // given
        SandboxUser ann = telegram.user(201);
        String queryId = ann.inlineQuery("capital of France", "private");
        InlineArticle bold = new InlineArticle(
                "bold",
                "Paris",
                "",
                new FormattedText("Paris is the capital", List.of(Entity.of(Entity.Type.BOLD, 0, 5))),
                Keyboard.NONE);

        // when
        outbound.answerInline(
                queryId,
                List.of(placeholder(), bold),
                InlineAnswerOptions.FRESH.withButton(new InlineStartButton("Open the full chat", "from-inline")));

        // then
        InlineAnswer shown = ann.inlineResults(queryId);
        assertThat(shown.cacheTime()).isZero();
        assertThat(shown.personal()).isTrue();
        assertThat(shown.button())
                .hasValueSatisfying(
                        button -> assertThat(button.startParameter()).contains("from-inline"));
        assertThat(shown.results()).extracting(InlineAnswer.Result::id).containsExactly("ask", "bold");
        InlineAnswer.Result ask = shown.results().getFirst();
        assertThat(ask.description()).isEqualTo("Tap to ask");
        assertThat(ask.replyMarkup())
                .hasValueSatisfying(markup -> assertThat(markup.path("inline_keyboard")
                                .get(0)
                                .get(0)
                                .path("callback_data")
                                .asText())
                        .isEqualTo("wait"));
        InlineAnswer.Result paris = shown.results().get(1);
        assertThat(paris.description()).isEmpty();
        assertThat(paris.replyMarkup()).isEmpty();
        assertThat(paris.entities()).singleElement().satisfies(entity -> {
            assertThat(entity.type()).isEqualTo("bold");
            assertThat(entity.length()).isEqualTo(5);
        });
        assertThat(telegram.emulator.rejections()).isEmpty();
    }

    @Test
    void a_refused_answer_is_not_retried_and_a_passing_failure_is() {
        // given
        SandboxUser ann = telegram.user(202);
        String queryId = ann.inlineQuery("q", "private");
        telegram.emulator.failNext("answerInlineQuery", 502, "Bad Gateway");

        // when: the first attempt fails with 502, the second goes through
        outbound.answerInline(queryId, List.of(placeholder()), InlineAnswerOptions.FRESH);

        // then: a second answer is refused once, and not tried again
        assertThat(ann.inlineResults(queryId).results()).hasSize(1);
        assertThatThrownBy(() -> outbound.answerInline(queryId, List.of(placeholder()), InlineAnswerOptions.FRESH))
                .isInstanceOfSatisfying(
                        TelegramException.BadRequest.class,
                        e -> assertThat(e.description()).contains("query is too old"));
        assertThat(rejected("answerInlineQuery")).hasSize(2);
    }

    @Test
    void answering_an_inline_query_does_not_wait_behind_queued_finals() throws Exception {
        // given: forty chats' answers queue for a bot that sends twenty a second (two seconds' worth)
        List<CompletableFuture<MessageId>> finals = new ArrayList<>();
        List<ChatId> chats = new ArrayList<>();
        for (long id = 300; id < 340; id++) {
            ChatId chat = telegram.privateChat(id);
            chats.add(chat);
            finals.add(CompletableFuture.supplyAsync(
                    () -> outbound.send(chat, OptionalInt.empty(), FormattedText.plain("answer"), Optional.empty()),
                    telegram.threads));
        }
        SandboxUser ann = telegram.user(399);
        String queryId = ann.inlineQuery("q", "private");
        Thread.sleep(100);

        // when
        outbound.answerInline(queryId, List.of(placeholder()), InlineAnswerOptions.FRESH);
        long sentMeanwhile =
                chats.stream().mapToLong(chat -> telegram.sent(chat).size()).sum();
        for (CompletableFuture<MessageId> answer : finals) {
            answer.get();
        }

        // then: answered while most of the queue still waited, and every final still arrived
        assertThat(ann.inlineResults(queryId).results()).hasSize(1);
        assertThat(sentMeanwhile).isLessThan(30);
        assertThat(chats).allSatisfy(chat -> assertThat(telegram.sent(chat)).hasSize(1));
        assertThat(telegram.emulator.rejections()).isEmpty();
    }

    @Test
    void a_guest_answer_gives_the_inline_message_id_that_edits_it() {
        // given
        SandboxUser ann = telegram.user(203);
        long friends = ann.createGroupWithoutBot("Friends");
        String guestQueryId = ann.summonAsGuest(friends, "@rig_bot what is a monad?");

        // when
        String inlineMessageId = outbound.answerGuest(guestQueryId, placeholder());
        outbound.editInline(
                inlineMessageId,
                new FormattedText(
                        "A monoid in the category of endofunctors.", List.of(Entity.of(Entity.Type.ITALIC, 2, 6))),
                Keyboard.of(new Keyboard.Url("Ask more", "https://t.me/rig_bot?start=guest")));

        // then
        InlineMessage message = telegram.emulator.inlineMessage(inlineMessageId).orElseThrow();
        assertThat(message.origin()).isEqualTo(InlineMessage.Origin.GUEST_ANSWER);
        assertThat(message.chatId()).isEqualTo(friends);
        assertThat(message.userId()).isEqualTo(203);
        assertThat(message.text()).isEqualTo("A monoid in the category of endofunctors.");
        assertThat(message.entities())
                .singleElement()
                .satisfies(entity -> assertThat(entity.type()).isEqualTo("italic"));
        assertThat(message.replyMarkup())
                .hasValueSatisfying(markup -> assertThat(markup.path("inline_keyboard")
                                .get(0)
                                .get(0)
                                .path("url")
                                .asText())
                        .isEqualTo("https://t.me/rig_bot?start=guest"));
        assertThatThrownBy(() -> outbound.answerGuest(guestQueryId, placeholder()))
                .isInstanceOf(TelegramException.BadRequest.class);
    }

    @Test
    void an_edit_to_the_same_content_counts_as_done_and_an_unknown_message_is_refused_once() {
        // given
        String inlineMessageId = chosenInlineMessage(telegram.user(204));
        FormattedText answer = FormattedText.plain("Paris");
        outbound.editInline(inlineMessageId, answer, Keyboard.NONE);

        // when / then
        outbound.editInline(inlineMessageId, answer, Keyboard.NONE);
        assertThat(telegram.emulator
                        .inlineMessage(inlineMessageId)
                        .orElseThrow()
                        .text())
                .isEqualTo("Paris");
        assertThatThrownBy(() -> outbound.editInline("AAAAAgAAAAAAAAAqAAAAAWYoYqs", answer, Keyboard.NONE))
                .isInstanceOf(TelegramException.BadRequest.class);
        assertThat(rejected("editMessageText"))
                .extracting(RejectedCall::description)
                .containsExactly(
                        "Bad Request: message is not modified: specified new message content and reply markup are"
                                + " exactly the same as a current content and reply markup of the message",
                        "Bad Request: MESSAGE_ID_INVALID");
        // a preview goes only when a token is free at once (the finals above may have taken them): try until it goes
        Outbound.PreviewResult refused = org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(5))
                .until(
                        () -> outbound.editInlinePreview("AAAAAgAAAAAAAAAqAAAAAnope00", answer, Keyboard.NONE),
                        result -> result != Outbound.PreviewResult.SKIPPED);
        assertThat(refused)
                .as("a refused preview tells the caller to stop")
                .isEqualTo(Outbound.PreviewResult.UNSUPPORTED);
    }

    @Test
    void edits_of_one_inline_message_keep_the_pace_of_its_chat() {
        try (EmulatedTelegram paced = new EmulatedTelegram(OutboundLimits.TELEGRAM, ChatStatusListener.ignoring())) {
            // given: Telegram's limits on both sides, one edit a second in a private chat
            SandboxUser ann = paced.emulator.user(205, "Ann", Optional.empty(), "en");
            String inlineMessageId = chosenInlineMessage(paced.outbound, ann);
            paced.emulator.setRateLimits(RateLimits.telegram().withTolerance(Duration.ofMillis(200)));

            // when: three finals in a row, and a preview squeezed in between
            paced.outbound.editInline(inlineMessageId, FormattedText.plain("one"), Keyboard.NONE);
            Outbound.PreviewResult preview =
                    paced.outbound.editInlinePreview(inlineMessageId, FormattedText.plain("preview"), Keyboard.NONE);
            paced.outbound.editInline(inlineMessageId, FormattedText.plain("two"), Keyboard.NONE);
            paced.outbound.editInline(inlineMessageId, FormattedText.plain("three"), Keyboard.NONE);

            // then: the preview found no token and was skipped; no call was refused
            assertThat(preview).isEqualTo(Outbound.PreviewResult.SKIPPED);
            assertThat(paced.emulator.inlineEvents(inlineMessageId))
                    .extracting(io.grokgram.sandbox.BotEvent::text)
                    .containsExactly("Thinking…", "one", "two", "three");
            assertThat(paced.emulator.tooManyRequestsServed()).isZero();
        }
    }

    private String chosenInlineMessage(SandboxUser user) {
        return chosenInlineMessage(outbound, user);
    }

    static String chosenInlineMessage(Outbound outbound, SandboxUser user) {
        String queryId = user.inlineQuery("capital of France", "sender");
        outbound.answerInline(queryId, List.of(placeholder()), InlineAnswerOptions.FRESH);
        return user.chooseInlineResult(queryId, "ask", user.chatId())
                .inlineMessageId()
                .orElseThrow();
    }
}

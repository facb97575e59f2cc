package io.grokgram.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.grokgram.sandbox.BotEvent;
import io.grokgram.sandbox.InlineMessage;
import io.grokgram.sandbox.RateLimits;
import io.grokgram.sandbox.SandboxUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Streaming an answer into an inline message: throttled previews, one final message, nothing after it. */
class InlineReplyTest {
    private static final PreviewSettings AT_ONCE =
            new PreviewSettings(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(4));

    private final EmulatedTelegram telegram =
            new EmulatedTelegram(OutboundLimits.TELEGRAM, ChatStatusListener.ignoring());
    private final TelegramMarkdown markdown = new TelegramMarkdown();

    @AfterEach
    void stop() {
        telegram.close();
    }

    private String inlineMessage(long userId) {
        SandboxUser user = telegram.emulator.user(userId, "User" + userId, Optional.empty(), "en");
        return OutboundInlineTest.chosenInlineMessage(telegram.outbound, user);
    }

    private List<BotEvent> edits(String inlineMessageId) {
        return telegram.emulator.inlineEvents(inlineMessageId).stream()
                .filter(event -> event.kind() == BotEvent.Kind.EDITED)
                .toList();
    }

    /** Paragraph {@code i}: about a hundred characters with a bold word, so entities cross the cut. */
    private static String paragraph(int i) {
        return "Paragraph " + i + " has **bold** words and enough plain text to fill a line or two of a message.";
    }

    @Test
    void a_long_streamed_answer_ends_as_one_message_cut_at_a_block_border_with_an_ellipsis() throws Exception {
        // given: Telegram's limits on, so every preview and the final must keep the chat's pace
        String inlineMessageId = inlineMessage(301);
        telegram.emulator.setRateLimits(RateLimits.telegram().withTolerance(Duration.ofMillis(200)));
        List<String> paragraphs =
                IntStream.range(0, 80).mapToObj(InlineReplyTest::paragraph).toList();
        String answer = String.join("\n\n", paragraphs);

        // when: the answer streams in over about two and a half seconds
        long started = System.nanoTime();
        InlineReply reply = InlineReply.open(telegram.outbound, markdown, inlineMessageId, AT_ONCE);
        StringBuilder sofar = new StringBuilder();
        for (String paragraph : paragraphs) {
            sofar.append(sofar.isEmpty() ? "" : "\n\n").append(paragraph);
            reply.update(sofar.toString());
            Thread.sleep(30);
        }
        long streamedMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        reply.finish(answer, Keyboard.NONE);

        // then: one message of at most 4096 units, whole paragraphs, then the mark
        InlineMessage message = telegram.emulator.inlineMessage(inlineMessageId).orElseThrow();
        assertThat(answer.length()).isGreaterThan(FormattedText.MAX_MESSAGE_LENGTH);
        assertThat(message.text().length()).isLessThanOrEqualTo(FormattedText.MAX_MESSAGE_LENGTH);
        assertThat(message.text()).endsWith("\n…");
        String kept = message.text().substring(0, message.text().length() - 2);
        int whole = kept.split("\n\n").length;
        assertThat(kept)
                .isEqualTo(paragraphs.subList(0, whole).stream()
                        .map(p -> p.replace("**", ""))
                        .collect(Collectors.joining("\n\n")));
        int nextRendered = paragraph(whole).replace("**", "").length();
        assertThat(kept.length() + "\n\n".length() + nextRendered)
                .as("the next paragraph would not have fit before the mark")
                .isGreaterThan(FormattedText.MAX_MESSAGE_LENGTH - InlineReply.CUT_MARK.length());
        assertThat(message.entities())
                .allSatisfy(entity -> assertThat(entity.end()).isLessThanOrEqualTo(kept.length()));
        assertThat(message.replyMarkup()).isEmpty();

        // and: previews were throttled to one a second, never repeated, and the final came last
        List<BotEvent> edits = edits(inlineMessageId);
        assertThat(edits.getLast().text()).isEqualTo(message.text());
        List<BotEvent> previews = edits.subList(0, edits.size() - 1);
        assertThat(previews).isNotEmpty();
        assertThat(previews.size()).isLessThanOrEqualTo(2 + (int) (streamedMillis / 1000));
        for (int i = 1; i < edits.size(); i++) {
            assertThat(edits.get(i).text()).isNotEqualTo(edits.get(i - 1).text());
        }
        assertThat(previews)
                .allSatisfy(preview ->
                        assertThat(preview.text().length()).isLessThanOrEqualTo(FormattedText.MAX_MESSAGE_LENGTH));
        assertThat(telegram.emulator.tooManyRequestsServed()).isZero();
        assertThat(telegram.emulator.rejections()).isEmpty();
    }

    @Test
    void the_same_text_is_never_shown_twice() throws Exception {
        // given
        String inlineMessageId = inlineMessage(302);
        InlineReply reply = InlineReply.open(telegram.outbound, markdown, inlineMessageId, AT_ONCE);

        // when: the same text is handed over again and again for more than two intervals
        for (int i = 0; i < 50; i++) {
            reply.update("The answer is **42**.");
            Thread.sleep(50);
        }
        reply.finish("The answer is **42**.", Keyboard.NONE);

        // then: one preview, and no final edit, since the preview already is the answer
        assertThat(edits(inlineMessageId)).singleElement().satisfies(edit -> {
            assertThat(edit.text()).isEqualTo("The answer is 42.");
            assertThat(edit.entities())
                    .singleElement()
                    .satisfies(entity -> assertThat(entity.type()).isEqualTo("bold"));
        });
        assertThat(telegram.emulator.rejections()).isEmpty();
    }

    @Test
    void a_short_answer_is_sent_whole_with_its_keyboard() {
        // given
        String inlineMessageId = inlineMessage(303);
        InlineReply reply = InlineReply.open(
                telegram.outbound,
                markdown,
                inlineMessageId,
                new PreviewSettings(Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofSeconds(4)));
        reply.update("Par");

        // when
        reply.finish("Paris.", Keyboard.of(new Keyboard.Callback("Regenerate", "rg:1")));

        // then: the preview delay had not passed, so the final is the only edit
        assertThat(edits(inlineMessageId)).extracting(BotEvent::text).containsExactly("Paris.");
        assertThat(telegram.emulator
                        .inlineMessage(inlineMessageId)
                        .orElseThrow()
                        .replyMarkup())
                .hasValueSatisfying(markup -> assertThat(markup.path("inline_keyboard")
                                .get(0)
                                .get(0)
                                .path("callback_data")
                                .asText())
                        .isEqualTo("rg:1"));
        assertThatThrownBy(() -> InlineReply.open(telegram.outbound, markdown, inlineMessageId, AT_ONCE)
                        .finish("  ", Keyboard.NONE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_answer_of_exactly_4096_units_fits_whole_and_one_long_block_is_cut_inside() {
        String exact = "x".repeat(FormattedText.MAX_MESSAGE_LENGTH);
        String longBlock = "word ".repeat(2000).strip();

        FormattedText whole = InlineReply.fitFinal(markdown, exact).orElseThrow();
        FormattedText cut = InlineReply.fitFinal(markdown, longBlock).orElseThrow();

        assertThat(whole.text()).isEqualTo(exact);
        assertThat(cut.length()).isLessThanOrEqualTo(FormattedText.MAX_MESSAGE_LENGTH);
        assertThat(cut.text()).endsWith("word\n…");
        assertThat(InlineReply.fitFinal(markdown, " \n ")).isEmpty();
    }

    @Test
    void a_long_answer_is_cut_above_its_sources_which_stay_whole_with_their_links() {
        // given: an answer far over the limit, and three numbered sources to keep under it
        String inlineMessageId = inlineMessage(305);
        String answer =
                IntStream.range(0, 80).mapToObj(InlineReplyTest::paragraph).collect(Collectors.joining("\n\n"));
        String sources = "\n\n**Sources**\n1. [Aurora](https://example.org/aurora)\n2. [Trains](https://example.org/t)"
                + "\n3. Handbook (billing/payment-failed.md)";

        // when
        InlineReply.open(telegram.outbound, markdown, inlineMessageId, AT_ONCE).finish(answer, sources, Keyboard.NONE);

        // then: one message within the limit, the answer cut with the mark, the sources whole after it
        InlineMessage message = telegram.emulator.inlineMessage(inlineMessageId).orElseThrow();
        String text = message.text();
        assertThat(text.length()).isLessThanOrEqualTo(FormattedText.MAX_MESSAGE_LENGTH);
        assertThat(text).startsWith("Paragraph 0 has bold words");
        String tail = "\n…\n\nSources\n\n1. Aurora\n2. Trains\n3. Handbook (billing/payment-failed.md)";
        assertThat(text).endsWith(tail);
        assertThat(message.entities())
                .filteredOn(entity -> entity.type().equals("text_link"))
                .extracting(
                        entity -> text.substring(entity.offset(), entity.offset() + entity.length()),
                        entity -> entity.url().orElseThrow())
                .containsExactly(
                        tuple("Aurora", "https://example.org/aurora"), tuple("Trains", "https://example.org/t"));
        assertThat(telegram.emulator.rejections()).isEmpty();
    }

    @Test
    void closing_without_finishing_stops_the_previews() throws Exception {
        // given
        String inlineMessageId = inlineMessage(304);
        InlineReply reply = InlineReply.open(telegram.outbound, markdown, inlineMessageId, AT_ONCE);
        reply.update("first");
        telegram.emulator.awaitEvent(304, event -> event.kind() == BotEvent.Kind.EDITED, Duration.ofSeconds(5));

        // when
        reply.close();
        List<String> before = new ArrayList<>(
                edits(inlineMessageId).stream().map(BotEvent::text).toList());
        reply.update("second, after close");
        Thread.sleep(1_500);

        // then: close() has joined the previewer, so nothing more was sent, even after the interval
        assertThat(before).containsExactly("first");
        assertThat(edits(inlineMessageId)).extracting(BotEvent::text).containsExactly("first");
    }
}

package io.grokgram.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.grokgram.sandbox.CallbackAnswer;
import io.grokgram.sandbox.ChatMessage;
import io.grokgram.sandbox.SandboxUser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Inline keyboards, callback answers and document uploads through the outbound scheduler, against the emulator. */
class OutboundButtonsAndFilesTest {
    private static final Keyboard AGAIN = Keyboard.of(
            new Keyboard.Callback("Again", "rg:1"), new Keyboard.Url("Open in bot", "https://t.me/rig_bot?start=x"));

    private final EmulatedTelegram telegram =
            new EmulatedTelegram(new OutboundLimits(50, 600, 100, 3), ChatStatusListener.ignoring());
    private final Outbound outbound = telegram.outbound;
    private final SandboxUser ann = telegram.emulator.user(501, "Ann", Optional.empty(), "en");
    private final ChatId chat = telegram.privateChat(501);

    @AfterEach
    void stop() {
        telegram.close();
    }

    @Test
    void a_message_goes_out_with_its_buttons_and_a_press_comes_back() {
        // when
        MessageId sent =
                outbound.send(chat, OptionalInt.empty(), FormattedText.plain("Answer"), Optional.empty(), AGAIN);

        // then
        JsonNode row = message(sent)
                .replyMarkup()
                .orElseThrow()
                .path("inline_keyboard")
                .get(0);
        assertThat(row.get(0).path("text").asText()).isEqualTo("Again");
        assertThat(row.get(0).path("callback_data").asText()).isEqualTo("rg:1");
        assertThat(row.get(1).path("url").asText()).isEqualTo("https://t.me/rig_bot?start=x");
        assertThat(ann.pressButton(chat.value(), sent.value(), "rg:1")).isNotEmpty();
    }

    @Test
    void an_edit_replaces_the_buttons_and_an_edit_without_any_removes_them() {
        // given
        MessageId sent =
                outbound.send(chat, OptionalInt.empty(), FormattedText.plain("Answer"), Optional.empty(), AGAIN);

        // when
        outbound.edit(
                chat, sent, FormattedText.plain("Answer, again"), Keyboard.of(new Keyboard.Callback("Stop", "st")));
        JsonNode replaced = message(sent)
                .replyMarkup()
                .orElseThrow()
                .path("inline_keyboard")
                .get(0);
        outbound.edit(chat, sent, FormattedText.plain("Answer, final"));

        // then
        assertThat(replaced)
                .singleElement()
                .satisfies(b -> assertThat(b.path("callback_data").asText()).isEqualTo("st"));
        assertThat(message(sent).text()).isEqualTo("Answer, final");
        assertThat(message(sent).replyMarkup()).isEmpty();
        assertThatThrownBy(() -> ann.pressButton(chat.value(), sent.value(), "st"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_press_is_answered_with_a_toast_once() {
        // given
        MessageId sent =
                outbound.send(chat, OptionalInt.empty(), FormattedText.plain("Answer"), Optional.empty(), AGAIN);
        String query = ann.pressButton(chat.value(), sent.value(), "rg:1");

        // when
        outbound.answerCallback(query, Optional.of("Writing a new answer…"));

        // then
        assertThat(telegram.emulator.callbackAnswer(query))
                .contains(new CallbackAnswer(query, Optional.of("Writing a new answer…"), false));
        assertThat(telegram.emulator.unansweredCallbacks()).isEmpty();
        assertThatThrownBy(() -> outbound.answerCallback(query, Optional.empty()))
                .isInstanceOf(TelegramException.BadRequest.class)
                .hasMessageContaining("query is too old");
    }

    @Test
    void a_document_is_uploaded_with_its_name_bytes_and_caption() {
        // given
        byte[] content = "# The long answer\n\n".repeat(400).getBytes(StandardCharsets.UTF_8);

        // when
        MessageId sent =
                outbound.sendDocument(chat, OptionalInt.empty(), "answer.md", content, Optional.of("The full answer"));

        // then
        assertThat(telegram.emulator.documents(chat.value())).singleElement().satisfies(document -> {
            assertThat(document.messageId()).isEqualTo(sent.value());
            assertThat(document.fileName()).isEqualTo("answer.md");
            assertThat(document.content()).isEqualTo(content);
            assertThat(document.caption()).contains("The full answer");
        });
        assertThat(message(sent).content()).isEqualTo(ChatMessage.Content.DOCUMENT);
    }

    @Test
    void a_document_lands_in_a_forum_topic() {
        // given
        long forum = ann.createForumSupergroupWithBot("Lab");
        int topic = ann.createTopic(forum, "Reports");

        // when
        outbound.sendDocument(
                new ChatId(forum), OptionalInt.of(topic), "report.txt", new byte[] {1, 2, 3}, Optional.empty());

        // then
        List<ChatMessage> messages = telegram.emulator.messages(forum);
        assertThat(messages.getLast().threadId()).hasValue(topic);
        assertThat(telegram.emulator.documents(forum))
                .singleElement()
                .satisfies(d -> assertThat(d.caption()).isEmpty());
    }

    @Test
    void an_empty_file_is_refused_and_not_retried() {
        // when / then
        assertThatThrownBy(() ->
                        outbound.sendDocument(chat, OptionalInt.empty(), "empty.txt", new byte[0], Optional.empty()))
                .isInstanceOf(TelegramException.BadRequest.class)
                .hasMessageContaining("file must be non-empty");
        assertThat(telegram.emulator.rejections()).hasSize(1);
    }

    private ChatMessage message(MessageId id) {
        return telegram.emulator.messages(chat.value()).stream()
                .filter(m -> m.messageId() == id.value())
                .findFirst()
                .orElseThrow();
    }
}

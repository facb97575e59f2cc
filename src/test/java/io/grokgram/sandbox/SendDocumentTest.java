package io.grokgram.sandbox;

import static io.grokgram.sandbox.BotApiClient.params;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** sendDocument as Telegram takes uploads: multipart/form-data, with its limits. */
class SendDocumentTest {
    private static final byte[] NOTES = "# Notes\n\nThe answer, in full.\n".getBytes(StandardCharsets.UTF_8);

    @AutoClose
    private final Sandbox sandbox = Sandbox.start();

    private final BotApiClient api = sandbox.api;
    private final SandboxUser ann = sandbox.userWhoWrote(42, "Ann");

    @Test
    void an_uploaded_document_arrives_with_its_name_bytes_caption_and_buttons() {
        // when
        var sent = api.upload(
                "sendDocument",
                Map.of(
                        "chat_id",
                        "42",
                        "caption",
                        "*The* answer",
                        "parse_mode",
                        "MarkdownV2",
                        "reply_markup",
                        "{\"inline_keyboard\":[[{\"text\":\"Again\",\"callback_data\":\"rg:1\"}]]}"),
                "document",
                "answer.md",
                NOTES);

        // then
        assertThat(sent.ok()).as(sent.raw()).isTrue();
        JsonNode message = sent.result();
        assertThat(message.path("document").path("file_name").asText()).isEqualTo("answer.md");
        assertThat(message.path("document").path("file_size").asInt()).isEqualTo(NOTES.length);
        assertThat(message.path("document").path("file_id").asText()).isNotEmpty();
        assertThat(message.path("caption").asText()).isEqualTo("The answer");
        assertThat(message.path("caption_entities").get(0).path("type").asText())
                .isEqualTo("bold");
        assertThat(message.has("text")).isFalse();
        assertThat(sandbox.emulator.documents(42)).singleElement().satisfies(document -> {
            assertThat(document.fileName()).isEqualTo("answer.md");
            assertThat(document.content()).isEqualTo(NOTES);
            assertThat(document.caption()).contains("The answer");
            assertThat(document.messageId())
                    .isEqualTo(message.path("message_id").asInt());
        });
        assertThat(ann.pressButton(42, message.path("message_id").asInt(), "rg:1"))
                .isNotEmpty();
    }

    @Test
    void the_file_may_be_attached_under_another_name_with_attach() {
        // when
        var sent = api.upload(
                "sendDocument",
                Map.of("chat_id", "42", "document", "attach://notes_file"),
                "notes_file",
                "notes.txt",
                NOTES);
        var dangling = api.upload(
                "sendDocument",
                Map.of("chat_id", "42", "document", "attach://elsewhere"),
                "notes_file",
                "notes.txt",
                NOTES);

        // then
        assertThat(sent.ok()).as(sent.raw()).isTrue();
        assertThat(sent.result().path("document").path("file_name").asText()).isEqualTo("notes.txt");
        assertThat(dangling.description()).isEqualTo("Bad Request: wrong file identifier/HTTP URL specified");
        assertThat(sandbox.emulator.documents(42)).hasSize(1);
    }

    @Test
    void a_document_goes_into_a_forum_topic() {
        // given
        long forum = ann.createForumSupergroupWithBot("Lab");
        int topic = ann.createTopic(forum, "Reports");

        // when
        var sent = api.upload(
                "sendDocument",
                Map.of("chat_id", Long.toString(forum), "message_thread_id", Integer.toString(topic)),
                "document",
                "report.txt",
                NOTES);

        // then
        assertThat(sent.result().path("message_thread_id").asInt()).isEqualTo(topic);
        assertThat(sent.result().path("document").path("mime_type").asText()).isEqualTo("text/plain");
        assertThat(sent.result().has("caption")).isFalse();
        assertThat(sandbox.emulator.documents(forum)).hasSize(1);
    }

    @Test
    void a_caption_may_have_1024_characters_not_more() {
        // when
        var longest = api.upload(
                "sendDocument", Map.of("chat_id", "42", "caption", "c".repeat(1024)), "document", "a.txt", NOTES);
        var tooLong = api.upload(
                "sendDocument", Map.of("chat_id", "42", "caption", "c".repeat(1025)), "document", "b.txt", NOTES);

        // then
        assertThat(longest.ok()).isTrue();
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.description()).isEqualTo("Bad Request: message caption is too long");
        assertThat(sandbox.emulator.documents(42))
                .extracting(SentDocument::fileName)
                .containsExactly("a.txt");
    }

    @Test
    void a_missing_empty_or_unknown_document_is_refused() {
        // when
        var missing = api.multipart("sendDocument", Map.of("chat_id", "42"));
        var empty = api.upload("sendDocument", Map.of("chat_id", "42"), "document", "empty.txt", new byte[0]);
        var byId = api.json("sendDocument", params("chat_id", 42, "document", "BQACAgIAAxkBAAIunknown"));

        // then
        assertThat(missing.description()).isEqualTo("Bad Request: there is no document in the request");
        assertThat(empty.description()).isEqualTo("Bad Request: file must be non-empty");
        assertThat(byId.description()).isEqualTo("Bad Request: wrong file identifier/HTTP URL specified");
        assertThat(sandbox.emulator.documents(42)).isEmpty();
    }

    @Test
    void a_file_over_50_mb_is_too_big() {
        // given
        byte[] huge = new byte[50 * 1024 * 1024 + 1];

        // when
        var sent = api.upload("sendDocument", Map.of("chat_id", "42"), "document", "huge.bin", huge);

        // then
        assertThat(sent.status()).isEqualTo(400);
        assertThat(sent.description()).isEqualTo("Bad Request: file is too big");
        assertThat(sandbox.emulator.documents(42)).isEmpty();
    }
}

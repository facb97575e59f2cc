package io.grokgram.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UpdateParserTest {
    private final UpdateParser parser = new UpdateParser();

    @Test
    void a_private_text_message_keeps_its_sender_and_chat() {
        InboundUpdate update = parser.parse("""
                {"update_id":7,"message":{"message_id":3,"date":1700000000,"text":"Hello",
                 "chat":{"id":42,"type":"private","first_name":"Ann"},
                 "from":{"id":42,"is_bot":false,"first_name":"Ann","username":"ann","language_code":"de"},
                 "some_field_from_bot_api_11":{"x":1}}}""");

        assertThat(update).isInstanceOfSatisfying(InboundUpdate.Message.class, m -> {
            assertThat(m.updateId()).isEqualTo(7);
            assertThat(m.chat().id()).isEqualTo(new ChatId(42));
            assertThat(m.chat().type()).isEqualTo(InboundUpdate.ChatType.PRIVATE);
            assertThat(m.from().languageCode()).contains("de");
            assertThat(m.content()).isEqualTo(new InboundUpdate.Text("Hello"));
        });
    }

    @Test
    void a_command_is_read_from_its_bot_command_entity() {
        InboundUpdate update = parser.parse("""
                {"update_id":8,"message":{"message_id":4,"date":1,"text":"/Start@GrokBot hello there",
                 "entities":[{"type":"bot_command","offset":0,"length":14}],
                 "chat":{"id":42,"type":"private"},"from":{"id":42,"is_bot":false,"first_name":"Ann"}}}""");

        assertThat(((InboundUpdate.Message) update).content())
                .isEqualTo(new InboundUpdate.Command("start", java.util.Optional.of("GrokBot"), "hello there"));
    }

    @Test
    void a_photo_is_non_text() {
        InboundUpdate update = parser.parse("""
                {"update_id":9,"message":{"message_id":5,"date":1,"photo":[{"file_id":"a","file_unique_id":"b",
                 "width":1,"height":1}],"chat":{"id":42,"type":"private"},"from":{"id":42,"first_name":"A"}}}""");

        assertThat(((InboundUpdate.Message) update).content()).isEqualTo(new InboundUpdate.NonText("photo"));
    }

    @Test
    void broken_updates_become_malformed_with_a_reason_and_never_throw() {
        assertThat(parser.parse("{not json")).isInstanceOf(InboundUpdate.Malformed.class);
        assertThat(parser.parse("[1,2]")).isInstanceOf(InboundUpdate.Malformed.class);
        assertThat(parser.parse("{\"message\":{}}"))
                .isInstanceOfSatisfying(
                        InboundUpdate.Malformed.class,
                        m -> assertThat(m.reason()).contains("update_id"));
        assertThat(parser.parse(
                        "{\"update_id\":5,\"message\":{\"message_id\":1,\"chat\":{\"id\":1,\"type\":\"moon\"}}}"))
                .isInstanceOfSatisfying(InboundUpdate.Malformed.class, m -> {
                    assertThat(m.updateId()).isEqualTo(5);
                    assertThat(m.reason()).contains("chat.type");
                });
    }

    @Test
    void other_update_kinds_are_unsupported_not_malformed() {
        assertThat(parser.parse("{\"update_id\":11,\"inline_query\":{\"id\":\"1\"}}"))
                .isEqualTo(new InboundUpdate.Unsupported(11, "inline_query"));
    }
}

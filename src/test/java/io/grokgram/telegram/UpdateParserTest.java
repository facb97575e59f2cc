package io.grokgram.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
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
        assertThat(parser.parse("{\"update_id\":11,\"poll\":{\"id\":\"1\"}}"))
                .isEqualTo(new InboundUpdate.Unsupported(11, "poll"));
    }

    @Test
    void an_inline_query_keeps_its_id_sender_text_and_chat_type() {
        InboundUpdate update = parser.parse("""
                {"update_id":12,"inline_query":{"id":"4714230000000000001",
                 "from":{"id":42,"is_bot":false,"first_name":"Ann","username":"ann","language_code":"en"},
                 "chat_type":"supergroup","query":"why is the sky blue","offset":""}}""");

        assertThat(update)
                .isEqualTo(new InboundUpdate.InlineQuery(
                        12,
                        "4714230000000000001",
                        new InboundUpdate.Sender(new UserId(42), false, "Ann", Optional.of("ann"), Optional.of("en")),
                        "why is the sky blue",
                        Optional.of("supergroup")));
    }

    @Test
    void an_inline_query_from_a_secret_chat_has_no_chat_type_and_may_be_empty() {
        InboundUpdate update = parser.parse("""
                {"update_id":13,"inline_query":{"id":"7","from":{"id":42,"first_name":"Ann"},
                 "query":"","offset":""}}""");

        assertThat(update).isInstanceOfSatisfying(InboundUpdate.InlineQuery.class, query -> {
            assertThat(query.query()).isEmpty();
            assertThat(query.chatType()).isEmpty();
        });
    }

    @Test
    void a_chosen_result_carries_its_inline_message_id_only_when_telegram_sent_one() {
        InboundUpdate withKeyboard = parser.parse("""
                {"update_id":14,"chosen_inline_result":{"from":{"id":42,"first_name":"Ann"},
                 "inline_message_id":"AAAAAgAAAAAAAAAqAAAAAWYoYqs","query":"capital of France","result_id":"ask"}}""");
        InboundUpdate without = parser.parse("""
                {"update_id":15,"chosen_inline_result":{"from":{"id":42,"first_name":"Ann"},
                 "query":"capital of France","result_id":"plain"}}""");

        assertThat(withKeyboard).isInstanceOfSatisfying(InboundUpdate.ChosenInlineResult.class, chosen -> {
            assertThat(chosen.resultId()).isEqualTo("ask");
            assertThat(chosen.from().id()).isEqualTo(new UserId(42));
            assertThat(chosen.inlineMessageId()).contains("AAAAAgAAAAAAAAAqAAAAAWYoYqs");
            assertThat(chosen.query()).isEqualTo("capital of France");
        });
        assertThat(without)
                .isInstanceOfSatisfying(
                        InboundUpdate.ChosenInlineResult.class,
                        chosen -> assertThat(chosen.inlineMessageId()).isEmpty());
    }

    @Test
    void a_guest_message_is_a_message_with_the_guest_query_id() {
        InboundUpdate update = parser.parse("""
                {"update_id":16,"guest_message":{"message_id":3,"from":{"id":42,"first_name":"Ann"},
                 "chat":{"id":-4900000001,"title":"Friends","type":"group"},"date":1700000000,
                 "text":"@grokgram_bot what is a monad?","entities":[{"offset":0,"length":13,"type":"mention"}],
                 "guest_query_id":"5200100000000000001"}}""");

        assertThat(update).isInstanceOfSatisfying(InboundUpdate.GuestQuery.class, guest -> {
            assertThat(guest.updateId()).isEqualTo(16);
            assertThat(guest.guestQueryId()).isEqualTo("5200100000000000001");
            assertThat(guest.message().chat().id()).isEqualTo(new ChatId(-4900000001L));
            assertThat(guest.message().chat().type()).isEqualTo(InboundUpdate.ChatType.GROUP);
            assertThat(guest.message().from().id()).isEqualTo(new UserId(42));
            assertThat(guest.message().messageId()).isEqualTo(new MessageId(3));
            assertThat(guest.message().content()).isEqualTo(new InboundUpdate.Text("@grokgram_bot what is a monad?"));
        });
    }

    @Test
    void inline_and_guest_updates_without_their_ids_are_malformed_with_a_reason() {
        assertThat(parser.parse("""
                        {"update_id":17,"inline_query":{"from":{"id":42},"query":"x","offset":""}}""")).isInstanceOfSatisfying(InboundUpdate.Malformed.class, m -> {
            assertThat(m.updateId()).isEqualTo(17);
            assertThat(m.reason()).contains("inline_query");
        });
        assertThat(parser.parse("""
                        {"update_id":18,"inline_query":{"id":"1","from":{"id":0},"query":"x"}}""")).isInstanceOf(InboundUpdate.Malformed.class);
        assertThat(parser.parse("""
                        {"update_id":19,"chosen_inline_result":{"from":{"id":42},"query":"x"}}"""))
                .isInstanceOfSatisfying(
                        InboundUpdate.Malformed.class,
                        m -> assertThat(m.reason()).contains("chosen_inline_result"));
        assertThat(parser.parse("""
                        {"update_id":20,"chosen_inline_result":{"result_id":"a","query":"x"}}""")).isInstanceOf(InboundUpdate.Malformed.class);
        assertThat(parser.parse("""
                        {"update_id":21,"guest_message":{"message_id":3,"from":{"id":42},
                         "chat":{"id":-5,"type":"group"},"date":1,"text":"hi"}}"""))
                .isInstanceOfSatisfying(
                        InboundUpdate.Malformed.class,
                        m -> assertThat(m.reason()).contains("guest_query_id"));
        assertThat(parser.parse("""
                        {"update_id":22,"guest_message":{"message_id":3,"from":{"id":42},
                         "chat":{"id":-5,"type":"moon"},"date":1,"text":"hi","guest_query_id":"9"}}"""))
                .isInstanceOfSatisfying(
                        InboundUpdate.Malformed.class,
                        m -> assertThat(m.reason()).contains("chat.type"));
    }

    @Test
    void a_message_sent_via_an_inline_bot_is_not_a_question() {
        InboundUpdate update = parser.parse("""
                {"update_id":23,"message":{"message_id":4,"date":1,"text":"Paris",
                 "chat":{"id":42,"type":"private"},"from":{"id":42,"first_name":"Ann"},
                 "via_bot":{"id":7357001,"is_bot":true,"first_name":"Grokgram","username":"grokgram_bot"}}}""");

        assertThat(update).isEqualTo(new InboundUpdate.Unsupported(23, "message via an inline bot"));
    }
}

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
        assertThat(parser.parse("{\"update_id\":11,\"inline_query\":{\"id\":\"1\"}}"))
                .isEqualTo(new InboundUpdate.Unsupported(11, "inline_query"));
    }

    @Test
    void mentions_are_cut_at_utf16_offsets_even_after_emoji() {
        // given: each emoji is two UTF-16 units, so the mentions start at 8 and 19, not at 6 and 17
        InboundUpdate update = parser.parse("""
                {"update_id":12,"message":{"message_id":6,"date":1,"text":"🙂🙂 hi @Ann_A and @Bob_Bee",
                 "entities":[{"type":"mention","offset":8,"length":6},{"type":"mention","offset":19,"length":8}],
                 "chat":{"id":-4001,"type":"group","title":"Friends"},
                 "from":{"id":42,"is_bot":false,"first_name":"Ann"}}}""");

        // then
        assertThat(update).isInstanceOfSatisfying(InboundUpdate.Message.class, m -> {
            assertThat(m.mentionedUsernames()).containsExactly("ann_a", "bob_bee");
            assertThat(m.mentionedUsers()).isEmpty();
            assertThat(m.chat().type()).isEqualTo(InboundUpdate.ChatType.GROUP);
        });
    }

    @Test
    void a_text_mention_names_the_user_and_mentions_in_captions_count_too() {
        // when
        InboundUpdate named = parser.parse("""
                {"update_id":13,"message":{"message_id":7,"date":1,"text":"thanks Ann!",
                 "entities":[{"type":"text_mention","offset":7,"length":3,
                              "user":{"id":42,"is_bot":false,"first_name":"Ann"}}],
                 "chat":{"id":-4001,"type":"group","title":"Friends"},
                 "from":{"id":43,"is_bot":false,"first_name":"Bob"}}}""");
        InboundUpdate captioned = parser.parse("""
                {"update_id":14,"message":{"message_id":8,"date":1,"photo":[],"caption":"look @GrokBot",
                 "caption_entities":[{"type":"mention","offset":5,"length":8}],
                 "chat":{"id":-4001,"type":"group","title":"Friends"},
                 "from":{"id":43,"is_bot":false,"first_name":"Bob"}}}""");

        // then
        assertThat(((InboundUpdate.Message) named).mentionedUsers()).containsExactly(new UserId(42));
        assertThat(((InboundUpdate.Message) named).mentionedUsernames()).isEmpty();
        assertThat(((InboundUpdate.Message) captioned).mentionedUsernames()).containsExactly("grokbot");
    }

    @Test
    void a_reply_keeps_the_replied_message_its_author_and_the_quote() {
        // when
        InboundUpdate update = parser.parse("""
                {"update_id":15,"message":{"message_id":9,"date":1,"text":"Are you sure?",
                 "reply_to_message":{"message_id":5,"date":1,"text":"The capital of France is Paris.",
                   "from":{"id":7357001,"is_bot":true,"first_name":"Grokgram","username":"grokgram_bot"},
                   "chat":{"id":-4001,"type":"group","title":"Friends"}},
                 "quote":{"text":"Paris","position":25,"is_manual":true},
                 "chat":{"id":-4001,"type":"group","title":"Friends"},
                 "from":{"id":42,"is_bot":false,"first_name":"Ann"}}}""");

        // then
        InboundUpdate.Replied replied =
                ((InboundUpdate.Message) update).replied().orElseThrow();
        assertThat(replied.id()).isEqualTo(new MessageId(5));
        assertThat(replied.from()).hasValueSatisfying(from -> {
            assertThat(from.id()).isEqualTo(new UserId(7357001));
            assertThat(from.isBot()).isTrue();
            assertThat(from.username()).contains("grokgram_bot");
        });
        assertThat(replied.text()).isEqualTo("The capital of France is Paris.");
        assertThat(replied.quote()).contains("Paris");
    }

    @Test
    void a_reply_to_a_photo_reads_its_caption_and_a_reply_to_a_sticker_has_no_text() {
        // when
        InboundUpdate toPhoto = parser.parse("""
                {"update_id":16,"message":{"message_id":9,"date":1,"text":"nice",
                 "reply_to_message":{"message_id":5,"date":1,"photo":[],"caption":"my cat",
                   "from":{"id":43,"is_bot":false,"first_name":"Bob"}},
                 "chat":{"id":42,"type":"private"},"from":{"id":42,"is_bot":false,"first_name":"Ann"}}}""");
        InboundUpdate toSticker = parser.parse("""
                {"update_id":17,"message":{"message_id":10,"date":1,"text":"ha",
                 "reply_to_message":{"message_id":6,"date":1,"sticker":{},"sender_chat":{"id":-100,"type":"channel"}},
                 "chat":{"id":42,"type":"private"},"from":{"id":42,"is_bot":false,"first_name":"Ann"}}}""");

        // then
        assertThat(((InboundUpdate.Message) toPhoto).replied())
                .hasValueSatisfying(r -> assertThat(r.text()).isEqualTo("my cat"));
        assertThat(((InboundUpdate.Message) toSticker).replied()).hasValueSatisfying(r -> {
            assertThat(r.text()).isEmpty();
            assertThat(r.from()).isEmpty();
            assertThat(r.quote()).isEmpty();
        });
    }

    @Test
    void in_a_forum_topic_the_topic_opener_is_not_a_reply() {
        // when
        InboundUpdate update = parser.parse("""
                {"update_id":18,"message":{"message_id":12,"message_thread_id":3,"is_topic_message":true,
                 "date":1,"text":"what about rockets?",
                 "reply_to_message":{"message_id":3,"message_thread_id":3,"is_topic_message":true,"date":1,
                   "forum_topic_created":{"name":"Ideas","icon_color":7322096},
                   "from":{"id":42,"is_bot":false,"first_name":"Ann"}},
                 "chat":{"id":-1001000000001,"type":"supergroup","title":"Lab","is_forum":true},
                 "from":{"id":42,"is_bot":false,"first_name":"Ann"}}}""");

        // then
        assertThat(update).isInstanceOfSatisfying(InboundUpdate.Message.class, m -> {
            assertThat(m.threadId()).hasValue(3);
            assertThat(m.chat().isForum()).isTrue();
            assertThat(m.replied()).isEmpty();
        });
    }

    @Test
    void a_callback_query_keeps_chat_and_message_even_when_the_message_is_inaccessible() {
        // when: the message is too old, Telegram sends only chat, id and date 0
        InboundUpdate old = parser.parse("""
                {"update_id":19,"callback_query":{"id":"4242000000000001","chat_instance":"-77","data":"rg:1",
                 "from":{"id":42,"is_bot":false,"first_name":"Ann","language_code":"en"},
                 "message":{"chat":{"id":-1001000000001,"type":"supergroup","title":"Lab"},
                            "message_id":77,"date":0}}}""");
        InboundUpdate inline = parser.parse("""
                {"update_id":20,"callback_query":{"id":"q2","chat_instance":"5","data":"more",
                 "inline_message_id":"AAEAAAE","from":{"id":42,"is_bot":false,"first_name":"Ann"}}}""");

        // then
        assertThat(old)
                .isEqualTo(new InboundUpdate.CallbackQuery(
                        19,
                        "4242000000000001",
                        new InboundUpdate.Sender(new UserId(42), false, "Ann", Optional.empty(), Optional.of("en")),
                        Optional.of(new ChatId(-1001000000001L)),
                        Optional.of(new MessageId(77)),
                        Optional.empty(),
                        "rg:1"));
        assertThat(inline).isInstanceOfSatisfying(InboundUpdate.CallbackQuery.class, q -> {
            assertThat(q.chat()).isEmpty();
            assertThat(q.message()).isEmpty();
            assertThat(q.inlineMessageId()).contains("AAEAAAE");
            assertThat(q.data()).isEqualTo("more");
        });
        assertThat(parser.parse("{\"update_id\":21,\"callback_query\":{\"id\":\"q3\",\"data\":\"x\"}}"))
                .isInstanceOf(InboundUpdate.Malformed.class);
    }

    @Test
    void migrate_to_chat_id_moves_the_group_to_its_supergroup() {
        // when
        InboundUpdate update = parser.parse("""
                {"update_id":22,"message":{"message_id":4,"date":1,"migrate_to_chat_id":-1001000000002,
                 "chat":{"id":-4000000001,"type":"group","title":"Friends"},
                 "from":{"id":42,"is_bot":false,"first_name":"Ann"}}}""");

        // then
        assertThat(update)
                .isEqualTo(new InboundUpdate.ChatMigrated(22, new ChatId(-4000000001L), new ChatId(-1001000000002L)));
    }

    @Test
    void my_chat_member_says_what_kind_of_chat() {
        // when
        InboundUpdate update = parser.parse("""
                {"update_id":23,"my_chat_member":{"chat":{"id":-4001,"type":"group","title":"Friends"},
                 "from":{"id":42,"is_bot":false,"first_name":"Ann"},"date":1,
                 "old_chat_member":{"status":"member","user":{"id":1,"is_bot":true,"first_name":"G"}},
                 "new_chat_member":{"status":"kicked","until_date":0,"user":{"id":1,"is_bot":true,"first_name":"G"}}}}""");

        // then
        assertThat(update)
                .isEqualTo(new InboundUpdate.MembershipChanged(
                        23, new ChatId(-4001), "kicked", InboundUpdate.ChatType.GROUP));
    }
}

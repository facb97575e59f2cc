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

package io.grokgram.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

/** parse_mode HTML, MarkdownV2 and Markdown, through the same path sendMessage uses. */
class MarkupTest {

    private static MessageText.Final parse(String text, String parseMode) {
        return MessageText.finish(MessageText.parse(text, parseMode, ""), false, false);
    }

    private static String errorOf(String text, String parseMode) {
        try {
            parse(text, parseMode);
        } catch (BotApiException e) {
            return e.description();
        }
        throw new AssertionError("expected " + text + " to be refused");
    }

    @Test
    void html_tags_become_entities_over_the_visible_text() {
        // when
        var result = parse(
                "<b>bold</b> <strong>strong</strong> <i>it</i> <em>em</em> <u>u</u> <ins>ins</ins> <s>s</s>"
                        + " <strike>st</strike> <del>del</del> <span class=\"tg-spoiler\">sp</span>"
                        + " <tg-spoiler>tsp</tg-spoiler> <code>c</code> <a href=\"https://example.com/a\">link</a>",
                "HTML");

        // then
        assertThat(result.text()).isEqualTo("bold strong it em u ins s st del sp tsp c link");
        assertThat(result.entities())
                .extracting(MessageEntity::type)
                .containsExactly(
                        "bold",
                        "bold",
                        "italic",
                        "italic",
                        "underline",
                        "underline",
                        "strikethrough",
                        "strikethrough",
                        "strikethrough",
                        "spoiler",
                        "spoiler",
                        "code",
                        "text_link");
        assertThat(result.entities().getLast().url()).contains("https://example.com/a");
    }

    @Test
    void html_pre_with_a_language_and_expandable_blockquotes() {
        // when
        var result = parse(
                "<pre><code class=\"language-python\">print(1)</code></pre>\n<blockquote expandable>long quote</blockquote>",
                "HTML");

        // then
        assertThat(result.text()).isEqualTo("print(1)\nlong quote");
        assertThat(result.entities())
                .extracting(MessageEntity::type, MessageEntity::offset, MessageEntity::length)
                .containsExactly(tuple("pre", 0, 8), tuple("expandable_blockquote", 9, 10));
        assertThat(result.entities().getFirst().language()).contains("python");
    }

    @Test
    void html_entities_are_decoded_with_utf16_offsets() {
        // when
        var result = parse("&lt;a&gt; &amp; &quot;q&quot; &#128512; <b>&#x41;</b> &copy;", "HTML");

        // then
        assertThat(result.text()).isEqualTo("<a> & \"q\" \uD83D\uDE00 A &copy;");
        assertThat(result.entities())
                .extracting(MessageEntity::offset, MessageEntity::length)
                .containsExactly(tuple(13, 1));
    }

    @Test
    void html_errors_name_the_tag_and_byte_offset() {
        assertThat(errorOf("a <p>paragraph</p>", "HTML"))
                .isEqualTo("Bad Request: can't parse entities: Unsupported start tag \"p\" at byte offset 2");
        assertThat(errorOf("<b>never closed", "HTML"))
                .isEqualTo("Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"");
        assertThat(errorOf("<b>x</i>", "HTML"))
                .isEqualTo("Bad Request: can't parse entities: Unmatched end tag at byte offset 4, expected \"</b>\","
                        + " found \"</i>\"");
        assertThat(errorOf("é</b>", "HTML"))
                .isEqualTo("Bad Request: can't parse entities: Unexpected end tag at byte offset 2");
        assertThat(errorOf("1 < 2", "HTML"))
                .isEqualTo("Bad Request: can't parse entities: Unsupported start tag \"\" at byte offset 2");
        assertThat(errorOf("<span>x</span>", "HTML"))
                .isEqualTo("Bad Request: can't parse entities: Tag \"span\" must have class \"tg-spoiler\" at byte"
                        + " offset 0");
    }

    @Test
    void html_nesting_inside_code_is_dropped_not_refused() {
        // when
        var result = parse("<code>a <b>b</b></code>", "HTML");

        // then
        assertThat(result.entities()).extracting(MessageEntity::type).containsExactly("code");
    }

    @Test
    void markdown_v2_entities() {
        // when
        var result = parse(
                "*bold* _italic_ __under__ ~strike~ ||spoiler|| `code` [link](https://example.com/x\\)y) \\. \\!",
                "MarkdownV2");

        // then
        assertThat(result.text()).isEqualTo("bold italic under strike spoiler code link . !");
        assertThat(result.entities())
                .extracting(MessageEntity::type)
                .containsExactly("bold", "italic", "underline", "strikethrough", "spoiler", "code", "text_link");
        assertThat(result.entities().getLast().url()).contains("https://example.com/x)y");
    }

    @Test
    void markdown_v2_pre_blocks_and_quotes() {
        // when
        var result = parse("```java\nint x = 1;\n```\n>quoted line\n>second", "MarkdownV2");

        // then
        assertThat(result.text()).isEqualTo("int x = 1;\n\nquoted line\nsecond");
        assertThat(result.entities())
                .extracting(MessageEntity::type, MessageEntity::offset, MessageEntity::length)
                .containsExactly(tuple("pre", 0, 11), tuple("blockquote", 12, 18));
        assertThat(result.entities().getFirst().language()).contains("java");
    }

    @Test
    void markdown_v2_reserved_characters_must_be_escaped() {
        assertThat(errorOf("Done.", "MarkdownV2"))
                .isEqualTo("Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the"
                        + " preceding '\\'");
        assertThat(errorOf("1-2", "MarkdownV2"))
                .isEqualTo("Bad Request: can't parse entities: Character '-' is reserved and must be escaped with the"
                        + " preceding '\\'");
        assertThat(errorOf("*never closed", "MarkdownV2"))
                .isEqualTo("Bad Request: can't parse entities: Can't find end of Bold entity at byte offset 0");
        assertThat(errorOf("ok `code . fine` then (", "MarkdownV2"))
                .isEqualTo("Bad Request: can't parse entities: Character '(' is reserved and must be escaped with the"
                        + " preceding '\\'");
    }

    @Test
    void legacy_markdown_has_no_reserved_characters() {
        // when
        var result = parse("*bold* and _it_ end.", "Markdown");

        // then
        assertThat(result.text()).isEqualTo("bold and it end.");
        assertThat(result.entities()).extracting(MessageEntity::type).containsExactly("bold", "italic");
        assertThatThrownBy(() -> parse("*open", "Markdown"))
                .isInstanceOf(BotApiException.class)
                .hasMessageContaining("Can't find end of the entity starting at byte offset 0");
    }

    @Test
    void an_unknown_parse_mode_is_refused() {
        assertThat(errorOf("x", "BBCode")).isEqualTo("Bad Request: unsupported parse_mode");
    }

    @Test
    void markup_that_leaves_no_text_is_empty() {
        assertThat(errorOf("<b> </b>", "HTML")).isEqualTo("Bad Request: text must be non-empty");
    }

    @Test
    void normalisation_trims_whitespace_and_moves_entities() {
        // when
        var result = MessageText.finish(
                new ParsedText("  \n hello\r\n world \n", List.of(new RawEntity(EntityType.BOLD, 4, 5))), false, false);

        // then
        assertThat(result.text()).isEqualTo("hello\n world");
        assertThat(result.entities())
                .extracting(MessageEntity::offset, MessageEntity::length)
                .containsExactly(tuple(0, 5));
    }

    @Test
    void partly_overlapping_bold_and_italic_are_split_into_nested_pieces() {
        // when: bold 0..5, italic 3..8
        var result = MessageText.finish(
                new ParsedText(
                        "abcdefgh",
                        List.of(new RawEntity(EntityType.BOLD, 0, 5), new RawEntity(EntityType.ITALIC, 3, 5))),
                false,
                false);

        // then
        assertThat(result.entities())
                .extracting(MessageEntity::type, MessageEntity::offset, MessageEntity::length)
                .containsExactly(tuple("bold", 0, 3), tuple("italic", 3, 5), tuple("bold", 3, 2));
    }
}

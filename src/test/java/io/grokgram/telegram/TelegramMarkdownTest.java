package io.grokgram.telegram;

import static io.grokgram.telegram.Entity.Type.BLOCKQUOTE;
import static io.grokgram.telegram.Entity.Type.BOLD;
import static io.grokgram.telegram.Entity.Type.CODE;
import static io.grokgram.telegram.Entity.Type.EXPANDABLE_BLOCKQUOTE;
import static io.grokgram.telegram.Entity.Type.ITALIC;
import static io.grokgram.telegram.Entity.Type.STRIKETHROUGH;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TelegramMarkdownTest {

    private final TelegramMarkdown markdown = new TelegramMarkdown();

    private FormattedText render(String source) {
        FormattedText rendered = markdown.render(source);
        EntityInvariants.assertValid(rendered);
        return rendered;
    }

    private static FormattedText text(String text, Entity... entities) {
        return new FormattedText(text, List.of(entities));
    }

    private static Entity pre(int offset, int length, String language) {
        return Entity.pre(offset, length, Optional.of(language));
    }

    private static Entity pre(int offset, int length) {
        return Entity.pre(offset, length, Optional.empty());
    }

    @Test
    void bold_and_italic_become_entities_over_the_plain_text() {
        assertThat(render("**a** _b_")).isEqualTo(text("a b", Entity.of(BOLD, 0, 1), Entity.of(ITALIC, 2, 1)));
    }

    @Test
    void double_tilde_is_strikethrough_but_a_single_tilde_means_about() {
        assertThat(render("~~old~~ new")).isEqualTo(text("old new", Entity.of(STRIKETHROUGH, 0, 3)));
        assertThat(render("takes ~5 min, costs ~3 $")).isEqualTo(text("takes ~5 min, costs ~3 $"));
    }

    @Test
    void inline_code_becomes_a_code_entity() {
        assertThat(render("call `run()` now")).isEqualTo(text("call run() now", Entity.of(CODE, 5, 5)));
    }

    @Test
    void nested_emphasis_nests_the_entities() {
        assertThat(render("*a **b** c*")).isEqualTo(text("a b c", Entity.of(ITALIC, 0, 5), Entity.of(BOLD, 2, 1)));
    }

    @Test
    void an_emoji_before_a_bold_word_counts_two_utf16_units() {
        assertThat(render("😀 **bold**")).isEqualTo(text("😀 bold", Entity.of(BOLD, 3, 4)));
    }

    @Test
    void a_zwj_family_and_a_flag_count_all_their_utf16_units() {
        // 👨‍👩‍👧 is 3 emoji joined by 2 ZWJ = 8 units; 🇩🇪 is 2 regional indicators = 4 units
        assertThat(render("👨‍👩‍👧🇩🇪 *x*")).isEqualTo(text("👨‍👩‍👧🇩🇪 x", Entity.of(ITALIC, 13, 1)));
    }

    @Test
    void right_to_left_text_and_combining_marks_keep_their_string_indices() {
        assertThat(render("שלום **עולם**")).isEqualTo(text("שלום עולם", Entity.of(BOLD, 5, 4)));
        assertThat(render("cafe\u0301 **مرحبا**")).isEqualTo(text("cafe\u0301 مرحبا", Entity.of(BOLD, 6, 5)));
    }

    @Test
    void a_link_becomes_a_text_link() {
        assertThat(render("see [the docs](https://example.com/docs)"))
                .isEqualTo(text("see the docs", Entity.link(4, 8, "https://example.com/docs")));
    }

    @Test
    void a_link_inside_bold_nests_in_it() {
        assertThat(render("**[x](https://e.com)**"))
                .isEqualTo(text("x", Entity.of(BOLD, 0, 1), Entity.link(0, 1, "https://e.com")));
    }

    @Test
    void a_link_showing_its_own_url_stays_plain_for_telegram_to_detect() {
        assertThat(render("<https://example.com> and [https://a.b](https://a.b) and <me@example.com>"))
                .isEqualTo(text("https://example.com and https://a.b and me@example.com"));
    }

    @Test
    void a_link_telegram_might_refuse_shows_its_url_and_a_relative_one_only_its_text() {
        assertThat(render("[write](mailto:a@b.c) or [up](../x.md)")).isEqualTo(text("write (mailto:a@b.c) or up"));
    }

    @Test
    void code_inside_a_link_is_plain_because_telegram_forbids_code_in_links() {
        assertThat(render("[`run`](https://e.com)")).isEqualTo(text("run", Entity.link(0, 3, "https://e.com")));
    }

    @Test
    void an_image_becomes_its_alt_text_linked_to_the_image() {
        assertThat(render("![a cat](https://e.com/cat.png)"))
                .isEqualTo(text("a cat", Entity.link(0, 5, "https://e.com/cat.png")));
        assertThat(render("![](https://e.com/cat.png)")).isEqualTo(text("https://e.com/cat.png"));
    }

    @Test
    void a_fenced_code_block_becomes_pre_with_the_first_word_of_its_info_as_language() {
        assertThat(render("```java title=\"A\"\nint x = 1;\nx++;\n```"))
                .isEqualTo(text("int x = 1;\nx++;", pre(0, 15, "java")));
    }

    @Test
    void a_code_block_without_info_and_an_indented_one_have_no_language() {
        assertThat(render("```\nls -l\n```")).isEqualTo(text("ls -l", pre(0, 5)));
        assertThat(render("text\n\n    indented\n      more")).isEqualTo(text("text\n\nindented\n  more", pre(6, 15)));
    }

    @Test
    void markup_inside_code_stays_literal() {
        assertThat(render("```\n**not bold**\n```")).isEqualTo(text("**not bold**", pre(0, 12)));
        assertThat(render("`**x**`")).isEqualTo(text("**x**", Entity.of(CODE, 0, 5)));
    }

    @Test
    void a_heading_becomes_a_bold_line_without_a_second_bold_inside() {
        assertThat(render("# Title with **bold**\n\nBody"))
                .isEqualTo(text("Title with bold\n\nBody", Entity.of(BOLD, 0, 15)));
        assertThat(render("Setext\n======\ntext")).isEqualTo(text("Setext\n\ntext", Entity.of(BOLD, 0, 6)));
    }

    @Test
    void bullet_lists_get_bullets_and_ordered_lists_keep_their_start_number() {
        assertThat(render("- a\n- **b**")).isEqualTo(text("• a\n• b", Entity.of(BOLD, 6, 1)));
        assertThat(render("3. three\n4. four")).isEqualTo(text("3. three\n4. four"));
    }

    @Test
    void nested_lists_are_indented_by_the_width_of_the_parent_marker() {
        assertThat(render("- a\n  - b\n    - c\n- d")).isEqualTo(text("• a\n  • b\n    • c\n• d"));
        assertThat(render("1. a\n   - b\n2. c")).isEqualTo(text("1. a\n   • b\n2. c"));
    }

    @Test
    void a_loose_list_keeps_blank_lines_and_continuation_paragraphs_are_indented() {
        assertThat(render("- a\n\n  more\n\n- b")).isEqualTo(text("• a\n\n  more\n\n• b"));
    }

    @Test
    void a_code_block_in_a_list_item_is_not_indented() {
        assertThat(render("- run:\n  ```sh\n  ls\n  pwd\n  ```\n- done"))
                .isEqualTo(text("• run:\nls\npwd\n• done", pre(7, 6, "sh")));
    }

    @Test
    void a_block_quote_becomes_a_blockquote_entity() {
        assertThat(render("> quoted *text*\n\nafter"))
                .isEqualTo(text("quoted text\n\nafter", Entity.of(BLOCKQUOTE, 0, 11), Entity.of(ITALIC, 7, 4)));
    }

    @Test
    void a_quote_inside_a_quote_is_flattened_into_one_blockquote() {
        assertThat(render("> outer\n>\n> > inner")).isEqualTo(text("outer\n\ninner", Entity.of(BLOCKQUOTE, 0, 12)));
    }

    @Test
    void a_long_or_tall_quote_becomes_expandable() {
        String tall = "> line\n".repeat(13);
        FormattedText rendered = render(tall);
        assertThat(rendered.entities()).containsExactly(Entity.of(EXPANDABLE_BLOCKQUOTE, 0, rendered.length()));
        String longQuote = "> " + "word ".repeat(150);
        assertThat(render(longQuote).entities()).extracting(Entity::type).containsExactly(EXPANDABLE_BLOCKQUOTE);
        assertThat(render("> line\n".repeat(12)).entities())
                .extracting(Entity::type)
                .containsExactly(BLOCKQUOTE);
    }

    @Test
    void a_table_becomes_one_pre_block_with_aligned_columns() {
        String table = """
                | Name | Qty | Note |
                |:-----|----:|:----:|
                | **apple** | 3 | ok |
                | kiwi | 120 | `x` |
                """;
        String expected = """
                Name  | Qty | Note
                ------|-----|-----
                apple |   3 |  ok
                kiwi  | 120 |  x""";
        assertThat(render(table)).isEqualTo(text(expected, pre(0, expected.length())));
    }

    @Test
    void a_thematic_break_becomes_a_line_of_dashes() {
        assertThat(render("a\n\n---\n\nb")).isEqualTo(text("a\n\n———\n\nb"));
    }

    @Test
    void soft_and_hard_line_breaks_both_stay_newlines() {
        assertThat(render("one\ntwo  \nthree\\\nfour")).isEqualTo(text("one\ntwo\nthree\nfour"));
    }

    @Test
    void raw_html_is_shown_as_written_and_character_references_are_decoded() {
        assertThat(render("a <b>x</b> &amp; &lt;3 &#169;")).isEqualTo(text("a <b>x</b> & <3 ©"));
        assertThat(render("<div>\nhi\n</div>\n\nnext")).isEqualTo(text("<div>\nhi\n</div>\n\nnext"));
    }

    @Test
    void blocks_are_separated_by_one_blank_line_and_the_text_is_trimmed() {
        assertThat(render("\n\n  first\n\n\n\nsecond  \n\n")).isEqualTo(text("first\n\nsecond"));
    }

    @Test
    void blank_input_renders_to_an_empty_text() {
        assertThat(render("")).isEqualTo(text(""));
        assertThat(render(" \n\t\n")).isEqualTo(text(""));
    }

    @Test
    void markdown_that_would_show_nothing_is_sent_as_written() {
        assertThat(render("```\n   \n```\n\n-")).isEqualTo(text("```\n   \n```\n\n-"));
        assertThat(render(" [ref]: https://e.com ")).isEqualTo(text("[ref]: https://e.com"));
    }

    @Test
    void blocks_that_show_nothing_leave_no_separator_behind() {
        assertThat(render("a\n\n```\n```\n\n- \n\nb")).isEqualTo(text("a\n\nb"));
    }

    @Test
    void empty_markup_leaves_no_empty_entity() {
        assertThat(render("a [](https://e.com) `` b")).isEqualTo(text("a https://e.com `` b"));
    }
}

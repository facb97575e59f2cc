package io.grokgram.telegram;

import static io.grokgram.telegram.Entity.Type.BOLD;
import static io.grokgram.telegram.Entity.Type.PRE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TelegramMarkdownSplitTest {

    private static final int LIMIT = FormattedText.MAX_MESSAGE_LENGTH;

    private final TelegramMarkdown markdown = new TelegramMarkdown();

    private List<FormattedText> split(String source, int limit) {
        List<FormattedText> parts = markdown.split(source, limit);
        parts.forEach(part -> EntityInvariants.assertPart(part, limit));
        assertThat(EntityInvariants.withoutWhitespace(joined(parts)))
                .as("nothing but whitespace lost")
                .isEqualTo(EntityInvariants.withoutWhitespace(
                        markdown.render(source).text()));
        return parts;
    }

    private static String joined(List<FormattedText> parts) {
        return parts.stream().map(FormattedText::text).collect(Collectors.joining());
    }

    @Test
    void blank_input_gives_no_parts() {
        assertThat(markdown.split("", LIMIT)).isEmpty();
        assertThat(markdown.split(" \n\n ", LIMIT)).isEmpty();
    }

    @Test
    void markdown_that_would_show_nothing_is_one_part_as_written() {
        assertThat(split("```\n```", LIMIT)).containsExactly(FormattedText.plain("```\n```"));
    }

    @Test
    void a_text_that_fits_is_one_part_equal_to_the_rendering() {
        String source = "# Hi\n\n**bold** and `code`\n\n- a\n- b";
        assertThat(split(source, LIMIT)).containsExactly(markdown.render(source));
    }

    @Test
    void parts_break_between_paragraphs_and_keep_as_many_as_fit() {
        String source = "**first** para\n\nsecond para\n\nthird para";
        assertThat(split(source, 25))
                .containsExactly(
                        new FormattedText("first para\n\nsecond para", List.of(Entity.of(BOLD, 0, 5))),
                        FormattedText.plain("third para"));
    }

    @Test
    void a_long_list_breaks_between_its_items() {
        String source = IntStream.rangeClosed(1, 6).mapToObj(i -> "- item " + i).collect(Collectors.joining("\n"));
        assertThat(split(source, 20))
                .extracting(FormattedText::text)
                .containsExactly("• item 1\n• item 2", "• item 3\n• item 4", "• item 5\n• item 6");
    }

    @Test
    void an_oversized_paragraph_is_cut_at_a_space_and_its_bold_reopens_in_the_next_part() {
        List<FormattedText> parts = split("intro **one two three four** end", 16);
        assertThat(parts)
                .containsExactly(
                        new FormattedText("intro one two", List.of(Entity.of(BOLD, 6, 7))),
                        new FormattedText("three four end", List.of(Entity.of(BOLD, 0, 10))));
    }

    @Test
    void a_ten_thousand_character_document_splits_into_valid_messages() {
        StringBuilder source = new StringBuilder();
        int section = 0;
        while (source.length() < 10_000) {
            section++;
            source.append("## Section ")
                    .append(section)
                    .append("\n\nSome **bold** text, some *italic* text with a [link](https://example.com/")
                    .append(section)
                    .append(") and `inline code`. ")
                    .append("Filler words to make the paragraph longer. ".repeat(3))
                    .append("\n\n- first point\n- second point with **emphasis**\n  - nested point\n\n")
                    .append("```python\n")
                    .append("def f(x):\n    return x * 2\n".repeat(4))
                    .append("```\n\n| key | value |\n|-----|------:|\n| a | 1 |\n| bb | 22 |\n\n> a quote 😀\n\n");
        }
        List<FormattedText> parts = split(source.toString(), LIMIT);
        assertThat(parts).hasSizeGreaterThanOrEqualTo(3);
        assertThat(parts.getFirst().text()).startsWith("Section 1\n\nSome bold text");
        // whole blocks only: every pre in every part still starts with its first line
        assertThat(parts)
                .flatExtracting(FormattedText::entities)
                .filteredOn(entity -> entity.type() == PRE && entity.language().isPresent())
                .allSatisfy(entity -> assertThat(entity.language()).contains("python"));
        for (FormattedText part : parts) {
            part.entities().stream()
                    .filter(entity -> entity.language().isPresent())
                    .forEach(entity ->
                            assertThat(part.text().substring(entity.offset())).startsWith("def f(x):"));
        }
    }

    @Test
    void a_nine_thousand_character_code_block_becomes_several_pre_parts_with_the_language() {
        String line = "System.out.println(\"line\"); // padding\n";
        String code = line.repeat(9_000 / line.length());
        List<FormattedText> parts = split("```java\n" + code + "```", LIMIT);
        assertThat(parts).hasSize(3);
        for (FormattedText part : parts) {
            assertThat(part.entities()).containsExactly(Entity.pre(0, part.length(), Optional.of("java")));
            assertThat(part.text()).startsWith("System.out").endsWith("// padding");
        }
        assertThat(joined(parts).replace("\n", "")).isEqualTo(code.replace("\n", ""));
    }

    @Test
    void a_cut_prefers_a_line_break_in_the_second_half_of_the_window() {
        List<FormattedText> parts = split("```\naaaa bbbb cc\ndddd eeee\nffff\n```", 20);
        assertThat(parts).extracting(FormattedText::text).containsExactly("aaaa bbbb cc", "dddd eeee\nffff");
    }

    @Test
    void a_cut_prefers_a_late_space_to_an_early_line_break() {
        List<FormattedText> parts = split("```\naaaa bbbb\ncccc dddd eeee ffff\n```", 20);
        assertThat(parts).extracting(FormattedText::text).containsExactly("aaaa bbbb\ncccc dddd", "eeee ffff");
    }

    @Test
    void a_word_longer_than_the_limit_is_cut_between_graphemes_never_inside_an_emoji() {
        String family = "👨‍👩‍👧"; // 8 UTF-16 units, one grapheme
        String source = ("x😀" + family + "🇩🇪").repeat(20);
        List<FormattedText> parts = split(source, 9);
        assertThat(parts).hasSizeGreaterThan(1);
        assertThat(parts)
                .extracting(FormattedText::text)
                .allSatisfy(text -> assertThat(text)
                        .doesNotStartWith("\u200D")
                        .matches(t -> !Character.isLowSurrogate(t.charAt(0)), "starts on a code point"));
        assertThat(parts).extracting(FormattedText::text).contains(family);
    }

    @Test
    void a_grapheme_longer_than_the_limit_is_cut_between_code_points() {
        String family = "👨‍👩‍👧‍👦"; // 11 UTF-16 units, one grapheme
        List<FormattedText> parts = split(family, 3);
        assertThat(joined(parts)).isEqualTo(family);
        assertThat(parts)
                .allSatisfy(
                        part -> assertThat(Character.isLowSurrogate(part.text().charAt(0)))
                                .isFalse());
    }

    @Test
    void a_limit_too_small_for_one_emoji_is_refused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> markdown.split("a", 1))
                .withMessageContaining("1");
    }
}

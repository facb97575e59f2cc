package io.grokgram.telegram;

import static io.grokgram.telegram.Entity.Type.BOLD;
import static io.grokgram.telegram.Entity.Type.CODE;
import static io.grokgram.telegram.Entity.Type.ITALIC;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TelegramMarkdownPreviewTest {

    private final TelegramMarkdown markdown = new TelegramMarkdown();

    private FormattedText preview(String partial) {
        FormattedText rendered = markdown.preview(partial);
        EntityInvariants.assertValid(rendered);
        return rendered;
    }

    private static FormattedText text(String text, Entity... entities) {
        return new FormattedText(text, List.of(entities));
    }

    @Test
    void an_unclosed_code_fence_shows_as_pre_so_far() {
        assertThat(preview("```java\nint x")).isEqualTo(text("int x", Entity.pre(0, 5, Optional.of("java"))));
    }

    @Test
    void a_closing_fence_still_being_typed_does_not_show_in_the_code() {
        assertThat(preview("Code:\n\n```java\nint x\n``"))
                .isEqualTo(text("Code:\n\nint x", Entity.pre(7, 5, Optional.of("java"))));
    }

    @Test
    void a_fence_whose_language_is_being_typed_shows_nothing_yet() {
        assertThat(preview("Look:\n\n```ja")).isEqualTo(text("Look:"));
    }

    @Test
    void a_dangling_marker_at_the_end_is_dropped() {
        assertThat(preview("Hello **")).isEqualTo(text("Hello"));
        assertThat(preview("Hello `")).isEqualTo(text("Hello"));
        assertThat(preview("Hello ~~")).isEqualTo(text("Hello"));
        assertThat(preview("**done** and *")).isEqualTo(text("done and", Entity.of(BOLD, 0, 4)));
    }

    @Test
    void open_markers_are_closed_so_the_formatting_shows_while_it_streams() {
        assertThat(preview("a **bol")).isEqualTo(text("a bol", Entity.of(BOLD, 2, 3)));
        assertThat(preview("a `co")).isEqualTo(text("a co", Entity.of(CODE, 2, 2)));
        assertThat(preview("**a _b")).isEqualTo(text("a b", Entity.of(BOLD, 0, 3), Entity.of(ITALIC, 2, 1)));
        assertThat(preview("**bold*")).isEqualTo(text("bold", Entity.of(BOLD, 0, 4)));
    }

    @Test
    void finished_markup_is_left_alone() {
        assertThat(preview("**a** _b_ `c` snake_case_name"))
                .isEqualTo(markdown.render("**a** _b_ `c` snake_case_name"));
    }

    @Test
    void a_link_whose_url_is_arriving_shows_only_its_text() {
        assertThat(preview("see [the docs](https://exa")).isEqualTo(text("see the docs"));
    }

    @Test
    void markers_inside_an_open_code_block_are_code() {
        assertThat(preview("```\nx = a **")).isEqualTo(text("x = a **", Entity.pre(0, 8, Optional.empty())));
    }

    @Test
    void earlier_paragraphs_are_untouched_by_the_last_one() {
        assertThat(preview("```\n**\n```\n\n2 * 3 = **6"))
                .isEqualTo(text("**\n\n2 * 3 = 6", Entity.pre(0, 2, Optional.empty()), Entity.of(BOLD, 12, 1)));
    }

    @Test
    void split_preview_is_the_split_of_the_preview() {
        String partial = "para one\n\n```sh\n" + "echo hello world\n".repeat(30);
        List<FormattedText> parts = markdown.splitPreview(partial, 100);
        parts.forEach(part -> EntityInvariants.assertPart(part, 100));
        assertThat(parts.getLast().entities()).extracting(Entity::language).containsOnly(Optional.of("sh"));
        assertThat(String.join("", parts.stream().map(FormattedText::text).toList())
                        .replaceAll("\\s", ""))
                .isEqualTo(markdown.preview(partial).text().replaceAll("\\s", ""));
    }
}

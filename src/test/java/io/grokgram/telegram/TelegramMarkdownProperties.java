package io.grokgram.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.DoubleRange;

/**
 * Over random Markdown of every block kind and random Unicode (emoji with ZWJ and flags, combining marks, Arabic,
 * Hebrew, CJK, stray markup characters): messages fit, entities keep Telegram's rules, and splitting loses nothing.
 */
class TelegramMarkdownProperties {

    private static final int TRIES = 200;

    private final TelegramMarkdown markdown = new TelegramMarkdown();

    @Property(tries = TRIES)
    void rendering_keeps_telegrams_entity_rules(@ForAll("documents") String source) {
        EntityInvariants.assertValid(markdown.render(source));
    }

    @Property(tries = TRIES)
    void every_part_fits_its_limit_and_keeps_telegrams_entity_rules(
            @ForAll("documents") String source, @ForAll("limits") int limit) {
        List<FormattedText> parts = markdown.split(source, limit);
        assertThat(parts.isEmpty()).as("no parts for blank input only").isEqualTo(source.isBlank());
        parts.forEach(part -> EntityInvariants.assertPart(part, limit));
    }

    @Property(tries = TRIES)
    void splitting_loses_nothing_but_whitespace(@ForAll("documents") String source, @ForAll("limits") int limit) {
        List<FormattedText> parts = markdown.split(source, limit);
        String joined = parts.stream().map(FormattedText::text).collect(Collectors.joining());
        assertThat(EntityInvariants.withoutWhitespace(joined))
                .isEqualTo(EntityInvariants.withoutWhitespace(
                        markdown.render(source).text()));
    }

    @Property(tries = TRIES)
    void splitting_keeps_every_formatted_character_formatted_the_same_way(
            @ForAll("documents") String source, @ForAll("limits") int limit) {
        FormattedText whole = markdown.render(source);
        List<FormattedText> parts = markdown.split(source, limit);
        for (Entity.Type type : Entity.Type.values()) {
            String inParts = parts.stream().map(part -> covered(part, type)).collect(Collectors.joining());
            assertThat(inParts).as("characters covered by %s", type).isEqualTo(covered(whole, type));
        }
    }

    @Property(tries = TRIES)
    void a_text_that_fits_is_one_part_equal_to_the_rendering(@ForAll("documents") String source) {
        FormattedText whole = markdown.render(source);
        List<FormattedText> parts = markdown.split(source, Math.max(2, whole.length()));
        assertThat(parts).isEqualTo(whole.text().isEmpty() ? List.of() : List.of(whole));
    }

    @Property(tries = TRIES)
    void every_prefix_of_a_streamed_answer_previews_to_valid_parts(
            @ForAll("documents") String source,
            @ForAll @DoubleRange(min = 0, max = 1) double streamed,
            @ForAll("limits") int limit) {
        int end = (int) (source.length() * streamed);
        if (end > 0 && end < source.length() && Character.isLowSurrogate(source.charAt(end))) {
            end--; // a stream delivers whole code points
        }
        String partial = source.substring(0, end);
        EntityInvariants.assertValid(markdown.preview(partial));
        List<FormattedText> parts = markdown.splitPreview(partial, limit);
        parts.forEach(part -> EntityInvariants.assertPart(part, limit));
        String joined = parts.stream().map(FormattedText::text).collect(Collectors.joining());
        assertThat(EntityInvariants.withoutWhitespace(joined))
                .isEqualTo(EntityInvariants.withoutWhitespace(
                        markdown.preview(partial).text()));
    }

    /** The non-whitespace characters under at least one entity of the type, in text order. */
    private static String covered(FormattedText formatted, Entity.Type type) {
        boolean[] under = new boolean[formatted.length()];
        formatted.entities().stream()
                .filter(entity -> entity.type() == type)
                .forEach(entity -> Arrays.fill(under, entity.offset(), entity.end(), true));
        StringBuilder covered = new StringBuilder();
        for (int i = 0; i < under.length; i++) {
            char c = formatted.text().charAt(i);
            if (under[i] && !Character.isWhitespace(c)) {
                covered.append(c);
            }
        }
        return covered.toString();
    }

    @Provide
    Arbitrary<Integer> limits() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(50, 400)),
                Tuple.of(2, Arbitraries.integers().between(2, 49)),
                Tuple.of(2, Arbitraries.just(FormattedText.MAX_MESSAGE_LENGTH)));
    }

    @Provide
    Arbitrary<String> documents() {
        return MarkdownDocuments.blocks().list().ofMinSize(1).ofMaxSize(8).map(blocks -> String.join("\n\n", blocks));
    }
}

package io.grokgram.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class AnswersTest {

    @Property
    void an_answer_is_a_pure_function_of_the_message_and_never_empty(
            @ForAll @StringLength(max = 300) String message, @ForAll @IntRange(min = 1, max = 50) int turn) {
        Script first = Script.of(message, turn);
        Script again = Script.of(message, turn);

        assertThat(first.answer().text()).isNotEmpty().isEqualTo(again.answer().text());
    }

    @Property
    void long_text_lands_just_under_n(@ForAll @IntRange(min = 1, max = 20_000) int chars) {
        String text = Answers.longText(chars);

        assertThat(text.length()).isBetween(Math.max(1, chars - 12), chars);
    }

    @Property
    void words_gives_exactly_n_words(@ForAll @IntRange(min = 1, max = 2_000) int count) {
        assertThat(Answers.words(count).split(" ")).hasSize(count);
    }

    @Property
    void pieces_lose_nothing_and_never_split_a_surrogate_pair(
            @ForAll String text, @ForAll @IntRange(min = 1, max = 20) int size) {
        List<String> pieces = CompletionWriter.pieces(text, size);

        assertThat(String.join("", pieces)).isEqualTo(text);
        assertThat(pieces).allSatisfy(piece -> {
            assertThat(piece.codePointCount(0, piece.length())).isBetween(1, size);
            assertThat(Character.isLowSurrogate(piece.charAt(0))).isFalse();
        });
    }

    @Test
    void fail_takes_an_optional_retry_after() {
        Script script = Script.of("#fail 429 retry=12 #echo later", 1);

        assertThat(script.failure()).hasValueSatisfying(failure -> {
            assertThat(failure.status()).isEqualTo(429);
            assertThat(failure.retryAfter()).contains(java.time.Duration.ofSeconds(12));
        });
        assertThat(script.answer().text()).isEqualTo("later");
    }

    @Test
    void the_first_answer_directive_wins() {
        assertThat(Script.of("#tokens 3 #markdown", 1).answer()).isEqualTo(new Answer.Words(3));
    }

    @Test
    void a_blank_question_is_still_answered() {
        assertThat(Script.of("   ", 4).answer().text()).startsWith("You said: nothing");
    }
}

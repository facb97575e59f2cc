package io.grokgram.telegram;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What Telegram would refuse in an inline answer is refused before it is sent. */
class InlineArgumentsTest {

    @Test
    void a_start_parameter_is_1_to_64_characters_of_telegrams_set() {
        assertThatCode(() -> new InlineStartButton("Open", "a-Z_09".repeat(10) + "abcd"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> new InlineStartButton("Open", "x".repeat(65)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1-64");
        assertThatThrownBy(() -> new InlineStartButton("Open", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InlineStartButton("Open", "with space"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InlineStartButton("Open", "ünïcode")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InlineStartButton(" ", "ok")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_article_has_an_id_of_1_to_64_bytes_a_title_and_a_message_that_fits() {
        FormattedText text = FormattedText.plain("hi");

        assertThatCode(() -> new InlineArticle("x".repeat(64), "t", "", text, Keyboard.NONE))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> new InlineArticle("ü".repeat(32) + "x", "t", "", text, Keyboard.NONE))
                .as("65 bytes")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InlineArticle("", "t", "", text, Keyboard.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InlineArticle("a", "", "", text, Keyboard.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InlineArticle("a", "t", "", FormattedText.plain(" "), Keyboard.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InlineArticle("a", "t", "", FormattedText.plain("x".repeat(4097)), Keyboard.NONE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cache_time_is_0_to_a_day() {
        assertThatCode(() -> new InlineAnswerOptions(86_400, false, Optional.empty()))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> new InlineAnswerOptions(-1, true, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InlineAnswerOptions(86_401, true, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package io.grokgram.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokgram.privacy.GatedMessage;
import io.grokgram.privacy.Origin;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContextBuilderTest {
    private final TokenCounter counter = new TokenCounter();

    @Test
    void persona_comes_first_and_the_new_message_last() {
        ContextBuilder builder = new ContextBuilder("You are Grok.", counter, 1000, 4);

        List<GatedMessage> messages =
                builder.build(history(2, 10), builder.windowStart(history(2, 10), 5), "", "update:7", "And now?");

        assertThat(messages.getFirst()).isEqualTo(new GatedMessage("persona", Origin.OPERATOR, "You are Grok."));
        assertThat(messages.getLast()).isEqualTo(new GatedMessage("update:7", Origin.ADDRESSED, "And now?"));
        assertThat(messages).hasSize(1 + 4 + 1);
        assertThat(messages.get(1).ref())
                .as("stored messages are named by their place")
                .isEqualTo("conv:1");
    }

    @Test
    void old_turns_are_dropped_to_fit_the_budget_and_whole_turns_are_kept() {
        ContextBuilder builder = new ContextBuilder("p", counter, 800, 4);
        List<StoredMessage> history = history(20, 30); // 40 messages of 30 tokens

        List<GatedMessage> messages = builder.build(history, builder.windowStart(history, 10), "", "update:1", "q");

        int used = messages.stream()
                .mapToInt(m -> m.origin() == Origin.OPERATOR
                        ? counter.count("p")
                        : m.content().equals("q") ? 10 : 30)
                .sum();
        assertThat(used).isLessThanOrEqualTo(800 - ContextBuilder.SUMMARY_TOKENS);
        assertThat(messages).hasSizeLessThan(42);
        assertThat(messages.get(1).origin()).isEqualTo(Origin.ADDRESSED);
        assertThat(messages).hasSizeGreaterThan(2);
    }

    @Test
    void the_window_start_stays_put_for_several_turns_so_the_cached_prefix_survives() {
        ContextBuilder builder = new ContextBuilder("p", counter, 400, 8);
        List<Integer> starts = new ArrayList<>();
        List<StoredMessage> history = new ArrayList<>();
        for (int turn = 0; turn < 40; turn++) {
            starts.add(builder.windowStartWithin(history, 400 - counter.count("p") - 10));
            history.add(new StoredMessage(history.size() + 1, Origin.ADDRESSED, "u" + turn, 20));
            history.add(new StoredMessage(history.size() + 1, Origin.ASSISTANT, "a" + turn, 20));
        }

        long changes = java.util.stream.IntStream.range(1, starts.size())
                .filter(i -> !starts.get(i).equals(starts.get(i - 1)))
                .count();
        // one message at a time would move the start on every turn once the budget is full (about 30 times)
        assertThat(changes).isBetween(1L, 10L);
        assertThat(starts).isSorted();
    }

    @Test
    void the_summary_follows_the_persona_as_its_own_kind_of_message() {
        ContextBuilder builder = new ContextBuilder("p", counter, 5000, 4);

        List<GatedMessage> messages = builder.build(history(3, 10), 2, "They talked about tea.", "update:1", "q");

        assertThat(messages.get(1).origin()).isEqualTo(Origin.SUMMARY);
        assertThat(messages.get(1).content()).endsWith("They talked about tea.");
        assertThat(messages.get(2).content()).isEqualTo("question 1");
    }

    private static List<StoredMessage> history(int turns, int tokensEach) {
        List<StoredMessage> history = new ArrayList<>();
        for (int i = 0; i < turns; i++) {
            history.add(new StoredMessage(2 * i + 1, Origin.ADDRESSED, "question " + i, tokensEach));
            history.add(new StoredMessage(2 * i + 2, Origin.ASSISTANT, "answer " + i, tokensEach));
        }
        return history;
    }
}

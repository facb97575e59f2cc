package io.grokgram.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The prompt cache reuses each message's tokens from the previous request instead of encoding the whole prompt again;
 * over random conversations (messages kept, dropped from the front, changed, appended; text with whitespace at the
 * edges, newlines, markup and non-Latin scripts) its figures must be exactly those of encoding the whole prompt.
 */
class PromptCacheProperties {

    private static final Encoding O200K = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    @Property(tries = 150)
    void counts_and_cache_hits_equal_whole_prompt_encoding(
            @ForAll("conversations") List<List<CompletionRequest.Message>> requests) {
        PromptCache cache = new PromptCache();
        int[] previous = null;
        for (List<CompletionRequest.Message> messages : requests) {
            int[] whole = O200K.encodeOrdinary(PromptCache.canonical(messages)).toArray();
            PromptCache.Prompt prompt = cache.account("grok-test", Optional.of("conversation"), messages);
            int common = previous == null ? 0 : commonPrefix(previous, whole);
            assertThat(prompt.tokens()).isEqualTo(whole.length);
            assertThat(prompt.cachedTokens()).isEqualTo(common / PromptCache.BLOCK * PromptCache.BLOCK);
            previous = whole;
        }
    }

    @Property(tries = 50)
    void counting_and_truncating_an_answer_twice_gives_the_same_as_once(
            @ForAll("texts") String text, @ForAll("limits") int maxTokens) {
        int tokens = O200K.countTokensOrdinary(text);
        assertThat(PromptCache.count(text)).isEqualTo(tokens);
        assertThat(PromptCache.count(text)).isEqualTo(tokens);
        String expected = tokens > maxTokens
                ? O200K.decode(O200K.encodeOrdinary(text, maxTokens).getTokens())
                : text;
        assertThat(PromptCache.truncate(text, maxTokens)).isEqualTo(expected);
        assertThat(PromptCache.truncate(text, maxTokens)).isEqualTo(expected);
    }

    /** How the next request differs from the one before. */
    private record Step(int kind, List<CompletionRequest.Message> added) {}

    @Provide
    Arbitrary<List<List<CompletionRequest.Message>>> conversations() {
        Arbitrary<CompletionRequest.Message> message = Combinators.combine(
                        Arbitraries.of("system", "user", "assistant"), texts())
                .as(CompletionRequest.Message::new);
        Arbitrary<Step> step = Combinators.combine(
                        Arbitraries.integers().between(0, 3), message.list().ofMaxSize(3))
                .as(Step::new);
        return Combinators.combine(
                        message.list().ofMinSize(1).ofMaxSize(6),
                        step.list().ofMinSize(1).ofMaxSize(5))
                .as(PromptCacheProperties::requests);
    }

    private static List<List<CompletionRequest.Message>> requests(
            List<CompletionRequest.Message> first, List<Step> steps) {
        List<List<CompletionRequest.Message>> requests = new ArrayList<>();
        List<CompletionRequest.Message> current = new ArrayList<>(first);
        requests.add(List.copyOf(current));
        for (Step step : steps) {
            switch (step.kind()) {
                case 0 -> current.addAll(step.added()); // a turn appended
                case 1 -> { // the oldest turn trimmed away
                    current.remove(0);
                    current.addAll(step.added());
                }
                case 2 -> { // the system prompt (a summary) changes
                    current.set(0, new CompletionRequest.Message("system", "summary " + requests.size()));
                    current.addAll(step.added());
                }
                default -> {} // the same request again (a retry)
            }
            if (current.isEmpty()) {
                current.add(new CompletionRequest.Message("user", "hi"));
            }
            requests.add(List.copyOf(current));
        }
        return requests;
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> pieces = Arbitraries.of(
                "Hello",
                " world",
                "\n",
                "\n\n",
                "  ",
                " ",
                "|>",
                "<|",
                "<|end|>",
                "'s",
                "42",
                "12345",
                "/",
                "\r\n",
                "**bold**",
                "```java\nint x;\n```",
                "Привет",
                "مرحبا",
                "你好世界",
                "👍🏽",
                "🇩🇪",
                "e\u0301",
                "\t",
                "—",
                "...");
        return pieces.list().ofMaxSize(25).map(list -> String.join("", list));
    }

    @Provide
    Arbitrary<Integer> limits() {
        return Arbitraries.integers().between(1, 40);
    }

    private static int commonPrefix(int[] a, int[] b) {
        int n = Math.min(a.length, b.length);
        int i = 0;
        while (i < n && a[i] == b[i]) {
            i++;
        }
        return i;
    }
}

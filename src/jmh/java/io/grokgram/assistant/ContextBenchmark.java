package io.grokgram.assistant;

import io.grokgram.privacy.GatedMessage;
import io.grokgram.privacy.Origin;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Context assembly as a turn does it: count the new question's tokens, find the window's start in a 40-turn history
 * (80 stored messages, counted when stored) and build the request; and, separately, counting an answer's tokens, which
 * the bot does once per answer when it stores it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ContextBenchmark {
    private static final String QUESTION =
            "And how would that change if the bot ran on two machines behind one webhook, with Redis for the limits?";
    private static final String ANSWER = "The short answer is yes. ".repeat(40)
            + "A longer explanation follows, with a list:\n- one\n- two\n- three\n";

    private final TokenCounter counter = new TokenCounter();
    private ContextBuilder builder;
    private List<StoredMessage> history;

    @Setup
    public void setUp() {
        builder = new ContextBuilder("You are Grok, a helpful assistant in Telegram. ".repeat(10), counter, 16_000, 8);
        history = new ArrayList<>();
        for (int turn = 0; turn < 40; turn++) {
            String question = "Question " + turn + ": " + QUESTION;
            history.add(new StoredMessage(2 * turn, Origin.ADDRESSED, question, counter.count(question)));
            history.add(new StoredMessage(2 * turn + 1, Origin.ASSISTANT, ANSWER, counter.count(ANSWER)));
        }
    }

    @Benchmark
    public List<GatedMessage> assemble() {
        int questionTokens = counter.count(QUESTION);
        int start = builder.windowStart(history, questionTokens);
        return builder.build(history, start, "", "update:1", QUESTION);
    }

    @Benchmark
    public int countAnswerTokens() {
        return counter.count(ANSWER);
    }
}

package io.grokgram.telegram;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Markdown → Telegram entities, and splitting into 4,096-unit messages: the work the bot does for every draft and every
 * final message. The answer mixes what a model writes (headings, lists, bold, code, a table), about 3,000 characters
 * for rendering and four times that for splitting.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MarkdownBenchmark {
    static final String ANSWER = answer(3000);
    static final String LONG_ANSWER = answer(12_000);

    private final TelegramMarkdown markdown = new TelegramMarkdown();

    @Benchmark
    public FormattedText render() {
        return markdown.render(ANSWER);
    }

    @Benchmark
    public List<FormattedText> split() {
        return markdown.split(LONG_ANSWER, FormattedText.MAX_MESSAGE_LENGTH);
    }

    static String answer(int chars) {
        StringBuilder text = new StringBuilder();
        for (int part = 1; text.length() < chars; part++) {
            text.append("## Part ")
                    .append(part)
                    .append("\n\nThe **short** answer is *yes*, with `one` caveat: the gateway keeps the")
                    .append(" [limits](https://core.telegram.org/bots/faq) and never holds a lock across a call.\n\n")
                    .append("- First point, with **bold** text\n  - a nested point\n- Second point with `code`\n\n")
                    .append("1. Step one\n2. Step two\n\n")
                    .append("```java\nint part")
                    .append(part)
                    .append("(int x) {\n    return x * ")
                    .append(part)
                    .append(";\n}\n```\n\n")
                    .append("| Plan | Turns | Price |\n|---|---:|---|\n| Free | 20 | 0 |\n| Plus | 500 | 250 |\n\n")
                    .append("> A quoted line to close the part.\n\n");
        }
        return text.toString();
    }
}

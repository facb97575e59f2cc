package io.grokgram.telegram;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Generators of Markdown the way LLMs write it, with text from many scripts and some markup left dangling. */
final class MarkdownDocuments {

    private static final List<String> EMOJI =
            List.of("😀", "👍🏽", "👨‍👩‍👧‍👦", "🇩🇪", "🇯🇵", "🏳️‍🌈", "❤️", "🧑🏿‍💻", "1️⃣", "🤷‍♀️");
    private static final List<String> COMBINING = List.of("e\u0301", "n\u0303", "a\u0308\u0304", "ञ्ज", "é");
    private static final List<String> STRAY = List.of(
            "*", "_", "`", "[", "]", "(", ")", "<", ">", "#", "|", "~", "\\", "&amp;", "**", "!", "~~", "-", "1.");

    private MarkdownDocuments() {}

    static Arbitrary<String> blocks() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, paragraph()),
                Tuple.of(2, heading()),
                Tuple.of(3, list(0)),
                Tuple.of(2, codeFence()),
                Tuple.of(2, quote()),
                Tuple.of(1, table()),
                Tuple.of(1, Arbitraries.of("---", "***", "<div>\nraw <b>html</b>\n</div>", "    indented code")));
    }

    static Arbitrary<String> word() {
        return Arbitraries.frequencyOf(
                Tuple.of(
                        8,
                        Arbitraries.strings()
                                .withCharRange('a', 'z')
                                .ofMinLength(1)
                                .ofMaxLength(10)),
                Tuple.of(2, Arbitraries.of(EMOJI)),
                Tuple.of(1, Arbitraries.integers().between(0x1F300, 0x1FAFF).map(Character::toString)),
                Tuple.of(1, Arbitraries.of(COMBINING)),
                Tuple.of(
                        1,
                        Arbitraries.strings()
                                .withCharRange('\u0621', '\u064A')
                                .ofMinLength(1)
                                .ofMaxLength(8)),
                Tuple.of(
                        1,
                        Arbitraries.strings()
                                .withCharRange('\u05D0', '\u05EA')
                                .ofMinLength(1)
                                .ofMaxLength(8)),
                Tuple.of(
                        1,
                        Arbitraries.strings()
                                .withCharRange('\u4E00', '\u9FFF')
                                .ofMinLength(1)
                                .ofMaxLength(6)),
                Tuple.of(1, Arbitraries.of(STRAY)));
    }

    static Arbitrary<String> words() {
        return word().list().ofMinSize(1).ofMaxSize(6).map(ws -> String.join(" ", ws));
    }

    static Arbitrary<String> inline() {
        Arbitrary<String> words = words();
        return Arbitraries.frequencyOf(
                Tuple.of(8, words),
                Tuple.of(2, words.map(w -> "**" + w + "**")),
                Tuple.of(2, words.map(w -> "*" + w + "*")),
                Tuple.of(1, words.map(w -> "_" + w + "_")),
                Tuple.of(1, words.map(w -> "~~" + w + "~~")),
                Tuple.of(2, words.map(w -> "`" + w + "`")),
                Tuple.of(
                        2,
                        Combinators.combine(words, word())
                                .as((w, path) ->
                                        "[" + w + "](https://example.com/" + path.replaceAll("[\\s()<>]", "") + ")")),
                Tuple.of(1, words.map(w -> "![" + w + "](https://example.com/i.png)")),
                Tuple.of(1, Arbitraries.of("<https://example.com>", "https://plain.example.com/x", "a  \nb")),
                Tuple.of(
                        2,
                        Combinators.combine(words, words, words)
                                .as((a, b, c) -> "**" + a + " *" + b + "* [" + c + "](https://e.com) `x`**")));
    }

    static Arbitrary<String> sentence() {
        return inline().list().ofMinSize(1).ofMaxSize(8).map(parts -> String.join(" ", parts));
    }

    static Arbitrary<String> paragraph() {
        return sentence().list().ofMinSize(1).ofMaxSize(4).map(lines -> String.join("\n", lines));
    }

    static Arbitrary<String> heading() {
        return Combinators.combine(Arbitraries.integers().between(1, 6), sentence())
                .as((level, text) -> "#".repeat(level) + " " + text);
    }

    static Arbitrary<String> list(int depth) {
        Arbitrary<String> nested = depth < 2 ? Arbitraries.oneOf(list(depth + 1), codeFence()) : Arbitraries.just("");
        Arbitrary<String> item = Combinators.combine(
                        sentence(), Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just("")), Tuple.of(1, nested)))
                .as((text, sub) -> sub.isEmpty() ? text : text + "\n" + sub);
        return Combinators.combine(
                        item.list().ofMinSize(1).ofMaxSize(4),
                        Arbitraries.of(true, false),
                        Arbitraries.of(true, false),
                        Arbitraries.integers().between(0, 12))
                .as((items, ordered, loose, start) -> IntStream.range(0, items.size())
                        .mapToObj(i -> {
                            String marker = ordered ? (start + i) + ". " : "- ";
                            return marker + items.get(i).replace("\n", "\n" + " ".repeat(marker.length()));
                        })
                        .collect(Collectors.joining(loose ? "\n\n" : "\n")));
    }

    static Arbitrary<String> codeFence() {
        Arbitrary<String> line = Arbitraries.frequencyOf(
                Tuple.of(4, words()),
                Tuple.of(1, words().map(w -> "    " + w)),
                Tuple.of(1, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.strings().withCharRange('a', 'z').ofLength(120)));
        return Combinators.combine(
                        Arbitraries.of("", "java", "python", "sh title=x"),
                        line.list().ofMinSize(1).ofMaxSize(30))
                .as((language, lines) -> "```" + language + "\n" + String.join("\n", lines) + "\n```");
    }

    static Arbitrary<String> quote() {
        return Combinators.combine(
                        Arbitraries.oneOf(paragraph(), list(1))
                                .list()
                                .ofMinSize(1)
                                .ofMaxSize(4),
                        Arbitraries.of("> ", "> > "))
                .as((blocks, prefix) -> String.join("\n\n", blocks)
                        .lines()
                        .map(line -> prefix + line)
                        .collect(Collectors.joining("\n")));
    }

    static Arbitrary<String> table() {
        Arbitrary<String> cell = inline().map(c -> c.replace("|", "\\|").replace("\n", " "));
        return Arbitraries.integers()
                .between(1, 4)
                .flatMap(columns -> Combinators.combine(
                                cell.list().ofSize(columns),
                                Arbitraries.of("---", ":--", "--:", ":-:")
                                        .list()
                                        .ofSize(columns),
                                cell.list()
                                        .ofMinSize(0)
                                        .ofMaxSize(columns + 1)
                                        .list()
                                        .ofMinSize(1)
                                        .ofMaxSize(6))
                        .as((head, delimiters, rows) -> row(head) + "\n" + row(delimiters) + "\n"
                                + rows.stream().map(MarkdownDocuments::row).collect(Collectors.joining("\n"))));
    }

    private static String row(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |";
    }
}

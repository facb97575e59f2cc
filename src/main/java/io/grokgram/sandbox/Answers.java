package io.grokgram.sandbox;

import java.util.List;

/** The texts behind {@link Answer}: fixed strings and generators that depend only on their arguments. */
final class Answers {
    static final String SHOWCASE = """
            # Markdown showcase

            Text with **bold**, *italic*, ***bold italic***, ~~strikethrough~~ and `inline code`.

            - First item
            - Second item with **bold**
              - Nested item A
              - Nested item B
            - Third item

            1. Step one
            2. Step two
            3. Step three

            ```java
            record Greeting(String name) {
                String text() {
                    return "Hello, " + name + "!";
                }
            }
            ```

            > A block quote: the test provider answers the same conversation the same way, every time.

            | Model | Context | Streams |
            |:------|--------:|:-------:|
            | grok-4.3 | 1M | yes |
            | grok-test | 8k | yes |

            A link: [the Grokgram docs](https://example.com/grokgram/docs).""";

    private static final List<String> WORDS = List.of(
            "alpha",
            "bravo",
            "charlie",
            "delta",
            "echo",
            "foxtrot",
            "golf",
            "hotel",
            "india",
            "juliett",
            "kilo",
            "lima",
            "mike",
            "november",
            "oscar",
            "papa",
            "quebec",
            "romeo",
            "sierra",
            "tango",
            "uniform",
            "victor",
            "whiskey",
            "xray",
            "yankee",
            "zulu");

    private static final int QUESTION_LIMIT = 200;

    private Answers() {}

    static String reply(String question, int turn) {
        String said = question.isBlank() ? "nothing" : "“" + shorten(question.strip()) + "”";
        return "You said: " + said + "\n\n"
                + "This is **turn " + turn + "** of our conversation with the Grokgram *test provider*, "
                + "a deterministic stand-in for the model. Try `#markdown`, `#long 2000` or `#echo text`.";
    }

    /** {@code count} words separated by single spaces, the first capitalised, a full stop at the end. */
    static String words(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(WORDS.get(i % WORDS.size()));
        }
        text.setCharAt(0, Character.toUpperCase(text.charAt(0)));
        return text.append('.').toString();
    }

    /**
     * Parts of a fixed cycle (heading, paragraph, list, code block, table) while they fit in {@code chars}, then a
     * paragraph that fills the rest, so the length lands within a few characters of {@code chars}.
     */
    static String longText(int chars) {
        StringBuilder text = new StringBuilder();
        for (int part = 0; ; part++) {
            String next = part(part);
            if (text.length() + next.length() > chars) {
                break;
            }
            text.append(next);
        }
        int room = chars - text.length();
        if (room > 1 || text.isEmpty()) {
            text.append(filler(Math.max(room, 1)));
        }
        return text.toString().stripTrailing();
    }

    private static String part(int index) {
        int section = index / 5 + 1;
        return switch (index % 5) {
            case 0 -> "## Part " + section + "\n\n";
            case 1 -> "Paragraph " + section + " of the long answer. " + sentence(index, 40) + "\n\n";
            case 2 ->
                "- Point " + section + ".1: " + sentence(index, 6) + "\n- Point " + section + ".2 with **bold**\n"
                        + "  - Nested " + section + ".2.1\n- Point " + section + ".3 with `code`\n\n";
            case 3 ->
                "```java\nint part" + section + "(int x) {\n    // part " + section + "\n    return x * " + section
                        + ";\n}\n```\n\n";
            default ->
                "| Part | Square | Word |\n|---|---:|---|\n| " + section + " | " + section * section + " | "
                        + WORDS.get(section % WORDS.size()) + " |\n| " + (section + 1) + " | "
                        + (section + 1) * (section + 1) + " | " + WORDS.get((section + 1) % WORDS.size()) + " |\n\n";
        };
    }

    private static String sentence(int offset, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS.get((offset + i) % WORDS.size()));
        }
        return text.append('.').toString();
    }

    /** Words while they fit in {@code room} characters; at least one word, cut to {@code room} if needed. */
    private static String filler(int room) {
        StringBuilder text = new StringBuilder(WORDS.getFirst());
        for (int i = 1; text.length() + 1 + WORDS.get(i % WORDS.size()).length() <= room; i++) {
            text.append(' ').append(WORDS.get(i % WORDS.size()));
        }
        return text.length() > room ? text.substring(0, room) : text.toString();
    }

    private static String shorten(String question) {
        if (question.codePointCount(0, question.length()) <= QUESTION_LIMIT) {
            return question;
        }
        return question.substring(0, question.offsetByCodePoints(0, QUESTION_LIMIT)) + "…";
    }
}

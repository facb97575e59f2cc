package io.grokgram.telegram;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the unfinished Markdown of a streamed answer into Markdown that renders the way the finished text will. An
 * open code fence needs nothing (CommonMark runs it to the end of the document) except dropping a half-typed closing
 * fence; outside code, the last paragraph loses a marker run dangling at its very end ({@code "see **"}) and gets the
 * closers of the markers it left open ({@code "**bol"} becomes {@code "**bol**"}), and a link whose URL is still
 * arriving shows only its text. These are heuristics for a preview that is replaced a moment later; the finished text
 * is always rendered from the real Markdown.
 */
final class PartialMarkdown {

    private static final Pattern FENCE = Pattern.compile("^(`{3,}|~{3,})(.*)$");
    private static final Pattern CONTAINER_PREFIX = Pattern.compile("^(?:[ \\t>]|[-+*][ \\t]|\\d{1,9}[.)][ \\t])*");
    private static final Pattern UNFINISHED_LINK = Pattern.compile("!?\\[([^\\[\\]\\n]*)]\\([^)\\n]*$");
    private static final int MAX_DANGLING_STRIPS = 8;

    private PartialMarkdown() {}

    static String close(String partial) {
        String text = partial.stripTrailing();
        String[] lines = text.split("\n", -1);
        char fenceChar = 0;
        int fenceLength = 0;
        int tailStart = 0;
        int offset = 0;
        for (String line : lines) {
            String content = CONTAINER_PREFIX.matcher(line).replaceFirst("");
            int next = offset + line.length() + 1;
            if (fenceLength == 0) {
                Matcher fence = FENCE.matcher(content);
                if (fence.matches()
                        && !(fence.group(1).charAt(0) == '`' && fence.group(2).contains("`"))) {
                    fenceChar = fence.group(1).charAt(0);
                    fenceLength = fence.group(1).length();
                } else if (content.isBlank()) {
                    tailStart = Math.min(next, text.length());
                }
            } else if (isFenceOnly(content.strip(), fenceChar, fenceLength)) {
                fenceLength = 0;
                tailStart = Math.min(next, text.length());
            }
            offset = next;
        }
        if (fenceLength > 0) {
            return withoutHalfClosingFence(text, lines[lines.length - 1], fenceChar, fenceLength);
        }
        return text.substring(0, tailStart) + closeInline(text.substring(tailStart));
    }

    private static boolean isFenceOnly(String content, char fenceChar, int minLength) {
        return content.length() >= minLength && content.chars().allMatch(c -> c == fenceChar);
    }

    /** A last line of fewer fence characters than the opener is a closing fence still being typed. */
    private static String withoutHalfClosingFence(String text, String lastLine, char fenceChar, int fenceLength) {
        String content = CONTAINER_PREFIX.matcher(lastLine).replaceFirst("").strip();
        if (!content.isEmpty() && !isFenceOnly(content, fenceChar, fenceLength) && isFenceOnly(content, fenceChar, 1)) {
            return text.substring(0, text.length() - lastLine.length());
        }
        return text;
    }

    private static String closeInline(String paragraph) {
        String tail = UNFINISHED_LINK.matcher(paragraph).replaceFirst("$1").stripTrailing();
        for (int i = 0; i < MAX_DANGLING_STRIPS; i++) {
            MarkerScan scan = MarkerScan.of(tail);
            if (scan.danglingStart() < 0) {
                return tail + scan.closers();
            }
            tail = tail.substring(0, scan.danglingStart()).stripTrailing();
        }
        return tail + MarkerScan.of(tail).closers();
    }

    /**
     * One left-to-right pass over a paragraph's inline markers with a simplified version of CommonMark's flanking
     * rules: which markers are still open, and where a marker run that opens nothing sits at the very end.
     */
    private record MarkerScan(Deque<Run> open, int openCode, int danglingStart) {

        private record Run(char marker, int length) {}

        static MarkerScan of(String s) {
            Deque<Run> open = new ArrayDeque<>();
            int codeLength = 0;
            int codeStart = -1;
            int dangling = -1;
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                int run = runLength(s, i);
                if (c == '\\' && codeLength == 0) {
                    i += 2;
                    continue;
                }
                if (c == '`') {
                    if (codeLength == 0) {
                        codeLength = run;
                        codeStart = i;
                    } else if (run == codeLength) {
                        codeLength = 0;
                    }
                } else if (codeLength == 0 && (c == '*' || c == '_' || (c == '~' && run == 2))) {
                    boolean atEnd = i + run >= s.length();
                    char before = i > 0 ? s.charAt(i - 1) : ' ';
                    char after = atEnd ? ' ' : s.charAt(i + run);
                    boolean intraword =
                            c == '_' && Character.isLetterOrDigit(before) && Character.isLetterOrDigit(after);
                    boolean closes = !Character.isWhitespace(before) && closeInto(open, c, run);
                    if (!intraword && !closes) {
                        if (!Character.isWhitespace(after)) {
                            open.push(new Run(c, run));
                        } else if (atEnd) {
                            dangling = i;
                        }
                    }
                }
                i += run;
            }
            if (codeLength > 0 && codeStart + codeLength >= s.length()) {
                dangling = codeStart;
            }
            return new MarkerScan(open, codeLength, dangling);
        }

        String closers() {
            StringBuilder closers = new StringBuilder("`".repeat(openCode));
            for (Run run : open) {
                closers.append(String.valueOf(run.marker()).repeat(run.length()));
            }
            return closers.toString();
        }

        private static boolean closeInto(Deque<Run> open, char marker, int length) {
            for (Run run : open) {
                if (run.marker() == marker) {
                    open.remove(run);
                    if (run.length() > length) {
                        open.push(new Run(marker, run.length() - length));
                    }
                    return true;
                }
            }
            return false;
        }

        private static int runLength(String s, int i) {
            char c = s.charAt(i);
            int j = i;
            while (j < s.length() && s.charAt(j) == c) {
                j++;
            }
            return j - i;
        }
    }
}

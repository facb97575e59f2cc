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
    private static final class MarkerScan {

        private record Run(char marker, int length) {}

        private final String text;
        private final Deque<Run> open = new ArrayDeque<>();
        private int codeLength;
        private int codeStart = -1;
        private int dangling = -1;

        private MarkerScan(String text) {
            this.text = text;
        }

        static MarkerScan of(String text) {
            MarkerScan scan = new MarkerScan(text);
            scan.run();
            return scan;
        }

        /** Where a marker run that can only be half-typed markup starts, or -1. */
        int danglingStart() {
            return dangling;
        }

        /** The markers that close everything still open, innermost first. */
        String closers() {
            StringBuilder closers = new StringBuilder("`".repeat(codeLength));
            for (Run run : open) {
                closers.append(String.valueOf(run.marker()).repeat(run.length()));
            }
            return closers.toString();
        }

        private void run() {
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '\\' && codeLength == 0) {
                    i += 2;
                    continue;
                }
                int run = runLength(i);
                if (c == '`') {
                    backticks(i, run);
                } else if (codeLength == 0 && (c == '*' || c == '_' || (c == '~' && run == 2))) {
                    emphasis(c, i, run);
                }
                i += run;
            }
            if (codeLength > 0 && codeStart + codeLength >= text.length()) {
                dangling = codeStart;
            }
        }

        private void backticks(int at, int run) {
            if (codeLength == 0) {
                codeLength = run;
                codeStart = at;
            } else if (run == codeLength) {
                codeLength = 0;
            }
        }

        private void emphasis(char marker, int at, int run) {
            boolean atEnd = at + run >= text.length();
            char before = at > 0 ? text.charAt(at - 1) : ' ';
            char after = atEnd ? ' ' : text.charAt(at + run);
            if (marker == '_' && Character.isLetterOrDigit(before) && Character.isLetterOrDigit(after)) {
                return; // snake_case is not emphasis
            }
            if (!Character.isWhitespace(before) && closeOpen(marker, run)) {
                return;
            }
            if (!Character.isWhitespace(after)) {
                open.push(new Run(marker, run));
            } else if (atEnd) {
                dangling = at;
            }
        }

        /** Closes the innermost open run of the marker; a shorter closer leaves the rest open ("**a*"). */
        private boolean closeOpen(char marker, int length) {
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

        private int runLength(int from) {
            int end = from;
            while (end < text.length() && text.charAt(end) == text.charAt(from)) {
                end++;
            }
            return end - from;
        }
    }
}

package io.grokgram.sandbox;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one request plays: the answer, and the failures and delays that the directives at the start of the last user
 * message ask for. See {@link TestProvider} for the directives.
 */
record Script(
        Answer answer,
        Optional<Failure.HttpError> failure,
        Optional<Duration> firstTokenDelay,
        OptionalInt cutPercent) {

    Script {
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(firstTokenDelay, "firstTokenDelay");
        Objects.requireNonNull(cutPercent, "cutPercent");
    }

    /**
     * Reads directives from the start of {@code message} until a word that is not one (or lacks a valid argument);
     * the text after them is the question. The first answer directive wins.
     */
    static Script of(String message, int turn) {
        Reader reader = new Reader(message);
        while (reader.directive()) {
            // each call consumes one directive
        }
        return reader.script(turn);
    }

    /** A cursor over the message that remembers what the directives asked for. */
    private static final class Reader {
        private static final int MAX_CHARS = 200_000;
        private static final int MAX_WORDS = 50_000;
        private static final int MAX_DELAY_MS = 600_000;
        private static final int MAX_RETRY_AFTER_S = 86_400;

        private final String text;
        private int position;
        private Answer answer;
        private Failure.HttpError failure;
        private Duration delay;
        private Integer cut;

        Reader(String text) {
            this.text = text;
        }

        boolean directive() {
            int mark = position;
            boolean read = switch (word()) {
                case "#echo" -> answer(new Answer.Echo(restAfterSeparator()));
                case "#markdown" -> answer(new Answer.Showcase());
                case "#refuse" -> answer(new Answer.Refusal());
                case "#long" ->
                    number(1, MAX_CHARS)
                            .map(n -> answer(new Answer.LongText(n)))
                            .isPresent();
                case "#tokens" ->
                    number(1, MAX_WORDS).map(n -> answer(new Answer.Words(n))).isPresent();
                case "#fail" -> number(400, 599).map(this::fail).isPresent();
                case "#slow-first" ->
                    number(0, MAX_DELAY_MS).map(this::slowFirst).isPresent();
                case "#cut" -> number(0, 100).map(this::cut).isPresent();
                default -> false;
            };
            if (!read) {
                position = mark;
            }
            return read;
        }

        Script script(int turn) {
            return new Script(
                    answer != null
                            ? answer
                            : new Answer.Reply(text.substring(position).strip(), turn),
                    Optional.ofNullable(failure),
                    Optional.ofNullable(delay),
                    cut == null ? OptionalInt.empty() : OptionalInt.of(cut));
        }

        private boolean answer(Answer asked) {
            answer = answer != null ? answer : asked;
            return true;
        }

        private boolean fail(int status) {
            failure = new Failure.HttpError(status, retryAfter());
            return true;
        }

        private boolean slowFirst(int millis) {
            delay = Duration.ofMillis(millis);
            return true;
        }

        private boolean cut(int percent) {
            cut = percent;
            return true;
        }

        /** The next whitespace-separated word, or "" at the end. */
        private String word() {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
            int start = position;
            while (position < text.length() && !Character.isWhitespace(text.charAt(position))) {
                position++;
            }
            return text.substring(start, position);
        }

        private Optional<Integer> number(int min, int max) {
            int mark = position;
            String word = word();
            if (word.matches("\\d{1,9}") && Integer.parseInt(word) >= min && Integer.parseInt(word) <= max) {
                return Optional.of(Integer.parseInt(word));
            }
            position = mark;
            return Optional.empty();
        }

        private Optional<Duration> retryAfter() {
            int mark = position;
            String word = word();
            if (word.matches("retry=\\d{1,9}") && Integer.parseInt(word.substring(6)) <= MAX_RETRY_AFTER_S) {
                return Optional.of(Duration.ofSeconds(Integer.parseInt(word.substring(6))));
            }
            position = mark;
            return Optional.empty();
        }

        /** {@code #echo} takes everything after one separating whitespace character, verbatim. */
        private String restAfterSeparator() {
            if (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
            String rest = text.substring(position);
            position = text.length();
            return rest;
        }
    }
}

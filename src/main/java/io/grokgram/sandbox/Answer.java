package io.grokgram.sandbox;

/** What the test provider answers: a pure function of the request's conversation, never empty. */
sealed interface Answer {

    String text();

    /** OpenAI's {@code finish_reason} when the whole answer was sent. */
    default String finishReason() {
        return "stop";
    }

    /** The default: echoes the question and says which turn this is. */
    record Reply(String question, int turn) implements Answer {
        @Override
        public String text() {
            return Answers.reply(question, turn);
        }
    }

    /** {@code #echo}: the rest of the message, verbatim. */
    record Echo(String rest) implements Answer {
        @Override
        public String text() {
            return rest.isEmpty() ? "(nothing to echo)" : rest;
        }
    }

    /** {@code #markdown}: one of each Markdown construct the Telegram side must render. */
    record Showcase() implements Answer {
        @Override
        public String text() {
            return Answers.SHOWCASE;
        }
    }

    /** {@code #long N}: mixed Markdown of about {@code chars} characters. */
    record LongText(int chars) implements Answer {
        @Override
        public String text() {
            return Answers.longText(chars);
        }
    }

    /** {@code #tokens N}: exactly {@code count} words. */
    record Words(int count) implements Answer {
        @Override
        public String text() {
            return Answers.words(count);
        }
    }

    /** {@code #refuse}: a short refusal that ends with {@code content_filter}, as a moderated answer does. */
    record Refusal() implements Answer {
        @Override
        public String text() {
            return "I'm sorry, but I can't help with that request.";
        }

        @Override
        public String finishReason() {
            return "content_filter";
        }
    }
}

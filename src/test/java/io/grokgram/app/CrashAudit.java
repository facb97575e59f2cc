package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokgram.sandbox.BotApiEmulator;
import io.grokgram.sandbox.BotEvent;
import io.grokgram.sandbox.ChatMessage;
import io.grokgram.sandbox.SandboxUser;
import io.grokgram.store.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the chats as the users see them after a crash test and says, per question, which bot messages answer it. The
 * test provider's default answer begins {@code You said: “<question>”} and says which turn of the conversation it is,
 * so every bot message maps back to exactly one question and shows how many questions the history held. The crash
 * tests (one process killed and restarted, one of two Kafka workers killed) share the waiting and the store's side of
 * the checks here too.
 */
final class CrashAudit {
    private static final Pattern ANSWER = Pattern.compile("^You said: “(.+?)”.*?This is turn (\\d+) ", Pattern.DOTALL);

    /** A question a user sent: chat, its place among the chat's questions (0-based), its text and when it left. */
    record Question(long chatId, int index, String text, Instant sentAt) {}

    /**
     * {@code chats} users from {@code firstUser} on, asking in rounds on a thread of their own, one message every
     * {@code gap}, each question recorded: at least {@code rounds} rounds, and more until {@link #finishRound}; a round
     * starts only while fewer than {@code maxUnanswered} questions wait, so a slow bot is not buried under a backlog
     * that would outlast the test's patience.
     */
    static final class Askers {
        private final AtomicBoolean going = new AtomicBoolean(true);
        private final List<Question> questions;
        private final int chats;
        private final int rounds;
        private final Thread thread;

        Askers(
                BotApiEmulator telegram,
                long firstUser,
                int chats,
                int rounds,
                Duration gap,
                int maxUnanswered,
                List<Question> questions) {
            this.questions = questions;
            this.chats = chats;
            this.rounds = rounds;
            List<SandboxUser> users = new ArrayList<>();
            for (int chat = 0; chat < chats; chat++) {
                users.add(telegram.user(firstUser + chat, "User" + chat, Optional.empty(), "en"));
            }
            this.thread = Thread.ofVirtual().name("test-users").start(() -> {
                try {
                    for (int index = 0; index < rounds || going.get(); index++) {
                        while (unanswered(telegram, questions) >= maxUnanswered) {
                            Thread.sleep(50);
                        }
                        for (SandboxUser user : users) {
                            String text = "question " + user.chatId() + "-" + index;
                            Instant at = Instant.now();
                            user.send(text);
                            questions.add(new Question(user.chatId(), index, text, at));
                            Thread.sleep(gap);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        /** No new round after the one under way (which is finished, so every chat asks as often as the others). */
        void finishRound() {
            going.set(false);
        }

        /** Waits for the last round to be sent: whole rounds, at least the minimum. */
        void awaitDone() throws InterruptedException {
            finishRound();
            thread.join(Duration.ofSeconds(60));
            assertThat(questions.size())
                    .as("whole rounds of questions, at least " + rounds)
                    .isGreaterThanOrEqualTo(chats * rounds);
            assertThat(questions.size() % chats)
                    .as("questions in an unfinished round")
                    .isZero();
        }
    }

    /** One bot message that answers a question: its id, when Telegram accepted it, and the turn number it states. */
    record Answer(int messageId, Instant sentAt, int turn) {}

    /** What the chats show: answers per question, chats out of order, and bot messages that answer nothing. */
    record Findings(Map<Question, List<Answer>> answers, List<String> disorder, List<String> strays) {
        List<Question> unanswered() {
            return answers.entrySet().stream()
                    .filter(e -> e.getValue().isEmpty())
                    .map(Map.Entry::getKey)
                    .toList();
        }

        /** Questions answered by more than one message: the duplicated parts. */
        Map<Question, List<Answer>> duplicated() {
            Map<Question, List<Answer>> duplicated = new HashMap<>();
            answers.forEach((question, list) -> {
                if (list.size() > 1) {
                    duplicated.put(question, list);
                }
            });
            return duplicated;
        }

        /** Questions whose (first) answer does not state turn index + 1: the history lost or doubled a turn. */
        List<String> wrongTurns() {
            List<String> wrong = new ArrayList<>();
            answers.forEach((question, list) -> list.stream()
                    .filter(answer -> answer.turn() != question.index() + 1)
                    .forEach(answer -> wrong.add(question.text() + " answered as turn " + answer.turn())));
            return wrong;
        }

        /**
         * Every question has an answer, every bot message answers a question, each chat's answers follow its questions'
         * order, and each answer states the turn it should: the history neither lost nor doubled one.
         */
        void assertAllAnsweredInOrder() {
            assertThat(unanswered()).as("questions without an answer").isEmpty();
            assertThat(strays).as("bot messages that answer no question").isEmpty();
            assertThat(disorder).as("answers out of order").isEmpty();
            assertThat(wrongTurns())
                    .as("answers whose history lost or doubled a turn")
                    .isEmpty();
        }

        Duration maxLatency() {
            return answers.entrySet().stream()
                    .filter(e -> !e.getValue().isEmpty())
                    .map(e -> Duration.between(
                            e.getKey().sentAt(), e.getValue().getFirst().sentAt()))
                    .max(Comparator.naturalOrder())
                    .orElse(Duration.ZERO);
        }
    }

    private CrashAudit() {}

    static Findings audit(BotApiEmulator telegram, List<Question> questions) {
        Map<Question, List<Answer>> answers = new HashMap<>();
        List<String> disorder = new ArrayList<>();
        List<String> strays = new ArrayList<>();
        Map<Long, List<Question>> byChat = new HashMap<>();
        questions.forEach(
                q -> byChat.computeIfAbsent(q.chatId(), c -> new ArrayList<>()).add(q));
        byChat.forEach((chatId, asked) -> {
            asked.forEach(q -> answers.put(q, new ArrayList<>()));
            Map<Long, Instant> sentAt = new HashMap<>();
            telegram.events(chatId).stream()
                    .filter(e -> e.kind() == BotEvent.Kind.SENT)
                    .forEach(e -> sentAt.putIfAbsent(e.messageId(), e.at()));
            int lastIndex = -1;
            for (ChatMessage message : telegram.messages(chatId)) {
                if (!message.fromBot()) {
                    continue;
                }
                Optional<Question> question = match(asked, message.text());
                if (question.isEmpty()) {
                    strays.add("chat " + chatId + " message " + message.messageId() + ": " + message.text());
                    continue;
                }
                Question q = question.get();
                if (q.index() < lastIndex) {
                    disorder.add(
                            "chat " + chatId + ": the answer to " + q.text() + " came after question " + lastIndex);
                }
                lastIndex = Math.max(lastIndex, q.index());
                answers.get(q)
                        .add(new Answer(
                                message.messageId(),
                                sentAt.getOrDefault((long) message.messageId(), Instant.MAX),
                                turn(message.text())));
            }
        });
        return new Findings(answers, disorder, strays);
    }

    static int unanswered(BotApiEmulator telegram, List<Question> questions) {
        return audit(telegram, List.copyOf(questions)).unanswered().size();
    }

    /**
     * Until every question has an answer and the bot has called Telegram for nothing new in the chats of users {@code
     * firstUser} to {@code firstUser + chats - 1} for two seconds; else fails with the end of {@code log}.
     */
    static void awaitQuiet(
            BotApiEmulator telegram,
            List<Question> questions,
            long firstUser,
            int chats,
            Duration timeout,
            Duration poll,
            String whose,
            BotProcess log)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int lastEvents = -1;
        long quietSince = System.nanoTime();
        while (true) {
            int events = 0;
            for (int chat = 0; chat < chats; chat++) {
                events += telegram.events(firstUser + chat).size();
            }
            if (events != lastEvents) {
                lastEvents = events;
                quietSince = System.nanoTime();
            }
            boolean quiet =
                    System.nanoTime() - quietSince > Duration.ofSeconds(2).toNanos();
            if (quiet && unanswered(telegram, questions) == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(unanswered(telegram, questions) + " questions still unanswered after "
                        + timeout + "; " + whose + " log ends:\n" + log.tail());
            }
            Thread.sleep(poll);
        }
    }

    /** Every (chat, message id) the store at {@code url} recorded as a part of an answer, as {@link #key}s. */
    static Set<Long> recordedParts(String url, int connections) {
        try (Database database = Database.open(url, connections, Duration.ofSeconds(10))) {
            return Set.copyOf(database.inTransaction(tx -> tx.query(
                    "SELECT i.chat_id, r.message_id FROM reply_parts r"
                            + " JOIN inbox i ON i.bot_id = r.bot_id AND i.update_id = r.update_id",
                    row -> key(row.getLong("chat_id"), row.getLong("message_id")))));
        }
    }

    static long key(long chatId, long messageId) {
        return chatId * 1_000_000L + messageId;
    }

    /** Every inbox entry of the store at {@code url} is done, and there are {@code updates} of them. */
    static void assertInboxDone(String url, int connections, int updates) {
        try (Database database = Database.open(url, connections, Duration.ofSeconds(10))) {
            List<String> states =
                    database.inTransaction(tx -> tx.query("SELECT state FROM inbox", row -> row.getString("state")));
            assertThat(states).as("inbox states").hasSize(updates).containsOnly("DONE");
        }
    }

    private static Optional<Question> match(List<Question> asked, String text) {
        Matcher matcher = ANSWER.matcher(text);
        if (!matcher.find()) {
            return Optional.empty();
        }
        return asked.stream().filter(q -> q.text().equals(matcher.group(1))).findFirst();
    }

    private static int turn(String text) {
        Matcher matcher = ANSWER.matcher(text);
        return matcher.find() ? Integer.parseInt(matcher.group(2)) : -1;
    }
}

package io.grokgram.app;

import io.grokgram.sandbox.BotApiEmulator;
import io.grokgram.sandbox.BotEvent;
import io.grokgram.sandbox.ChatMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the chats as the users see them after a crash test and says, per question, which bot messages answer it. The
 * test provider's default answer begins {@code You said: “<question>”} and says which turn of the conversation it is,
 * so every bot message maps back to exactly one question and shows how many questions the history held.
 */
final class CrashAudit {
    private static final Pattern ANSWER = Pattern.compile("^You said: “(.+?)”.*?This is turn (\\d+) ", Pattern.DOTALL);

    /** A question a user sent: chat, its place among the chat's questions (0-based), its text and when it left. */
    record Question(long chatId, int index, String text, Instant sentAt) {}

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

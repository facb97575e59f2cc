package io.grokgram.app;

import io.grokgram.sandbox.BotApiEmulator;
import io.grokgram.sandbox.BotEvent;
import io.grokgram.sandbox.SandboxUser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load of {@code grokgram bench}: every chat asks its questions one after another, each as soon as the previous one
 * is answered (as a person would; so no turn waits behind its own chat's earlier turn), all chats at once. A share of
 * the chats are groups, each with its own user who mentions the bot. Per turn it takes, from the emulator's own
 * timestamps, when the first visible text (draft, preview or message) and the final message arrived.
 *
 * <p>Each user looks for its answer by reading its own chat every few milliseconds rather than waiting on the emulator's
 * condition: that condition wakes every waiter on every event, and a thousand waiters scanning under the emulator's
 * lock would slow the very calls being measured. The interval grows with the number of chats for the same reason. The
 * answer's time is the emulator's timestamp, so the polling adds nothing to the figures, only a little to the time
 * between one question and the next.
 */
final class GatewayBenchmark {
    static final long FIRST_USER = 810_000L;

    private final BotApiEmulator telegram;
    private final String botUsername;
    private final List<Chat> chats;
    private final BenchProfile profile;
    private final String finalText;
    private final Duration patience;
    private final Duration poll;
    private final AtomicInteger answered = new AtomicInteger();

    /** One simulated chat: a private chat with its user, or a group its user created with the bot. */
    record Chat(SandboxUser user, long chatId, boolean group) {}

    /** One measured turn; {@code tag} names the question in the store and in the provider's requests. */
    record Turn(String tag, long chatId, boolean group, Instant asked, Instant firstVisible, Instant answered) {}

    /**
     * @param finalText the final message's text as Telegram shows it (the rendered answer), so previews, drafts and
     *     earlier messages are told apart from it
     */
    GatewayBenchmark(
            BotApiEmulator telegram,
            String botUsername,
            List<Chat> chats,
            BenchProfile profile,
            String finalText,
            Duration patience) {
        this.telegram = telegram;
        this.botUsername = botUsername;
        this.chats = List.copyOf(chats);
        this.profile = profile;
        this.finalText = finalText;
        this.patience = patience;
        this.poll = Duration.ofMillis(Math.clamp(chats.size() / 50L, 5L, 200L));
    }

    /** Creates {@code count} users, the last {@code groupShare} of them in groups of their own with the bot. */
    static List<Chat> chats(BotApiEmulator telegram, int count, double groupShare) {
        int groups = (int) Math.round(count * groupShare);
        List<Chat> chats = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SandboxUser user = telegram.user(FIRST_USER + i, "Bench" + i, Optional.empty(), "en");
            chats.add(
                    i >= count - groups
                            ? new Chat(user, user.createGroupWithBot("Bench group " + i), true)
                            : new Chat(user, user.chatId(), false));
        }
        return chats;
    }

    /** Turns answered so far in the current run, for progress lines. */
    int answered() {
        return answered.get();
    }

    /** Asks {@code questionsPerChat} questions in every chat; {@code round} keeps the texts of runs apart. */
    List<Turn> run(int questionsPerChat, int round) throws Exception {
        if (questionsPerChat < 1) {
            throw new IllegalArgumentException("every chat asks at least one question, got " + questionsPerChat);
        }
        answered.set(0);
        Queue<Turn> turns = new ConcurrentLinkedQueue<>();
        try (ExecutorService users = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("bench-user-", 0).factory())) {
            List<Future<?>> asking = new ArrayList<>();
            for (Chat chat : chats) {
                asking.add(users.submit(() -> {
                    for (int q = 0; q < questionsPerChat; q++) {
                        turns.add(ask(chat, tag(round, q, chat)));
                        answered.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> chat : asking) {
                chat.get();
            }
        }
        return List.copyOf(turns);
    }

    private Turn ask(Chat chat, String tag) throws InterruptedException {
        long mark = telegram.lastSeq(chat.chatId());
        String question = "#long " + profile.answerChars() + " " + tag + ": tell me more.";
        Instant asked = Instant.now();
        if (chat.group()) {
            chat.user().sendToGroup(chat.chatId(), "@" + botUsername + " " + question);
        } else {
            chat.user().send(question);
        }
        Instant firstVisible = null;
        long seen = mark;
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            for (BotEvent event : telegram.eventsAfter(chat.chatId(), seen)) {
                seen = event.seq();
                if (event.kind() == BotEvent.Kind.ACTION) {
                    continue;
                }
                if (firstVisible == null) {
                    firstVisible = event.at();
                }
                if ((event.kind() == BotEvent.Kind.SENT || event.kind() == BotEvent.Kind.EDITED)
                        && event.text().equals(finalText)) {
                    return new Turn(tag, chat.chatId(), chat.group(), asked, firstVisible, event.at());
                }
            }
            Thread.sleep(poll);
        }
        throw new IllegalStateException("no answer to '" + tag + "' in chat " + chat.chatId() + " within " + patience
                + "; last events: " + tail(telegram.events(chat.chatId())));
    }

    private static List<BotEvent> tail(List<BotEvent> events) {
        return events.subList(Math.max(0, events.size() - 3), events.size());
    }

    static String tag(int round, int question, Chat chat) {
        return "bench r" + round + " q" + question + " c" + chat.user().userId();
    }

    /** The tag in a question's or a request's text: its last occurrence, since a request repeats earlier ones. */
    static Optional<String> tagIn(String text) {
        int at = text.lastIndexOf("bench r");
        if (at < 0) {
            return Optional.empty();
        }
        int end = at + "bench r".length();
        int spaces = 0;
        while (end < text.length()) {
            char c = text.charAt(end);
            if (c == ' ') {
                if (++spaces == 3) {
                    break;
                }
            } else if (!Character.isLetterOrDigit(c) && c != '-') {
                break;
            }
            end++;
        }
        return Optional.of(text.substring(at, end));
    }
}

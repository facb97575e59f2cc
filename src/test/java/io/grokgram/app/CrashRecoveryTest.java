package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokgram.privacy.ConsentKind;
import io.grokgram.privacy.Consents;
import io.grokgram.privacy.DataSubject;
import io.grokgram.sandbox.BotApiEmulator;
import io.grokgram.sandbox.BotEvent;
import io.grokgram.sandbox.Pace;
import io.grokgram.sandbox.TestProvider;
import io.grokgram.sandbox.TestProviderSettings;
import io.grokgram.store.Database;
import io.grokgram.web.HttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test of "exactly one final answer" (DESIGN.md, the hard parts): the bot runs as a process of its own
 * against the emulator and the test provider (in this JVM, over real HTTP), and is killed with {@code kill -9} at a
 * random moment while 200 turns from 50 chats are in flight, then started again, five times. Afterwards every question
 * has its answer, each chat shows its answers in the order of its questions, the history holds every turn exactly once
 * (each answer names its turn number), and every inbox entry is done.
 *
 * <p>A duplicated part may only come from the window between Telegram returning a message id and the commit of that id
 * in {@code reply_parts}. The test checks exactly that, from both sides: every copy of an answer except the last was
 * never recorded in the store (so Telegram accepted it and the process died before the commit), and between any two
 * copies of one answer lies a kill. How long the window was is reported, not bounded: it runs from Telegram accepting
 * the message, through its reply travelling back and being read, to the commit. On a loaded machine that takes hundreds
 * of milliseconds (measured here: mostly the reply's way back, the commit itself tens), and after a restart the resumed
 * turns send together, so several turns of different chats can be inside it at the same kill.
 *
 * <p>The seed of the random moments is printed; {@code -Dgrokgram.crash.seed=N} replays a run's choices.
 */
class CrashRecoveryTest {
    private static final String TOKEN = "7000002:CRASH-test-token-abcdefghijklmnop";
    private static final int CHATS = 50;
    private static final int QUESTIONS_PER_CHAT = 4;
    private static final int KILLS = 5;
    private static final long FIRST_USER = 910_000L;
    private static final Duration SEND_GAP = Duration.ofMillis(50);
    /** No new round while this many questions wait: every kill finds turns in flight, none finds an endless queue. */
    private static final int MAX_UNANSWERED = 3 * CHATS;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void killed_five_times_mid_flight_every_update_gets_its_final_answer_in_order() throws Exception {
        long seed = Long.getLong("grokgram.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        BotApiEmulator telegram = new BotApiEmulator(Clock.systemUTC());
        telegram.registerBot(TOKEN, "grokgram_crash_bot", "Grok");
        // ~0.6 s per answer: every kill finds turns streaming, being sent, or waiting behind their chat's earlier ones
        TestProvider provider = new TestProvider(
                TestProviderSettings.defaults().withPace(new Pace(Duration.ofMillis(100), Duration.ofMillis(30), 12)));
        List<CrashAudit.Question> questions = Collections.synchronizedList(new ArrayList<>());
        List<Kill> kills = new ArrayList<>();
        try (HttpServer services = HttpServer.start("127.0.0.1", 0, List.of(telegram, provider));
                BotProcess bot = new BotProcess(environment(services.baseUrl()), dir.resolve("bot.log"))) {
            grantConsents(dir.resolve("grokgram.db"));
            bot.start();
            bot.awaitUp(START_TIMEOUT);
            // the users keep asking, a round across every chat at a time, until the last kill: every kill finds turns
            // in flight however fast the bot has become
            CrashAudit.Askers users = new CrashAudit.Askers(
                    telegram, FIRST_USER, CHATS, QUESTIONS_PER_CHAT, SEND_GAP, MAX_UNANSWERED, questions);
            for (int kill = 0; kill < KILLS; kill++) {
                // the random moment counts from this life's first answer, not from its start: under load a JVM
                // start and the first turns can take longer than 2 s, and a kill before anything was delivered would
                // leave the delivery steps untested
                awaitDelivery(telegram, START_TIMEOUT, bot);
                Thread.sleep(300 + random.nextInt(1700));
                int inFlight = CrashAudit.unanswered(telegram, questions);
                Instant at = Instant.now();
                int status = bot.kill();
                assertThat(status).as("exit status of kill -9").isEqualTo(BotProcess.KILLED_EXIT_STATUS);
                bot.start();
                Instant signedIn = bot.awaitSignedIn(START_TIMEOUT);
                bot.awaitUp(START_TIMEOUT);
                kills.add(new Kill(at, signedIn, Instant.now(), inFlight));
            }
            users.awaitDone();
            CrashAudit.awaitQuiet(
                    telegram,
                    questions,
                    FIRST_USER,
                    CHATS,
                    Duration.ofSeconds(90),
                    Duration.ofMillis(200),
                    "the bot's",
                    bot);
            bot.stop();
        } finally {
            provider.close();
        }

        CrashAudit.Findings findings = CrashAudit.audit(telegram, questions);
        Set<Long> recorded = CrashAudit.recordedParts(dir.resolve("grokgram.db").toString(), 1);
        Map<CrashAudit.Question, List<CrashAudit.Answer>> duplicated = findings.duplicated();
        System.out.printf(
                "crash test: %d turns from %d chats, %d kills (turns in flight at each: %s), %d sent while down,"
                        + " %d duplicated parts (per kill: %s; longest send-to-kill gap %d ms), max answer latency"
                        + " %d ms, seed %d%n",
                questions.size(),
                CHATS,
                kills.size(),
                kills.stream().map(k -> Integer.toString(k.inFlight())).collect(Collectors.joining("/")),
                sentWhileDown(questions, kills),
                duplicated.values().stream().mapToInt(list -> list.size() - 1).sum(),
                perKill(duplicated, kills),
                longestGap(duplicated, kills).toMillis(),
                findings.maxLatency().toMillis(),
                seed);

        assertThat(kills)
                .allSatisfy(k ->
                        assertThat(k.inFlight()).as("turns in flight at a kill").isPositive());
        assertThat(sentWhileDown(questions, kills))
                .as("questions sent while the bot was down")
                .isPositive();
        findings.assertAllAnsweredInOrder();
        findings.answers().forEach((question, answers) -> {
            CrashAudit.Answer last = answers.getLast();
            assertThat(recorded)
                    .as("the store recorded the last copy of the answer to %s", question.text())
                    .contains(CrashAudit.key(question.chatId(), last.messageId()));
            for (int copy = 0; copy < answers.size() - 1; copy++) {
                CrashAudit.Answer earlier = answers.get(copy);
                assertThat(recorded)
                        .as("a duplicated copy of the answer to %s was never recorded (the window)", question.text())
                        .doesNotContain(CrashAudit.key(question.chatId(), earlier.messageId()));
                assertThat(killBetween(earlier, answers.get(copy + 1), kills))
                        .as(
                                "a kill between two copies of the answer to %s: %s; kills: %s; the bot's log about"
                                        + " chat %d:%n%s",
                                question.text(), answers, kills, question.chatId(), logAbout(question.chatId()))
                        .isPresent();
            }
        });
        CrashAudit.assertInboxDone(dir.resolve("grokgram.db").toString(), 1, questions.size());
    }

    /**
     * The users agree to the policy before the first life starts, in the store the bot process will open: it reads
     * their consent from there (the consent dialog will record it the same way).
     */
    private static void grantConsents(Path file) {
        try (Database database = Database.open(file.toString(), 1, Duration.ofSeconds(10))) {
            database.migrate();
            Consents consents = new Consents(database, 1, Clock.systemUTC());
            for (int chat = 0; chat < CHATS; chat++) {
                consents.record(new DataSubject(FIRST_USER + chat), ConsentKind.SERVICE, true, "en");
            }
        }
    }

    private Map<String, String> environment(String base) {
        Map<String, String> env = SandboxRig.botEnvironment(
                TOKEN, base, dir.resolve("grokgram.db").toString());
        env.put("GROKGRAM_LLM_PRICES", "grok-test=1/0.1/2");
        env.put("GROKGRAM_HTTP_PORT", "0");
        env.put("GROKGRAM_POLL_TIMEOUT", "1s");
        // previews early and often, so kills also land while drafts are being shown
        env.put("GROKGRAM_PREVIEW_DELAY", "300ms");
        env.put("GROKGRAM_DRAFT_INTERVAL", "250ms");
        env.put("GROKGRAM_LIMIT_CHAT_PER_SECOND", "20");
        return env;
    }

    /** Waits for the bot's next message in any of the test's chats. */
    private static void awaitDelivery(BotApiEmulator telegram, Duration timeout, BotProcess bot) throws Exception {
        long seen = lastSent(telegram);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (lastSent(telegram) == seen) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "the bot sent nothing in " + timeout + " after it came up; its log ends:\n" + bot.tail());
            }
            Thread.sleep(10);
        }
    }

    private static long lastSent(BotApiEmulator telegram) {
        long last = 0;
        for (int chat = 0; chat < CHATS; chat++) {
            for (BotEvent event : telegram.events(FIRST_USER + chat)) {
                if (event.kind() == BotEvent.Kind.SENT) {
                    last = Math.max(last, event.seq());
                }
            }
        }
        return last;
    }

    /**
     * The kill that separates the lives two copies came from. Lives are told apart by the next life's sign-in, not by
     * the kill: a request the dying process had already written can still be accepted a little after the kill, but the
     * next life sends nothing to a chat before it has signed in.
     */
    private static Optional<Kill> killBetween(CrashAudit.Answer earlier, CrashAudit.Answer later, List<Kill> kills) {
        return kills.stream()
                .filter(k -> earlier.sentAt().isBefore(k.signedIn())
                        && !later.sentAt().isBefore(k.signedIn()))
                .findFirst();
    }

    private static String perKill(Map<CrashAudit.Question, List<CrashAudit.Answer>> duplicated, List<Kill> kills) {
        int[] counts = new int[kills.size()];
        duplicated.values().forEach(answers -> {
            for (int copy = 0; copy < answers.size() - 1; copy++) {
                killBetween(answers.get(copy), answers.get(copy + 1), kills)
                        .ifPresent(kill -> counts[kills.indexOf(kill)]++);
            }
        });
        return java.util.Arrays.stream(counts).mapToObj(Integer::toString).collect(Collectors.joining("/"));
    }

    /** The longest time from Telegram accepting a copy that was later sent again to the kill that followed it. */
    private static Duration longestGap(Map<CrashAudit.Question, List<CrashAudit.Answer>> duplicated, List<Kill> kills) {
        Duration longest = Duration.ZERO;
        for (List<CrashAudit.Answer> answers : duplicated.values()) {
            for (int copy = 0; copy < answers.size() - 1; copy++) {
                CrashAudit.Answer earlier = answers.get(copy);
                Optional<Kill> kill = killBetween(earlier, answers.get(copy + 1), kills);
                if (kill.isPresent()) {
                    Duration gap = Duration.between(earlier.sentAt(), kill.get().at());
                    longest = gap.compareTo(longest) > 0 ? gap : longest;
                }
            }
        }
        return longest;
    }

    private static long sentWhileDown(List<CrashAudit.Question> questions, List<Kill> kills) {
        return questions.stream()
                .filter(q -> kills.stream()
                        .anyMatch(k -> q.sentAt().isAfter(k.at()) && q.sentAt().isBefore(k.upAgain())))
                .count();
    }

    private String logAbout(long chatId) {
        try {
            return Files.readAllLines(dir.resolve("bot.log"), StandardCharsets.UTF_8).stream()
                    .filter(line -> line.contains(Long.toString(chatId)) || line.contains("intake polling"))
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** A kill: when, when the next life signed in and was up, and how many questions had no answer yet. */
    private record Kill(Instant at, Instant signedIn, Instant upAgain, int inFlight) {}
}

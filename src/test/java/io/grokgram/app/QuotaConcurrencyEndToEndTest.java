package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grokgram.sandbox.ChatMessage;
import io.grokgram.sandbox.InlineAnswer;
import io.grokgram.sandbox.InlineMessage;
import io.grokgram.sandbox.RateLimits;
import io.grokgram.sandbox.SandboxUser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quota holds when one user's turns really run at once: 100 questions with 10 turns left, spread over the private
 * chat, three groups and inline answers (each inline answer runs on its own), against a slow provider so they overlap.
 * Exactly ten reach the provider; every other one gets the upgrade message.
 */
class QuotaConcurrencyEndToEndTest {
    private static final int LEFT = 10;

    @AutoClose
    static SandboxRig rig;

    @BeforeAll
    static void start(@TempDir Path dir) {
        rig = new SandboxRig(
                dir,
                Map.of(
                        "GROKGRAM_FREE_TURNS_PER_DAY", Integer.toString(LEFT),
                        "GROKGRAM_FLOOD_PER_MINUTE", "100000",
                        "GROKGRAM_LIMIT_GROUP_PER_MINUTE", "100000",
                        "GROKGRAM_LIMIT_CHAT_PER_SECOND", "1000",
                        "GROKGRAM_LIMIT_BOT_PER_SECOND", "100000"));
        rig.telegram.setRateLimits(RateLimits.off());
    }

    @Test
    void one_hundred_simultaneous_turns_with_ten_left_let_exactly_ten_through() throws Exception {
        SandboxUser user = rig.consentedUser(7_700_000_001L, "Quotina");
        List<Long> groups =
                List.of(user.createGroupWithBot("Q1"), user.createGroupWithBot("Q2"), user.createGroupWithBot("Q3"));
        long elsewhere = user.createGroupWithoutBot("Inline target");
        // slow answers keep the admitted turns running while the others arrive
        rig.provider.setPace(Duration.ofMillis(400), Duration.ofMillis(20), 4);
        List<String> inlineMessages = new ArrayList<>();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String question = "QUOTA-" + i + " what now?";
                switch (i % 5) {
                    case 0 -> sent.add(senders.submit(() -> user.send(question)));
                    case 1, 2, 3 -> {
                        long group = groups.get(i % 5 - 1);
                        sent.add(senders.submit(() -> user.sendToGroup(group, "@grokgram_test_bot " + question)));
                    }
                    default ->
                        sent.add(senders.submit(() -> {
                            String query = user.inlineQuery(question, "group");
                            InlineAnswer answer = user.inlineResults(query);
                            String id = user.chooseInlineResult(
                                            query, answer.results().getFirst().id(), elsewhere)
                                    .inlineMessageId()
                                    .orElseThrow();
                            synchronized (inlineMessages) {
                                inlineMessages.add(id);
                            }
                            return null;
                        }));
                }
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } finally {
            rig.provider.setPace(Duration.ZERO, Duration.ZERO, 64);
        }

        // every question gets its reply: an answer, or the upgrade message
        try {
            await().atMost(Duration.ofSeconds(40)).until(() -> replies(user, groups, inlineMessages) == 100);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            System.out.println("replies so far: private=" + (botReplies(user.chatId()) - 1) + " groups="
                    + groups.stream()
                            .map(g -> rig.telegram.messages(g).stream()
                                    .filter(ChatMessage::fromBot)
                                    .filter(m -> m.replyToMessageId().isPresent())
                                    .count())
                            .toList()
                    + " inline=" + inlineMessages.size() + " waiting: "
                    + inlineMessages.stream()
                            .map(id -> rig.telegram
                                    .inlineMessage(id)
                                    .map(InlineMessage::text)
                                    .orElse("?"))
                            .filter(text -> text.contains("Writing"))
                            .toList());
            throw e;
        }
        long reachedProvider = rig.provider.requests().stream()
                .filter(request -> request.rawBody().contains("QUOTA-"))
                .count();
        assertThat(reachedProvider).isEqualTo(LEFT);
        System.out.printf(
                "quota under concurrency: 100 simultaneous turns with %d left, %d reached the provider%n",
                LEFT, reachedProvider);
    }

    /** Replies so far: the bot's messages in the private chat and groups (not the welcomes), and inline messages done. */
    private static long replies(SandboxUser user, List<Long> groups, List<String> inlineMessages) {
        long inChats = botReplies(user.chatId()) - 1; // the consent question, now a thank-you
        for (long group : groups) {
            inChats += rig.telegram.messages(group).stream()
                    .filter(ChatMessage::fromBot)
                    .filter(m -> m.replyToMessageId().isPresent())
                    .count();
        }
        long inline;
        synchronized (inlineMessages) {
            inline = inlineMessages.stream()
                    .map(id -> rig.telegram
                            .inlineMessage(id)
                            .map(InlineMessage::text)
                            .orElse(""))
                    .filter(text -> !text.contains("Writing"))
                    .count();
        }
        return inChats + inline;
    }

    private static long botReplies(long chat) {
        return rig.telegram.messages(chat).stream().filter(ChatMessage::fromBot).count();
    }
}

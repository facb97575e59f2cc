package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grokgram.sandbox.ChosenResult;
import io.grokgram.sandbox.InlineAnswer;
import io.grokgram.sandbox.RecordedRequest;
import io.grokgram.sandbox.SandboxUser;
import io.grokgram.shared.SharedState;
import io.grokgram.shared.TestRedis;
import io.grokgram.telegram.BotToken;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole bot with {@code GROKGRAM_REDIS_URL} set, against the tests' Redis ({@link TestRedis}): its outbound limits live
 * there, and an inline answer outlives the process that gave it, so a restarted worker (empty memory, like another
 * worker) answers a repeat from Redis without asking the provider.
 */
class ScaleOutEndToEndTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final AtomicLong NEXT_USER = new AtomicLong(9_400_000_000L);

    @AutoClose
    static SandboxRig rig;

    @BeforeAll
    static void start(@TempDir Path dir) {
        rig = new SandboxRig(dir, Map.of("GROKGRAM_REDIS_URL", TestRedis.url().toString()));
    }

    @Test
    void the_limits_live_in_redis_and_an_inline_answer_outlives_the_worker_that_gave_it() {
        // given: a user asks inline; the question is new to this run, so no earlier run cached it
        String canary = "SCALE-CANARY-" + UUID.randomUUID();
        SandboxUser user = rig.consentedUser(NEXT_USER.incrementAndGet(), "Scala");
        SandboxUser friend = rig.telegram.user(NEXT_USER.incrementAndGet(), "Friendo", Optional.empty(), "en");
        long friends = user.createGroupWithoutBot("Friends");
        friend.joinGroup(friends);
        ask(user, canary, friends);
        assertThat(sentTo(canary)).hasSize(1);

        // then: the bot's bucket is a key in Redis, namespaced by the bot's id
        try (SharedState redis = SharedState.connect(TestRedis.url(), Duration.ofMillis(500))) {
            long botId = new BotToken(SandboxRig.TOKEN).botId();
            assertThat(redis.remaining("grokgram:telegram:" + botId + ":bucket:bot"))
                    .isPositive();
        }

        // when: the worker is replaced by a fresh one, and the same question comes again
        rig.restartBot();
        ask(user, canary, friends);

        // then: answered from Redis, not by the provider
        assertThat(sentTo(canary)).hasSize(1);
    }

    /** Asks about {@code canary} inline and waits until the answer fills the message in. */
    private static void ask(SandboxUser user, String canary, long chat) {
        String queryId = user.inlineQuery("what is " + canary + "?", "group");
        InlineAnswer answer = user.inlineResults(queryId);
        ChosenResult chosen =
                user.chooseInlineResult(queryId, answer.results().getFirst().id(), chat);
        String inlineId = chosen.inlineMessageId().orElseThrow();
        await().atMost(PATIENCE)
                .until(() -> !rig.telegram
                        .inlineMessage(inlineId)
                        .orElseThrow()
                        .text()
                        .contains("Writing"));
        assertThat(rig.telegram.inlineMessage(inlineId).orElseThrow().text()).contains(canary);
    }

    private static List<RecordedRequest> sentTo(String text) {
        return rig.provider.requests().stream()
                .filter(request -> request.rawBody().contains(text))
                .toList();
    }
}

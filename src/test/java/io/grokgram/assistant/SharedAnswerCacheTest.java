package io.grokgram.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokgram.shared.SharedState;
import io.grokgram.shared.TestRedis;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The inline-answer cache of scale-out workers, in the tests' Redis ({@link TestRedis}): what one worker keeps, all know. */
class SharedAnswerCacheTest {
    private final long botId = ThreadLocalRandom.current().nextLong(1_000_000, 2_000_000_000);
    private final SharedState first = SharedState.connect(TestRedis.url(), Duration.ofMillis(500));
    private final SharedState second = SharedState.connect(TestRedis.url(), Duration.ofMillis(500));
    private final AnswerCache one = AnswerCache.shared(first, botId, Clock.systemUTC());
    private final AnswerCache other = AnswerCache.shared(second, botId, Clock.systemUTC());

    @AfterEach
    void stop() {
        first.close();
        second.close();
    }

    @Test
    void an_answer_one_worker_kept_is_found_by_the_other_until_it_expires() {
        // given
        String key = "42\u0000i\u0000what is a token bucket?";

        // when
        one.put(key, "A bucket that refills at a steady rate.", Duration.ofMillis(300));

        // then
        assertThat(other.get(key)).contains("A bucket that refills at a steady rate.");
        assertThat(other.get("43\u0000i\u0000what is a token bucket?")).isEmpty();
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> other.get(key).isEmpty());
    }

    @Test
    void another_bot_does_not_see_the_answers() {
        // given
        String key = "42\u0000g\u0000hello";
        one.put(key, "Hi!", Duration.ofMinutes(1));

        // when
        AnswerCache otherBot = AnswerCache.shared(second, botId + 1, Clock.systemUTC());

        // then
        assertThat(otherBot.get(key)).isEmpty();
        assertThat(other.get(key)).contains("Hi!");
    }

    @Test
    void without_redis_the_worker_keeps_answers_in_its_own_memory() {
        // given
        try (SharedState gone = SharedState.connect(URI.create("redis://127.0.0.1:1/0"), Duration.ofMillis(200))) {
            AnswerCache cache = AnswerCache.shared(gone, botId, Clock.systemUTC());

            // when
            cache.put("k", "kept locally", Duration.ofMinutes(1));

            // then
            assertThat(cache.get("k")).contains("kept locally");
            assertThat(other.get("k")).isEmpty();
        }
    }
}

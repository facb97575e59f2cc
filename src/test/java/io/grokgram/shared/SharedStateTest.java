package io.grokgram.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The shared state against real Redis: the tests' one ({@link TestRedis}), and for losing and regaining it, a
 * redis-server of this test's own on a free port ({@link TestRedis#startPrivate}: no persistence, loopback only).
 */
class SharedStateTest {
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger sharedLog = (Logger) LoggerFactory.getLogger(SharedState.class);

    private Level level;

    @BeforeEach
    void listen() {
        logged.start();
        sharedLog.addAppender(logged);
        // the tests log WARN and up; here the INFO that Redis is back is part of the behaviour
        level = sharedLog.getLevel();
        sharedLog.setLevel(Level.INFO);
    }

    @AfterEach
    void stop() {
        sharedLog.setLevel(level);
        sharedLog.detachAppender(logged);
    }

    @Test
    void a_pause_is_only_ever_extended_never_cut() {
        try (SharedState redis = SharedState.connect(TestRedis.url(), Duration.ofMillis(500))) {
            pausesOnlyExtend(redis);
        }
    }

    @Test
    void pauses_work_on_redis_6_too() throws Exception {
        // the embedded server is Redis 6.2: what some LTS distributions still ship, and older than 6379's here
        try (TestRedisServer six = TestRedisServer.embedded(TestRedis.freePort());
                SharedState redis = SharedState.connect(six.url(), Duration.ofMillis(500))) {
            pausesOnlyExtend(redis);
        }
    }

    private static void pausesOnlyExtend(SharedState redis) {
        // given
        String key = "grokgram:test:pause:" + UUID.randomUUID();

        // when: a 5 s pause, then a 1 s one
        redis.extend(key, Duration.ofSeconds(5));
        redis.extend(key, Duration.ofSeconds(1));

        // then: the longer one holds; a longer one still extends it
        assertThat(redis.remaining(key)).isGreaterThan(Duration.ofSeconds(4));
        redis.extend(key, Duration.ofSeconds(20));
        assertThat(redis.remaining(key)).isGreaterThan(Duration.ofSeconds(19));
        assertThat(redis.remaining(key + ":none")).isZero();
    }

    @Test
    void a_lost_redis_fails_calls_at_once_warns_once_and_is_picked_up_again_when_back() throws Exception {
        // given: nothing listens on the port yet
        int port = TestRedis.freePort();
        try (SharedState redis = SharedState.connect(URI.create("redis://127.0.0.1:" + port), Duration.ofMillis(300))) {
            // when: calls keep coming while it is lost
            for (int i = 0; i < 20; i++) {
                assertThatThrownBy(() -> redis.get("k")).isInstanceOf(SharedStateUnavailable.class);
            }

            // then: one warning, not one per call
            assertThat(redis.available()).isFalse();
            assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.WARN).hasSize(1);

            // when: Redis comes up
            try (TestRedisServer server = TestRedis.startPrivate(port)) {
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(redis::available);

                // then: it is used again, and the log says so once
                redis.put("k", "v", Duration.ofSeconds(10));
                assertThat(redis.get("k")).contains("v");
                assertThat(logged.list)
                        .filteredOn(e -> e.getLevel() == Level.INFO)
                        .extracting(ILoggingEvent::getFormattedMessage)
                        .anyMatch(message -> message.contains("reachable again"));

                // when: it goes away again
                server.stop();
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                    try {
                        redis.get("k");
                        return false;
                    } catch (SharedStateUnavailable e) {
                        return true;
                    }
                });

                // then: a second warning, for the second loss
                assertThat(logged.list)
                        .filteredOn(e -> e.getLevel() == Level.WARN)
                        .hasSize(2);
            }
        }
    }
}

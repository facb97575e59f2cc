package io.grokgram.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grokgram.sandbox.MutableClock;
import io.grokgram.store.Database;
import io.grokgram.store.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two ingresses and one polling lease on the machine's PostgreSQL: never both poll; the second takes over in time. */
class PollingLeaseTest {
    private static final long BOT = 7_000_004L;

    @Test
    void of_two_holders_one_gets_the_lease_and_the_other_only_after_it_ran_out() {
        try (Database database = TestDatabases.postgres()) {
            takeOver(database);
        }
    }

    @Test
    void the_lease_works_the_same_on_sqlite(@TempDir Path dir) {
        try (Database database = TestDatabases.sqlite(dir)) {
            takeOver(database);
        }
    }

    private static void takeOver(Database database) {
        MutableClock clock = MutableClock.at("2026-11-26T06:00:00Z");
        {
            PollingLease first = new PollingLease(database, BOT, "ingress-a", Duration.ofSeconds(30), clock);
            PollingLease second = new PollingLease(database, BOT, "ingress-b", Duration.ofSeconds(30), clock);

            assertThat(first.acquire()).as("the first takes the free lease").isTrue();
            assertThat(second.acquire())
                    .as("the second while the first holds it")
                    .isFalse();
            clock.advance(Duration.ofSeconds(20));
            assertThat(first.acquire()).as("the holder renews").isTrue();
            clock.advance(Duration.ofSeconds(20));
            assertThat(second.acquire())
                    .as("40 s after the start, 20 s after the renewal")
                    .isFalse();

            // the first dies (kill -9: no release); its lease runs out 30 s after its last renewal
            clock.advance(Duration.ofSeconds(10));
            assertThat(second.acquire())
                    .as("once the dead holder's lease ran out")
                    .isTrue();
            assertThat(first.acquire())
                    .as("a holder that comes back late gets nothing")
                    .isFalse();

            second.release();
            assertThat(first.acquire()).as("a released lease is free at once").isTrue();
        }
    }

    @Test
    void two_ingresses_never_poll_at_once_and_the_second_polls_when_the_first_stops() throws Exception {
        AtomicInteger polling = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicReference<String> poller = new AtomicReference<>("");
        try (Database database = TestDatabases.postgres()) {
            Duration lease = Duration.ofMillis(600);
            LeasedPolling first = intake(database, "ingress-a", lease, polling, most, poller);
            LeasedPolling second = intake(database, "ingress-b", lease, polling, most, poller);
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> polling.get() == 1);
                Thread.sleep(lease.multipliedBy(3)); // several renewals by both
                assertThat(most.get()).as("pollers at once, at most").isEqualTo(1);
                assertThat(first.polling() ^ second.polling()).isTrue();

                LeasedPolling holder = first.polling() ? first : second;
                LeasedPolling other = holder == first ? second : first;
                holder.close();
                await().atMost(lease.multipliedBy(3)).until(other::polling);
                assertThat(most.get()).isEqualTo(1);
            } finally {
                first.close();
                second.close();
            }
        }
        assertThat(polling.get()).as("nobody polls after both stopped").isZero();
    }

    private static LeasedPolling intake(
            Database database,
            String holder,
            Duration lease,
            AtomicInteger polling,
            AtomicInteger most,
            AtomicReference<String> poller) {
        return new LeasedPolling(
                        new PollingLease(database, BOT, holder, lease, Clock.systemUTC()),
                        () -> {
                            most.accumulateAndGet(polling.incrementAndGet(), Math::max);
                            poller.set(holder);
                            return polling::decrementAndGet;
                        },
                        Clock.systemUTC())
                .start();
    }
}

package io.grokgram.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokgram.sandbox.MutableClock;
import io.grokgram.store.Database;
import io.grokgram.store.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsentsTest {
    private static final DataSubject ADA = new DataSubject(4_200_001L);
    private static final DataSubject BOB = new DataSubject(4_200_002L);

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void nobody_has_consented_until_they_do(String kind) {
        try (Database database = TestDatabases.open(kind, dir)) {
            Consents consents = new Consents(database, 1, clock);

            assertThat(consents.serviceGranted(ADA)).isFalse();
            assertThat(consents.trainingGranted(ADA)).isFalse();
            assertThat(consents.latest(ADA, ConsentKind.SERVICE)).isEmpty();

            ConsentRecord recorded = consents.record(ADA, ConsentKind.SERVICE, true, "de");

            assertThat(consents.serviceGranted(ADA)).isTrue();
            assertThat(consents.trainingGranted(ADA))
                    .as("training is its own consent")
                    .isFalse();
            assertThat(consents.serviceGranted(BOB)).isFalse();
            assertThat(recorded)
                    .isEqualTo(new ConsentRecord(
                            ADA, ConsentKind.SERVICE, true, 1, "de", Instant.parse("2026-03-01T10:00:00Z")));
        }
    }

    @Test
    void on_a_store_workers_share_what_one_worker_records_holds_on_the_other_at_once() {
        try (Database database = TestDatabases.postgres()) {
            Consents first = new Consents(database, 1, clock, false);
            Consents second = new Consents(database, 1, clock, false);
            first.record(ADA, ConsentKind.SERVICE, true, "en");
            assertThat(second.serviceGranted(ADA))
                    .as("granted through the first worker")
                    .isTrue();

            first.record(ADA, ConsentKind.SERVICE, false, "en");
            assertThat(second.serviceGranted(ADA))
                    .as("withdrawn through the first worker, the second stops at once")
                    .isFalse();

            second.record(ADA, ConsentKind.SERVICE, true, "en");
            assertThat(first.serviceGranted(ADA)).isTrue();
            database.useTransaction(tx -> second.erase(tx, ADA)); // /forget through the second worker
            assertThat(first.serviceGranted(ADA))
                    .as("erased through the second worker")
                    .isFalse();
            assertThat(first.latest(ADA, ConsentKind.SERVICE)).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void withdrawing_takes_effect_at_once_even_within_the_same_millisecond(String kind) {
        try (Database database = TestDatabases.open(kind, dir)) {
            Consents consents = new Consents(database, 1, clock);
            consents.record(ADA, ConsentKind.TRAINING, true, "en");
            assertThat(consents.trainingGranted(ADA)).isTrue();

            consents.record(ADA, ConsentKind.TRAINING, false, "en");

            assertThat(consents.trainingGranted(ADA)).isFalse();
            assertThat(new Consents(database, 1, clock).trainingGranted(ADA))
                    .as("a fresh process reads the newest record from the store")
                    .isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_new_policy_version_asks_again(String kind) {
        try (Database database = TestDatabases.open(kind, dir)) {
            new Consents(database, 1, clock).record(ADA, ConsentKind.SERVICE, true, "en");

            Consents version2 = new Consents(database, 2, clock);

            assertThat(version2.serviceGranted(ADA)).isFalse();
            assertThat(version2.latest(ADA, ConsentKind.SERVICE))
                    .get()
                    .extracting(ConsentRecord::policyVersion)
                    .isEqualTo(1);
            version2.record(ADA, ConsentKind.SERVICE, true, "en");
            assertThat(version2.serviceGranted(ADA)).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void the_history_is_kept_whole_and_erasure_removes_it(String kind) {
        try (Database database = TestDatabases.open(kind, dir)) {
            Consents consents = new Consents(database, 1, clock);
            consents.record(ADA, ConsentKind.SERVICE, true, "en");
            clock.advance(Duration.ofDays(3));
            consents.record(ADA, ConsentKind.TRAINING, true, "en");
            clock.advance(Duration.ofDays(3));
            consents.record(ADA, ConsentKind.TRAINING, false, "en");
            consents.record(BOB, ConsentKind.SERVICE, true, "fr");

            assertThat(database.<List<ConsentRecord>>inTransaction(tx -> consents.history(tx, ADA)))
                    .extracting(r -> r.kind() + "=" + r.granted())
                    .containsExactly("SERVICE=true", "TRAINING=true", "TRAINING=false");

            int erased = database.<Integer>inTransaction(tx -> consents.erase(tx, ADA));

            assertThat(erased).isEqualTo(3);
            assertThat(consents.serviceGranted(ADA)).isFalse();
            assertThat(consents.latest(ADA, ConsentKind.TRAINING)).isEmpty();
            assertThat(consents.serviceGranted(BOB)).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void many_users_consenting_at_once_all_get_their_record(String kind) throws Exception {
        try (Database database = TestDatabases.open(kind, dir)) {
            Consents consents = new Consents(database, 1, clock);
            List<Future<ConsentRecord>> calls = new ArrayList<>();
            try (ExecutorService users = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int user = 1; user <= 20; user++) {
                    DataSubject subject = new DataSubject(5_000_000L + user);
                    calls.add(users.submit(() -> consents.record(subject, ConsentKind.SERVICE, true, "en")));
                }
                for (Future<ConsentRecord> call : calls) {
                    call.get();
                }
            }

            Consents fresh = new Consents(database, 1, clock);
            for (int user = 1; user <= 20; user++) {
                assertThat(fresh.serviceGranted(new DataSubject(5_000_000L + user)))
                        .isTrue();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_double_tap_keeps_every_record_in_order(String kind) throws Exception {
        try (Database database = TestDatabases.open(kind, dir)) {
            Consents consents = new Consents(database, 1, clock);
            List<Future<ConsentRecord>> taps = new ArrayList<>();
            try (ExecutorService user = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int tap = 0; tap < 4; tap++) {
                    taps.add(user.submit(() -> consents.record(ADA, ConsentKind.TRAINING, true, "en")));
                }
                for (Future<ConsentRecord> tap : taps) {
                    tap.get();
                }
            }
            consents.record(ADA, ConsentKind.TRAINING, false, "en");

            assertThat(database.<List<ConsentRecord>>inTransaction(tx -> consents.history(tx, ADA)))
                    .extracting(ConsentRecord::granted)
                    .containsExactly(true, true, true, true, false);
            assertThat(new Consents(database, 1, clock).trainingGranted(ADA)).isFalse();
        }
    }
}

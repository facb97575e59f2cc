package io.grokgram.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokgram.sandbox.MutableClock;
import io.grokgram.store.Database;
import io.grokgram.store.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PseudonymsTest {
    private static final DataSubject ADA = new DataSubject(4_200_001L);

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_pseudonym_is_128_random_bits_drawn_once_and_kept(String kind) {
        try (Database database = TestDatabases.open(kind, dir)) {
            Pseudonyms pseudonyms = new Pseudonyms(database, new SecureRandom(), clock);
            assertThat(pseudonyms.find(ADA)).isEmpty();

            String first = pseudonyms.of(ADA);

            assertThat(first).matches("u-[0-9a-f]{32}").doesNotContain(Long.toString(ADA.telegramUserId()));
            assertThat(pseudonyms.of(ADA)).isEqualTo(first);
            assertThat(new Pseudonyms(database, new SecureRandom(), clock).of(ADA))
                    .as("after a restart")
                    .isEqualTo(first);
            assertThat(pseudonyms.find(ADA)).contains(first);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void the_same_id_in_another_store_gets_an_unrelated_pseudonym(String kind) throws Exception {
        try (Database one = TestDatabases.open(kind, Files.createDirectories(dir.resolve("one")));
                Database other = TestDatabases.open(kind, Files.createDirectories(dir.resolve("other")))) {
            String here = new Pseudonyms(one, new SecureRandom(), clock).of(ADA);
            String there = new Pseudonyms(other, new SecureRandom(), clock).of(ADA);

            assertThat(here).as("not derived from the id").isNotEqualTo(there);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void concurrent_first_calls_agree_on_one_pseudonym(String kind) throws Exception {
        try (Database database = TestDatabases.open(kind, dir)) {
            Set<String> seen = new HashSet<>();
            for (int round = 0; round < 5; round++) {
                DataSubject subject = new DataSubject(7_000_000L + round);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<String>> calls = new ArrayList<>();
                try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
                    for (int caller = 0; caller < 8; caller++) {
                        // each caller its own instance, as separate workers would be
                        Pseudonyms pseudonyms = new Pseudonyms(database, new SecureRandom(), clock);
                        calls.add(callers.submit(() -> {
                            go.await();
                            return pseudonyms.of(subject);
                        }));
                    }
                    go.countDown();
                    Set<String> answers = new HashSet<>();
                    for (Future<String> call : calls) {
                        answers.add(call.get());
                    }
                    assertThat(answers).hasSize(1);
                    seen.addAll(answers);
                }
            }
            assertThat(seen).as("five users, five pseudonyms").hasSize(5);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void after_erasure_the_user_gets_a_new_unrelated_pseudonym(String kind) {
        try (Database database = TestDatabases.open(kind, dir)) {
            Pseudonyms pseudonyms = new Pseudonyms(database, new SecureRandom(), clock);
            String before = pseudonyms.of(ADA);

            assertThat(database.<Integer>inTransaction(tx -> pseudonyms.erase(tx, ADA)))
                    .isOne();

            assertThat(pseudonyms.find(ADA)).isEmpty();
            assertThat(pseudonyms.of(ADA)).isNotEqualTo(before);
        }
    }
}

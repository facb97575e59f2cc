package io.grokgram.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The pgvector rows on their own: words ranking without vectors, nearest by cosine, and what is refused. */
class KnowledgeRowsTest {
    private static final int WORKERS = 6;

    @Test
    void without_vectors_the_database_ranks_by_any_of_the_question_words_and_with_them_by_cosine() throws Exception {
        String url = TestDatabases.postgresUrl();
        TestDatabases.assumePgvector(url);
        try (KnowledgeRows rows = KnowledgeRows.open(url)) {
            rows.put("refunds.md", "h1", "Refunds", "Website purchases are refunded within 14 days.", Optional.empty());
            rows.put("limits.md", "h2", "Daily limits", "Twenty questions a day, reset at midnight.", Optional.empty());

            assertThat(rows.matching("when is my purchase refunded?", 3))
                    .extracting(KnowledgeRows.Row::path)
                    .containsExactly("refunds.md");
            assertThat(rows.nearest(new float[] {1, 0}, 3))
                    .as("rows written without a model")
                    .isEmpty();

            rows.put("a.md", "h3", "A", "a", Optional.of(new float[] {1, 0}));
            rows.put("b.md", "h4", "B", "b", Optional.of(new float[] {0.6f, 0.8f}));
            rows.put("c.md", "h5", "C", "c", Optional.of(new float[] {1, 0, 0})); // another model's length
            // cosine 0.96 to b, 0.8 to a; c has three dimensions and is left out
            assertThat(rows.nearest(new float[] {0.8f, 0.6f}, 3))
                    .extracting(KnowledgeRows.Row::path)
                    .containsExactly("b.md", "a.md");

            rows.remove("refunds.md");
            assertThat(rows.hashes()).containsOnlyKeys("limits.md", "a.md", "b.md", "c.md");
        }
    }

    @Test
    void an_index_outside_postgresql_is_refused_with_a_clear_message() {
        assertThatThrownBy(() -> KnowledgeRows.open("jdbc:sqlite:/tmp/x.db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:postgresql:");
    }

    @Test
    void workers_that_start_together_on_a_fresh_database_all_open_the_shared_index() throws Exception {
        TestDatabases.assumePgvector(TestDatabases.postgresUrl());
        for (int round = 0; round < 5; round++) {
            String url = TestDatabases.postgresUrl(); // no table yet: every worker tries to create it
            List<Future<KnowledgeRows>> opening = new ArrayList<>();
            try (ExecutorService workers = Executors.newFixedThreadPool(WORKERS)) {
                CountDownLatch go = new CountDownLatch(1);
                for (int i = 0; i < WORKERS; i++) {
                    opening.add(workers.submit(() -> {
                        go.await();
                        return KnowledgeRows.open(url);
                    }));
                }
                go.countDown();
            }
            List<Throwable> failed = new ArrayList<>();
            for (Future<KnowledgeRows> worker : opening) {
                try (KnowledgeRows rows = worker.get()) {
                    assertThat(rows.hashes()).isEmpty();
                } catch (ExecutionException e) {
                    failed.add(e.getCause());
                }
            }
            assertThat(failed).as("round " + round).isEmpty();
        }
    }
}

package io.grokgram.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pgvector rows on their own: words ranking without vectors, nearest by cosine, and what is refused. */
class KnowledgeRowsTest {
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
}

package io.grokgram.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retrieval quality of {@code knowledge_search} on a realistic help centre (test resources {@code knowledge/}: 52
 * articles of a navigation app and its Telegram assistant, in Markdown, HTML and plain text) and 22 questions phrased
 * as users ask them, not in the articles' words, plus 22 held-out questions ({@code questions-heldout.tsv}) written
 * before the full-text ranking was tuned and never used to tune it, and 30 fresh ones ({@code questions-fresh.tsv})
 * written before the semantic ranking was last changed. Prints the hit rate at top 3 and each miss, for
 * both sets; the issue asks for at least 90 %.
 */
public class RetrievalHitRateTest {
    public static final String QUESTIONS = "knowledge/questions.tsv";
    /** Written before the full-text ranking was tuned and never used to tune it: shows whether the tuning overfits. */
    public static final String HELD_OUT = "knowledge/questions-heldout.tsv";
    /**
     * Written in a later session, before the semantic ranking's choice (meaning alone rather than fused with words) was
     * made, and not used to make it.
     */
    public static final String FRESH = "knowledge/questions-fresh.tsv";

    @TempDir
    Path index;

    @Test
    void with_semantic_ranking_the_right_article_is_in_the_top_three_for_at_least_nine_questions_in_ten()
            throws Exception {
        KnowledgeBase knowledge = new KnowledgeBase(index.resolve("meaning"), Embedder.local());
        for (String questions : List.of(QUESTIONS, HELD_OUT, FRESH)) {
            assertThat(hitRate(knowledge, "meaning", questions)).as(questions).isGreaterThanOrEqualTo(0.9);
        }
    }

    @Test
    void full_text_alone_puts_the_right_article_in_the_top_three_for_at_least_four_questions_in_five()
            throws Exception {
        // the default jar's ranking (no embedding model on the class path): what most installs get. Below the issue's
        // 90 %: the questions it misses share no word with their article ("money back" for a refund), which only the
        // semantic ranking bridges. Held to what it reaches, so a change that loses ground fails here.
        KnowledgeBase knowledge = new KnowledgeBase(index.resolve("words"));
        double rate = hitRate(knowledge, "words only", QUESTIONS);
        hitRate(knowledge, "words only", HELD_OUT);
        hitRate(knowledge, "words only", FRESH);
        assertThat(rate).isGreaterThanOrEqualTo(0.8);
    }

    /** Indexes the test corpus into {@code knowledge}, asks {@code questionFile}'s questions, prints and returns the rate. */
    public static double hitRate(Knowledge knowledge, String ranking, String questionFile) throws Exception {
        Path docs = resource("knowledge/docs");
        long documents;
        try (Stream<Path> files = Files.walk(docs)) {
            documents = files.filter(Files::isRegularFile).count();
        }
        long started = System.nanoTime();
        knowledge.index(docs);
        long indexMillis = (System.nanoTime() - started) / 1_000_000;
        List<String[]> questions = Files.readAllLines(resource(questionFile)).stream()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("\t"))
                .toList();

        int hits = 0;
        List<String> misses = new ArrayList<>();
        for (String[] question : questions) {
            List<String> top = knowledge.search(question[0], 3).stream()
                    .map(Knowledge.Hit::path)
                    .toList();
            if (top.contains(question[1])) {
                hits++;
            } else {
                misses.add(question[0] + " -> " + top + " (expected " + question[1] + ")");
            }
        }
        double rate = (double) hits / questions.size();
        System.out.printf(
                "knowledge_search (%s, %s) hit rate at top 3: %d/%d = %.1f %% over %d documents (indexed in %d ms)%n",
                ranking, questionFile, hits, questions.size(), rate * 100, documents, indexMillis);
        misses.forEach(miss -> System.out.println("  miss: " + miss));
        assertThat(documents).isGreaterThanOrEqualTo(50);
        assertThat(questions).hasSizeGreaterThanOrEqualTo(20);
        return rate;
    }

    public static Path resource(String name) throws URISyntaxException, IOException {
        var url = RetrievalHitRateTest.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IOException("test resource missing: " + name);
        }
        return Path.of(url.toURI());
    }
}

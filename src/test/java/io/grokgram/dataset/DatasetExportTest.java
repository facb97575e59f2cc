package io.grokgram.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grokgram.privacy.ConsentKind;
import io.grokgram.privacy.Consents;
import io.grokgram.privacy.DataSubject;
import io.grokgram.privacy.Pseudonyms;
import io.grokgram.privacy.Redactor;
import io.grokgram.sandbox.MutableClock;
import io.grokgram.store.Database;
import io.grokgram.store.TestDatabases;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export over real consents and pseudonyms (SQLite) and a turn source we own: who is in, what is scrubbed, what
 * is a duplicate, which pairs come out, and that the same input gives the same bytes.
 */
class DatasetExportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ExportRange NOVEMBER = ExportRange.parse("2026-11-01", "2026-12-01");
    private static final String PERSONA = "You are Grok, a helpful assistant inside Telegram.";

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-10-20T09:00:00Z");
    private Database database;
    private Consents consents;
    private Pseudonyms pseudonyms;
    private final FakeTurns turns = new FakeTurns();
    private long nextUpdate = 100;

    @BeforeEach
    void open() {
        database = TestDatabases.sqlite(dir);
        consents = new Consents(database, 1, clock);
        pseudonyms = new Pseudonyms(database, new SecureRandom(), clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void only_turns_consented_when_asked_and_still_consented_are_exported() throws IOException {
        train(1, true, "2026-10-25T00:00:00Z");
        TurnId always = ask(1, "2026-11-02T10:00:00Z", "How do volcanoes form under the ocean floor?");
        TurnId never = ask(2, "2026-11-02T11:00:00Z", "What is the tallest mountain in the solar system?");
        TurnId before = ask(3, "2026-11-03T10:00:00Z", "Explain how a bicycle stays upright while moving.");
        train(3, true, "2026-11-04T00:00:00Z");
        TurnId after = ask(3, "2026-11-05T10:00:00Z", "Why do cats purr when they are content and relaxed?");
        train(4, true, "2026-10-25T00:00:00Z");
        ask(4, "2026-11-06T10:00:00Z", "Describe the life cycle of a monarch butterfly in detail.");
        train(4, false, "2026-11-20T00:00:00Z");
        TurnId outside = ask(1, "2026-12-01T00:00:00Z", "What will the weather be like in December in Oslo?");

        DatasetCard card = export(dir.resolve("out"));

        assertThat(ids(dir.resolve("out/chat.jsonl"))).containsExactly(always.toString(), after.toString());
        assertThat(ids(dir.resolve("out/chat.jsonl")))
                .doesNotContain(never.toString(), before.toString(), outside.toString());
        assertThat(card.stages())
                .containsEntry("turns_in_range", 5)
                .containsEntry("no_training_consent_when_asked", 2)
                .containsEntry("training_consent_withdrawn_since", 1)
                .containsEntry("chat_records", 2);
        assertThat(card.consentPolicyVersions()).containsExactly(1);
    }

    @Test
    void two_exports_of_the_same_data_are_byte_identical() throws IOException {
        train(1, true, "2026-10-25T00:00:00Z");
        ask(1, "2026-11-02T10:00:00Z", "Mail me at ada@example.org about the tides of the North Sea.");
        TurnId rated = ask(1, "2026-11-03T10:00:00Z", "Which is better for a beginner, chess or go?");
        turns.regenerate(rated, "Go, because its rules are fewer.");
        turns.choose(rated, 1);

        export(dir.resolve("first"));
        export(dir.resolve("second"));

        for (String file : List.of(
                DatasetExport.CHAT_FILE,
                DatasetExport.PAIRS_FILE,
                DatasetExport.CARD_JSON,
                DatasetExport.CARD_MARKDOWN)) {
            assertThat(Files.readAllBytes(dir.resolve("second").resolve(file)))
                    .as(file)
                    .isEqualTo(Files.readAllBytes(dir.resolve("first").resolve(file)));
        }
        assertThat(Files.readString(dir.resolve("first").resolve(DatasetExport.CARD_JSON)))
                .doesNotContain(Instant.now().toString().substring(0, 10));
    }

    @Test
    void a_near_duplicate_pair_yields_one_record() throws IOException {
        train(1, true, "2026-10-25T00:00:00Z");
        train(2, true, "2026-10-25T00:00:00Z");
        TurnId first = ask(
                1,
                "2026-11-02T10:00:00Z",
                "How do I bake a sourdough bread at home with a cast iron pot and a simple starter?");
        // one word changed: a near duplicate
        ask(
                2,
                "2026-11-03T10:00:00Z",
                "How can I bake a sourdough bread at home with a cast iron pot and a simple starter?");
        // the same words in other case and punctuation: an exact duplicate once normalised
        ask(
                1,
                "2026-11-04T10:00:00Z",
                "how do I bake a sourdough bread at home, with a cast-iron pot and a simple starter");

        DatasetCard card = export(dir.resolve("out"));

        assertThat(ids(dir.resolve("out/chat.jsonl"))).containsExactly(first.toString());
        assertThat(card.stages()).containsEntry("exact_duplicate", 1).containsEntry("near_duplicate", 1);
    }

    @Test
    void planted_personal_data_of_each_type_is_absent_and_counted() throws IOException {
        train(1, true, "2026-10-25T00:00:00Z");
        List<String> planted = List.of(
                "ada@example.org",
                "+44 20 7946 0958",
                "4111 1111 1111 1111",
                "DE89 3704 0044 0532 0130 00",
                "221B Baker Street",
                "@ada_lovelace",
                "t.me/ada_lovelace");
        ask(
                1,
                "2026-11-02T10:00:00Z",
                "Please remember: mail " + planted.get(0) + ", phone " + planted.get(1) + ", card " + planted.get(2)
                        + ", IBAN " + planted.get(3) + ", I live at " + planted.get(4) + ", my handle " + planted.get(5)
                        + " and profile " + planted.get(6) + ".");

        DatasetCard card = export(dir.resolve("out"));

        String everything = Files.readString(dir.resolve("out/chat.jsonl"))
                + Files.readString(dir.resolve("out/preferences.jsonl"));
        for (String value : planted) {
            assertThat(everything).doesNotContain(value);
        }
        assertThat(everything)
                .contains("[EMAIL]", "[PHONE]", "[CARD]", "[IBAN]", "[ADDRESS]", "[USERNAME]", "[PROFILE_LINK]");
        assertThat(card.scrubbed())
                .containsKeys("[EMAIL]", "[PHONE]", "[CARD]", "[IBAN]", "[ADDRESS]", "[USERNAME]", "[PROFILE_LINK]");
        // planted once in the question and once more in the answer, which echoes it
        assertThat(card.markdown()).contains("| [IBAN] | 2 |", "| [EMAIL] | 2 |");
    }

    @Test
    void choices_and_thumbs_become_preference_pairs_and_a_lone_thumb_down_keeps_the_answer_out() throws IOException {
        train(1, true, "2026-10-25T00:00:00Z");
        TurnId chosen = ask(1, "2026-11-02T10:00:00Z", "Suggest a name for a small bakery near the sea.");
        turns.regenerate(chosen, "Salt & Crumb");
        turns.regenerate(chosen, "The Tidal Loaf");
        turns.choose(chosen, 2);
        TurnId thumbs = ask(1, "2026-11-03T10:00:00Z", "Write a haiku about a rainy afternoon in autumn.");
        turns.regenerate(thumbs, "Grey rain on the roof / leaves let go one by one / tea goes cold again");
        turns.rate(thumbs, 0, -1);
        turns.rate(thumbs, 1, 1);
        TurnId disliked = ask(1, "2026-11-04T10:00:00Z", "Tell me a fact about octopuses and their hearts.");
        turns.rate(disliked, 0, -1);

        DatasetCard card = export(dir.resolve("out"));

        List<JsonNode> pairs = lines(dir.resolve("out/preferences.jsonl"));
        assertThat(pairs).hasSize(3);
        assertThat(pairs.get(0).path("chosen").path("content").asText()).isEqualTo("The Tidal Loaf");
        assertThat(pairs.get(0).path("source").asText()).isEqualTo("choice");
        assertThat(pairs.get(2).path("rejected").path("content").asText())
                .isEqualTo(turns.get(thumbs).answers().get(0));
        assertThat(pairs.get(2).path("prompt").get(0).path("content").asText()).isEqualTo(PERSONA);
        List<JsonNode> chat = lines(dir.resolve("out/chat.jsonl"));
        assertThat(chat)
                .extracting(record -> record.path("id").asText())
                .containsExactly(chosen.toString(), thumbs.toString());
        assertThat(chat.get(0).path("messages").get(2).path("content").asText()).isEqualTo("The Tidal Loaf");
        assertThat(card.stages()).containsEntry("rated_down_without_better_answer", 1);
        assertThat(card.pairSources()).containsEntry("choice", 2).containsEntry("rating", 1);
    }

    @Test
    void trivial_quoted_and_unreadable_turns_are_left_out() throws IOException {
        train(1, true, "2026-10-25T00:00:00Z");
        ask(1, "2026-11-02T10:00:00Z", "hi");
        ask(1, "2026-11-02T10:01:00Z", "/start");
        TurnId quoted = ask(1, "2026-11-02T10:02:00Z", "What does this message from my colleague mean exactly?");
        turns.quote(quoted);
        TurnId gone = ask(1, "2026-11-02T10:03:00Z", "A question whose key was erased meanwhile, long enough.");
        turns.unreadable(gone);

        DatasetCard card = export(dir.resolve("out"));

        assertThat(card.stages())
                .containsEntry("trivial", 2)
                .containsEntry("quoted_foreign_message", 1)
                .containsEntry("unreadable_or_gone", 1)
                .containsEntry("chat_records", 0);
    }

    @Test
    void an_interrupted_export_replaces_nothing_and_can_run_again() throws IOException {
        train(1, true, "2026-10-25T00:00:00Z");
        ask(1, "2026-11-02T10:00:00Z", "What is the speed of light in a vacuum, roughly?");
        ask(1, "2026-11-03T10:00:00Z", "How far away is the Moon from the Earth on average?");
        Path out = dir.resolve("out");
        export(out);
        byte[] before = Files.readAllBytes(out.resolve(DatasetExport.CHAT_FILE));
        ask(1, "2026-11-04T10:00:00Z", "How long does sunlight take to reach the planet Mars?");

        try {
            assertThatThrownBy(() -> exporter()
                            .export(
                                    NOVEMBER,
                                    out,
                                    (done, total) -> Thread.currentThread().interrupt()))
                    .isInstanceOf(InterruptedIOException.class);
        } finally {
            Thread.interrupted();
        }

        assertThat(Files.readAllBytes(out.resolve(DatasetExport.CHAT_FILE))).isEqualTo(before);
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".part"));
        }
        export(out);
        assertThat(ids(out.resolve(DatasetExport.CHAT_FILE))).hasSize(3);
    }

    private DatasetCard export(Path out) throws IOException {
        return exporter().export(NOVEMBER, out, ExportProgress.none());
    }

    private DatasetExport exporter() {
        // a new Consents each time, as the command has: it reads the store, not another process's cache
        return new DatasetExport(
                turns,
                new Consents(database, 1, clock),
                pseudonyms,
                Redactor.forTraining(Redactor.DEFAULT_PHONE_REGIONS),
                PERSONA);
    }

    private void train(long user, boolean granted, String at) {
        clock.set(at);
        consents.record(new DataSubject(user), ConsentKind.TRAINING, granted, "en");
        pseudonyms.of(new DataSubject(user));
    }

    private TurnId ask(long user, String at, String question) {
        TurnId id = new TurnId(7, nextUpdate++);
        turns.put(
                id,
                new TrainingTurn(
                        id,
                        user,
                        Instant.parse(at),
                        TrainingTurn.Setting.PRIVATE,
                        true,
                        false,
                        question,
                        List.of("An answer to: " + question),
                        Map.of(),
                        OptionalInt.empty()));
        return id;
    }

    private static List<String> ids(Path file) throws IOException {
        return lines(file).stream().map(node -> node.path("id").asText()).toList();
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    /** Turns held in memory, in id order, with the same contract as the assistant's source. */
    private static final class FakeTurns implements TurnSource {
        private final TreeMap<TurnId, TrainingTurn> turns = new TreeMap<>();

        void put(TurnId id, TrainingTurn turn) {
            turns.put(id, turn);
        }

        TrainingTurn get(TurnId id) {
            return turns.get(id);
        }

        void regenerate(TurnId id, String answer) {
            TrainingTurn t = turns.get(id);
            List<String> answers = new ArrayList<>(t.answers());
            answers.add(answer);
            put(id, with(t, answers, t.ratings(), t.chosen()));
        }

        void quote(TurnId id) {
            TrainingTurn t = turns.get(id);
            put(id, withoutFeedback(t, true, true, t.question(), t.answers()));
        }

        void unreadable(TurnId id) {
            put(id, withoutFeedback(turns.get(id), false, false, "", List.of()));
        }

        void choose(TurnId id, int index) {
            TrainingTurn t = turns.get(id);
            put(id, with(t, t.answers(), t.ratings(), OptionalInt.of(index)));
        }

        void rate(TurnId id, int index, int rating) {
            TrainingTurn t = turns.get(id);
            Map<Integer, Integer> ratings = new TreeMap<>(t.ratings());
            ratings.put(index, rating);
            put(id, with(t, t.answers(), ratings, t.chosen()));
        }

        /** The turn with its content replaced and no ratings or choice, as the source reads such a turn. */
        private static TrainingTurn withoutFeedback(
                TrainingTurn t, boolean readable, boolean quotedForeign, String question, List<String> answers) {
            return new TrainingTurn(
                    t.id(),
                    t.userId(),
                    t.askedAt(),
                    t.setting(),
                    readable,
                    quotedForeign,
                    question,
                    answers,
                    Map.of(),
                    OptionalInt.empty());
        }

        private static TrainingTurn with(
                TrainingTurn t, List<String> answers, Map<Integer, Integer> ratings, OptionalInt chosen) {
            return new TrainingTurn(
                    t.id(),
                    t.userId(),
                    t.askedAt(),
                    t.setting(),
                    t.readable(),
                    t.quotedForeign(),
                    t.question(),
                    answers,
                    ratings,
                    chosen);
        }

        @Override
        public List<TurnId> turns(Instant since, Instant until) {
            return turns.values().stream()
                    .filter(t -> !t.askedAt().isBefore(since) && t.askedAt().isBefore(until))
                    .map(TrainingTurn::id)
                    .toList();
        }

        @Override
        public Optional<TrainingTurn> turn(TurnId id) {
            return Optional.ofNullable(turns.get(id));
        }
    }
}

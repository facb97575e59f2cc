package io.grokgram.dataset;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grokgram.privacy.ConsentKind;
import io.grokgram.privacy.ConsentRecord;
import io.grokgram.privacy.Consents;
import io.grokgram.privacy.DataSubject;
import io.grokgram.privacy.Pseudonyms;
import io.grokgram.privacy.Redaction;
import io.grokgram.privacy.Redactor;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code grokgram dataset export}: the consented turns of a date range as chat-format JSONL ({@code chat.jsonl}),
 * preference pairs ({@code preferences.jsonl}) and a dataset card ({@code dataset-card.md}, {@code .json}).
 *
 * <p>A turn goes in only if its author held training consent when it was asked (their newest training record at that
 * moment granted it) and holds it now (under the current policy version); so a withdrawal removes every turn of the
 * user from every later export. Turns quoting someone else's message, unreadable ones (key erased) and ones whose
 * author has no pseudonym are left out; inline and guest answers never reach here (they are not conversation turns).
 * Each text is scrubbed with {@link Redactor#forTraining}; trivial turns, exact and near duplicates go (see {@link
 * Duplicates}); an answer rated down with no better one is kept out of the chat file but feeds the preference pairs.
 *
 * <p>Deterministic: turns in id order, fields in fixed order, no time of the run anywhere, so the same store and
 * arguments give the same bytes. Files are written under temporary names and moved into place only at the end: an
 * interrupted export leaves the previous files as they were, and running it again is safe.
 */
public final class DatasetExport {
    public static final String CHAT_FILE = "chat.jsonl";
    public static final String PAIRS_FILE = "preferences.jsonl";
    public static final String CARD_MARKDOWN = "dataset-card.md";
    public static final String CARD_JSON = "dataset-card.json";

    private final TurnSource source;
    private final Consents consents;
    private final Pseudonyms pseudonyms;
    private final Redactor scrubber;
    private final String systemPrompt;

    public DatasetExport(
            TurnSource source, Consents consents, Pseudonyms pseudonyms, Redactor scrubber, String systemPrompt) {
        this.source = Objects.requireNonNull(source, "source");
        this.consents = Objects.requireNonNull(consents, "consents");
        this.pseudonyms = Objects.requireNonNull(pseudonyms, "pseudonyms");
        this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
        this.systemPrompt = Objects.requireNonNull(systemPrompt, "systemPrompt");
    }

    /**
     * Writes the export into {@code out} (created if missing) and returns its card.
     *
     * @throws InterruptedIOException when the thread is interrupted; nothing in {@code out} has changed then
     */
    public DatasetCard export(ExportRange range, Path out, ExportProgress progress) throws IOException {
        Files.createDirectories(out);
        Path chatPart = out.resolve("." + CHAT_FILE + ".part");
        Path pairsPart = out.resolve("." + PAIRS_FILE + ".part");
        boolean done = false;
        try (BufferedWriter chat = Files.newBufferedWriter(chatPart, StandardCharsets.UTF_8);
                BufferedWriter pairs = Files.newBufferedWriter(pairsPart, StandardCharsets.UTF_8)) {
            Run run = new Run(chat, pairs);
            List<TurnId> ids = source.turns(range.start(), range.end());
            run.stages.put("turns_in_range", ids.size());
            for (int i = 0; i < ids.size(); i++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("the dataset export was interrupted; nothing was replaced");
                }
                run.turn(ids.get(i));
                progress.turns(i + 1, ids.size());
            }
            chat.flush();
            pairs.flush();
            DatasetCard card = run.card(range, chatPart, pairsPart);
            move(chatPart, out.resolve(CHAT_FILE));
            move(pairsPart, out.resolve(PAIRS_FILE));
            writeAtomically(out.resolve(CARD_JSON), card.json());
            writeAtomically(out.resolve(CARD_MARKDOWN), card.markdown());
            done = true;
            return card;
        } finally {
            if (!done) {
                Files.deleteIfExists(chatPart);
                Files.deleteIfExists(pairsPart);
            }
        }
    }

    /** The state of one export: counts, the duplicate index, and each user's consent history read once. */
    private final class Run {
        private final BufferedWriter chat;
        private final BufferedWriter pairs;
        private final Map<String, Integer> stages = new LinkedHashMap<>();
        private final TreeMap<String, Integer> scrubbed = new TreeMap<>();
        private final TreeMap<String, Integer> languages = new TreeMap<>();
        private final TreeMap<String, Integer> settings = new TreeMap<>();
        private final TreeMap<String, Integer> pairSources = new TreeMap<>();
        private final TreeSet<Integer> versions = new TreeSet<>();
        private final Map<Long, List<ConsentRecord>> histories = new HashMap<>();
        private final Map<Long, Optional<String>> pseudonymsSeen = new HashMap<>();
        private final Duplicates duplicates = new Duplicates();
        private int chatRecords;
        private int pairCount;

        Run(BufferedWriter chat, BufferedWriter pairs) {
            this.chat = chat;
            this.pairs = pairs;
            for (String stage : List.of(
                    "turns_in_range",
                    "unreadable_or_gone",
                    "no_training_consent_when_asked",
                    "training_consent_withdrawn_since",
                    "no_pseudonym",
                    "quoted_foreign_message",
                    "trivial",
                    "exact_duplicate",
                    "near_duplicate",
                    "rated_down_without_better_answer")) {
                stages.put(stage, 0);
            }
        }

        void turn(TurnId id) throws IOException {
            Optional<TrainingTurn> found = source.turn(id);
            if (found.isEmpty() || !found.get().readable()) {
                drop("unreadable_or_gone");
                return;
            }
            TrainingTurn turn = found.get();
            DataSubject author = new DataSubject(turn.userId());
            Optional<ConsentRecord> then = consentWhenAsked(turn);
            if (then.isEmpty()) {
                drop("no_training_consent_when_asked");
                return;
            }
            if (!consents.trainingGranted(author)) {
                drop("training_consent_withdrawn_since");
                return;
            }
            Optional<String> pseudonym = pseudonymsSeen.computeIfAbsent(turn.userId(), user -> pseudonyms.find(author));
            if (pseudonym.isEmpty()) {
                drop("no_pseudonym");
                return;
            }
            if (turn.quotedForeign()) {
                drop("quoted_foreign_message");
                return;
            }
            if (TrivialTurns.trivial(turn.question())) {
                drop("trivial");
                return;
            }
            String question = scrub(turn.question());
            List<String> answers = turn.answers().stream().map(this::scrub).toList();
            versions.add(then.get().policyVersion());
            pairs(id, pseudonym.get(), turn, question, answers);
            Optional<Integer> kept = keptAnswer(turn);
            if (kept.isEmpty()) {
                drop("rated_down_without_better_answer");
                return;
            }
            String answer = answers.get(kept.get());
            switch (duplicates.offer(question + "\n" + answer)) {
                case EXACT -> drop("exact_duplicate");
                case NEAR -> drop("near_duplicate");
                case NEW -> chatRecord(id, pseudonym.get(), turn, question, answer, kept.get());
            }
        }

        private void chatRecord(
                TurnId id, String pseudonym, TrainingTurn turn, String question, String answer, int index)
                throws IOException {
            String language = LanguageGuess.of(question);
            ObjectNode record = DatasetCard.JSON.createObjectNode();
            record.put("id", id.toString());
            record.put("user", pseudonym);
            record.put("setting", turn.setting().name().toLowerCase(java.util.Locale.ROOT));
            record.put("language", language);
            messages(record.putArray("messages"), question)
                    .addObject()
                    .put("role", "assistant")
                    .put("content", answer);
            Integer rating = turn.ratings().get(index);
            if (rating != null) {
                record.put("rating", rating > 0 ? "up" : "down");
            }
            chat.write(DatasetCard.JSON.writeValueAsString(record));
            chat.write('\n');
            chatRecords++;
            languages.merge(language, 1, Integer::sum);
            settings.merge(turn.setting().name().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
        }

        /**
         * Chosen versus rejected: the answer the user kept against each other answer of the turn; without a choice,
         * each answer rated up against each rated down. Pairs whose two answers read the same after scrubbing teach
         * nothing and are skipped.
         */
        private void pairs(TurnId id, String pseudonym, TrainingTurn turn, String question, List<String> answers)
                throws IOException {
            if (turn.chosen().isPresent() && turn.chosen().getAsInt() < answers.size()) {
                int chosen = turn.chosen().getAsInt();
                for (int other = 0; other < answers.size(); other++) {
                    if (other != chosen) {
                        pair(id, pseudonym, question, answers.get(chosen), answers.get(other), "choice");
                    }
                }
                return;
            }
            for (int up = 0; up < answers.size(); up++) {
                for (int down = 0; down < answers.size(); down++) {
                    if (turn.ratings().getOrDefault(up, 0) > 0 && turn.ratings().getOrDefault(down, 0) < 0) {
                        pair(id, pseudonym, question, answers.get(up), answers.get(down), "rating");
                    }
                }
            }
        }

        private void pair(TurnId id, String pseudonym, String question, String chosen, String rejected, String why)
                throws IOException {
            if (chosen.equals(rejected)) {
                return;
            }
            ObjectNode record = DatasetCard.JSON.createObjectNode();
            record.put("id", id.toString());
            record.put("user", pseudonym);
            messages(record.putArray("prompt"), question);
            record.putObject("chosen").put("role", "assistant").put("content", chosen);
            record.putObject("rejected").put("role", "assistant").put("content", rejected);
            record.put("source", why);
            pairs.write(DatasetCard.JSON.writeValueAsString(record));
            pairs.write('\n');
            pairCount++;
            pairSources.merge(why, 1, Integer::sum);
        }

        private ArrayNode messages(ArrayNode messages, String question) {
            messages.addObject().put("role", "system").put("content", systemPrompt);
            messages.addObject().put("role", "user").put("content", question);
            return messages;
        }

        /** The answer for the chat file: the one kept, else one rated up, else the first unless it was rated down. */
        private Optional<Integer> keptAnswer(TrainingTurn turn) {
            if (turn.chosen().isPresent()
                    && turn.chosen().getAsInt() < turn.answers().size()) {
                return Optional.of(turn.chosen().getAsInt());
            }
            for (int i = 0; i < turn.answers().size(); i++) {
                if (turn.ratings().getOrDefault(i, 0) > 0) {
                    return Optional.of(i);
                }
            }
            return turn.ratings().getOrDefault(0, 0) < 0 ? Optional.empty() : Optional.of(0);
        }

        /** The author's newest training record at the moment the turn was asked, if it granted consent. */
        private Optional<ConsentRecord> consentWhenAsked(TrainingTurn turn) {
            List<ConsentRecord> history =
                    histories.computeIfAbsent(turn.userId(), user -> consents.history(new DataSubject(user)));
            ConsentRecord newest = null;
            for (ConsentRecord record : history) {
                if (record.kind() == ConsentKind.TRAINING
                        && !record.recordedAt().isAfter(turn.askedAt())) {
                    newest = record;
                }
            }
            return Optional.ofNullable(newest).filter(ConsentRecord::granted);
        }

        private String scrub(String text) {
            Redaction redaction = scrubber.redact(text);
            redaction.counts().forEach((type, count) -> scrubbed.merge(type, count, Integer::sum));
            return redaction.text();
        }

        private void drop(String stage) {
            stages.merge(stage, 1, Integer::sum);
        }

        DatasetCard card(ExportRange range, Path chatPart, Path pairsPart) throws IOException {
            stages.put("chat_records", chatRecords);
            TreeMap<String, Integer> byPlaceholder = new TreeMap<>();
            scrubbed.forEach((key, count) -> byPlaceholder.put(
                    io.grokgram.privacy.Detector.byKey(key)
                            .map(io.grokgram.privacy.Detector::placeholder)
                            .orElse(key),
                    count));
            return new DatasetCard(
                    range,
                    stages,
                    chatRecords,
                    pairCount,
                    pairSources,
                    versions,
                    consents.policyVersion(),
                    byPlaceholder,
                    languages,
                    settings,
                    Map.of(CHAT_FILE, sha256(chatPart), PAIRS_FILE, sha256(pairsPart)));
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            return java.util.HexFormat.of().formatHex(digest.digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeAtomically(Path target, String text) throws IOException {
        Path part = target.resolveSibling("." + target.getFileName() + ".part");
        Files.writeString(part, text, StandardCharsets.UTF_8);
        move(part, target);
    }
}

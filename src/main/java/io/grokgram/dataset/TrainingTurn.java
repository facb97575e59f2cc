package io.grokgram.dataset;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One turn as the room that holds it hands it to the dataset: who asked (a Telegram user id, used here only to check
 * consent and find the pseudonym; it never reaches a record), when, where, the question, every answer it got (0 the
 * first, then each regeneration) and the asker's verdicts on them.
 *
 * @param readable false when the content could not be opened (the user's key is gone): question and answers are empty
 * @param quotedForeign the asker quoted someone else's message to the assistant: that person never consented
 * @param ratings answer index to 1 (thumbs up) or -1 (thumbs down)
 * @param chosen the answer the asker kept among several, if they chose
 */
public record TrainingTurn(
        TurnId id,
        long userId,
        Instant askedAt,
        Setting setting,
        boolean readable,
        boolean quotedForeign,
        String question,
        List<String> answers,
        Map<Integer, Integer> ratings,
        OptionalInt chosen) {

    /** Where the turn happened. Inline and guest answers are not turns of a conversation and never arrive here. */
    public enum Setting {
        PRIVATE,
        GROUP
    }

    public TrainingTurn {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(askedAt, "askedAt");
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(question, "question");
        answers = List.copyOf(answers);
        ratings = Map.copyOf(ratings);
        Objects.requireNonNull(chosen, "chosen");
    }

    /** The answer with this index, if the turn has it. */
    public Optional<String> answer(int index) {
        return index >= 0 && index < answers.size() ? Optional.of(answers.get(index)) : Optional.empty();
    }
}

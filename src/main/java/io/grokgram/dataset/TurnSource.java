package io.grokgram.dataset;

import java.time.Instant;
import java.util.List;

/**
 * Where the dataset reads turns from: implemented by the room that owns the conversations (it opens their content with
 * each user's key, as everything else does), so the dataset never reads another room's tables or bypasses the cipher.
 */
public interface TurnSource {

    /** The turns asked in [{@code since}, {@code until}), by id: a stable order, the same on every run. */
    List<TurnId> turns(Instant since, Instant until);

    /** One turn, content opened; empty when it is gone (erased or expired since {@link #turns} listed it). */
    java.util.Optional<TrainingTurn> turn(TurnId id);
}

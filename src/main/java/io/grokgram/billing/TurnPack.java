package io.grokgram.billing;

/** Extra turns bought once: used after the day's quota, and kept until used (they do not expire). */
public record TurnPack(String id, int turns, long stars) implements Purchase {
    public TurnPack {
        Ids.check(id, "pack id");
        if (turns <= 0 || stars <= 0) {
            throw new IllegalArgumentException(
                    "pack " + id + ": turns and Stars must be positive, got " + turns + " turns for " + stars);
        }
    }
}

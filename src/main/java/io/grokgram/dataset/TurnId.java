package io.grokgram.dataset;

/**
 * A turn: the update that asked, under its bot. Printed as {@code t<bot>-<update>} in the dataset's records, which
 * names no user and no chat.
 */
public record TurnId(long botId, long updateId) implements Comparable<TurnId> {
    @Override
    public int compareTo(TurnId other) {
        int byBot = Long.compare(botId, other.botId);
        return byBot != 0 ? byBot : Long.compare(updateId, other.updateId);
    }

    @Override
    public String toString() {
        return "t" + botId + "-" + updateId;
    }
}

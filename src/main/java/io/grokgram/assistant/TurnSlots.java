package io.grokgram.assistant;

import java.util.concurrent.Semaphore;

/**
 * The cap on turns running at once in this process ({@code GROKGRAM_WORKER_MAX_TURNS}): a chat's drain takes a slot
 * before each turn and gives it back when the turn ends. A turn without a slot waits on its virtual thread and its entry
 * stays in the inbox, so a worker past its size slows down instead of running out of memory, connections or provider
 * quota, and a crash while waiting loses nothing. Fair, so the chat waiting longest goes first.
 */
final class TurnSlots {
    private final Semaphore slots;

    /** {@code max} turns at once; 0 for no cap. */
    TurnSlots(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("the cap on turns at once is 0 (none) or positive, got " + max);
        }
        this.slots = max == 0 ? null : new Semaphore(max, true);
    }

    /** Waits for a slot; close the slot when the turn ends. */
    Slot take() throws InterruptedException {
        if (slots == null) {
            return () -> {};
        }
        slots.acquire();
        return slots::release;
    }

    /** A taken slot; closing gives it back. */
    @FunctionalInterface
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }
}

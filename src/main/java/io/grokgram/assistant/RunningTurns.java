package io.grokgram.assistant;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The turns currently waiting on a provider, one per chat at most (chats run their turns in order), so that a Stop
 * press, an edit of the question, or shutdown can end the provider call — and the turn knows which of them did.
 */
final class RunningTurns {

    /** Why a running provider call was ended early. */
    enum Reason {
        /** The user pressed Stop: what was written becomes the answer. */
        STOPPED,
        /** The user edited the question: the turn starts again with the new text. */
        EDITED,
        /** The process is stopping: the turn is handed back to the inbox and resumed after the restart. */
        SHUTDOWN
    }

    private final Map<ChatKey, Running> running = new ConcurrentHashMap<>();

    /** A turn's registration; closing it unregisters. */
    final class Running implements AutoCloseable {
        private final ChatKey chat;
        private final long updateId;
        private final long draftId;
        private final Thread thread;
        private volatile Reason reason;

        private Running(ChatKey chat, long updateId, long draftId, Thread thread) {
            this.chat = chat;
            this.updateId = updateId;
            this.draftId = draftId;
            this.thread = thread;
        }

        /** Why the call was ended early, if it was. */
        Optional<Reason> reason() {
            return Optional.ofNullable(reason);
        }

        private void end(Reason why) {
            if (reason == null) {
                reason = why;
                thread.interrupt();
            }
        }

        /** The provider call is over: later Stop presses and edits no longer reach this turn. */
        void release() {
            running.remove(chat, this);
        }

        @Override
        public void close() {
            release();
        }
    }

    Running register(ChatKey chat, long updateId, long draftId) {
        Running turn = new Running(chat, updateId, draftId, Thread.currentThread());
        running.put(chat, turn);
        return turn;
    }

    /** Ends the chat's running turn if it streams the draft the user stopped; false if there is none. */
    boolean stop(ChatKey chat, long draftId) {
        Running turn = running.get(chat);
        if (turn == null || turn.draftId != draftId) {
            return false;
        }
        turn.end(Reason.STOPPED);
        return true;
    }

    /** Ends the chat's running turn if it answers {@code updateId} (its question was edited). */
    boolean restart(ChatKey chat, long updateId) {
        Running turn = running.get(chat);
        if (turn == null || turn.updateId != updateId) {
            return false;
        }
        turn.end(Reason.EDITED);
        return true;
    }

    /** Ends the running turns of the chats {@code lost} names (their owner changed): the inbox keeps them. */
    int handBack(java.util.function.Predicate<ChatKey> lost) {
        int ended = 0;
        for (Running turn : running.values()) {
            if (lost.test(turn.chat)) {
                turn.end(Reason.SHUTDOWN);
                ended++;
            }
        }
        return ended;
    }

    /** Ends every running turn for shutdown; returns how many there were. */
    int handBackAll() {
        running.values().forEach(turn -> turn.end(Reason.SHUTDOWN));
        return running.size();
    }
}

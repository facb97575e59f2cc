package io.grokgram.assistant;

import java.util.Objects;
import java.util.Optional;

/** One accepted trigger and how far its turn got. */
record InboxEntry(long updateId, ChatKey chat, Kind kind, String payload, State state, Optional<String> finalText) {

    /** What the trigger asks for; decided at intake. */
    enum Kind {
        TEXT,
        COMMAND,
        NON_TEXT,
        /** The user sends faster than the flood limit: tell them once, politely. */
        SLOW_DOWN,
        /** An edit of a question that was already answered: say that the answer stays. */
        EDIT_NOTE
    }

    /**
     * How far the turn got: each step is written down before the next starts, so a restart resumes exactly there.
     * {@code ANSWERED} means the final text is recorded and only delivery remains.
     */
    enum State {
        STORED,
        STARTED,
        ANSWERED,
        DONE
    }

    InboxEntry {
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(finalText, "finalText");
    }
}

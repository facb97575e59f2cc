package io.grokgram.assistant;

import java.util.Objects;
import java.util.Optional;

/** One accepted trigger and how far its turn got. */
record InboxEntry(
        long updateId,
        ChatKey chat,
        Kind kind,
        String payload,
        State state,
        Optional<String> finalText,
        long userId,
        Optional<String> inlineMessageId) {

    /** What the trigger asks for; decided at intake. */
    enum Kind {
        TEXT,
        COMMAND,
        NON_TEXT,
        /** The user sends faster than the flood limit: tell them once, politely. */
        SLOW_DOWN,
        /** An edit of a question that was already answered: say that the answer stays. */
        EDIT_NOTE,
        /** An inline keyboard button was pressed: consent, /forget confirmation, group settings. */
        CALLBACK,
        /**
         * Someone without service consent addressed the assistant in a group: they get a pointer to the consent step;
         * the payload keeps only where to answer, never what they asked.
         */
        CONSENT_NEEDED,
        /** The bot was added to a group: it says how it can be addressed. */
        GROUP_WELCOME,
        /** A chosen inline result whose message is filled with the answer. */
        INLINE,
        /** The assistant summoned as a guest in a chat it is not a member of. */
        GUEST,
        /** A Stars payment or refund: credited or reversed once per charge id, then confirmed to the user. */
        PAYMENT
    }

    /**
     * How far the turn got: each step is written down before the next starts, so a restart resumes exactly there.
     * {@code ANSWERED} means the final text is recorded and only delivery remains.
     */
    enum State {
        STORED,
        /** Waits for the user's service consent; answered once they accept, deleted if they decline. */
        HELD,
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
        Objects.requireNonNull(inlineMessageId, "inlineMessageId");
    }
}

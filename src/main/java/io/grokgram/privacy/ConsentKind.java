package io.grokgram.privacy;

/** What a user agreed to. Each is asked, recorded and withdrawn on its own. */
public enum ConsentKind {
    /** Messages may go to the model provider to be answered: needed for the assistant to answer at all. */
    SERVICE,
    /** Turns may be used to train models (opt-in, off by default); withdrawing removes them from every later export. */
    TRAINING
}

package io.grokgram.llm;

/**
 * Receives the text of a streamed completion as it arrives. Called on the provider's reading thread, one call at a
 * time; it must not block for long (hand work to another thread if needed).
 */
@FunctionalInterface
public interface StreamObserver {
    void onText(String delta);

    StreamObserver IGNORE = delta -> {};
}

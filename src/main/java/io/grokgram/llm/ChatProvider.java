package io.grokgram.llm;

/**
 * A model provider. Implementations map every provider error once into {@link LlmException}'s tree, so callers only
 * ask whether it is retriable.
 *
 * <p>Only the privacy gate holds a {@code ChatProvider}; an architecture test keeps it that way.
 */
public interface ChatProvider {

    /**
     * Streams a completion, calling {@code observer} with each text delta, and returns the finished result. Blocks the
     * calling (virtual) thread. Interrupting the thread cancels the call and returns what was written so far with
     * {@link FinishReason#CANCELLED}.
     *
     * @throws LlmException when the provider fails before or during the stream
     */
    Completion stream(ProviderRequest request, StreamObserver observer);

    /** A short name for logs and metrics, e.g. {@code xai}. Never contains a key. */
    String name();
}

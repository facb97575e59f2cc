package io.grokgram.llm;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** A fake provider that plays one scripted step per call and records what it was asked. */
final class ScriptedProvider implements ChatProvider {
    /** What one call does: stream to the observer, then answer or throw. */
    @FunctionalInterface
    interface Step {
        Completion play(ProviderRequest request, StreamObserver observer);
    }

    private final String name;
    private final Queue<Step> steps = new ConcurrentLinkedQueue<>();
    private final List<ProviderRequest> requests = new CopyOnWriteArrayList<>();

    ScriptedProvider(String name) {
        this.name = name;
    }

    ScriptedProvider then(Step step) {
        steps.add(step);
        return this;
    }

    /** {@code times} failures, a new exception each time as a real provider throws. */
    ScriptedProvider thenFail(Supplier<LlmException> failure, int times) {
        for (int i = 0; i < times; i++) {
            then(failWith(failure.get()));
        }
        return this;
    }

    @Override
    public Completion stream(ProviderRequest request, StreamObserver observer) {
        requests.add(request);
        Step step = steps.poll();
        if (step == null) {
            throw new IllegalStateException(name + " was called more often than scripted");
        }
        return step.play(request, observer);
    }

    @Override
    public String name() {
        return name;
    }

    List<ProviderRequest> requests() {
        return List.copyOf(requests);
    }

    List<String> modelsAsked() {
        return requests.stream().map(r -> r.model().value()).toList();
    }

    static Step answer(String text) {
        return (request, observer) -> {
            observer.onText(text);
            return completion(request, text, FinishReason.STOP);
        };
    }

    static Step finish(String text, FinishReason reason) {
        return (request, observer) -> {
            observer.onText(text);
            return completion(request, text, reason);
        };
    }

    static Step failWith(LlmException failure) {
        return (request, observer) -> {
            throw failure;
        };
    }

    /** Streams {@code text}, then fails as a cut stream does: with that text as the partial answer. */
    static Step cutAfter(String text) {
        return (request, observer) -> {
            observer.onText(text);
            throw new LlmException.Unavailable("test cut the connection", text, null);
        };
    }

    static Completion completion(ProviderRequest request, String text, FinishReason reason) {
        return new Completion(
                request.model(), text, reason, new Usage(10, 0, 5, 0), Duration.ofMillis(5), Duration.ofMillis(10));
    }
}

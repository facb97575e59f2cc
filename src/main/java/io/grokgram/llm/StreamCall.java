package io.grokgram.llm;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.openai.OpenAiChatResponseMetadata;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One streamed call. langchain4j calls it on the reading thread; the calling thread waits in {@link #await()} for the
 * end, a failure, an idle timeout or its own interruption.
 *
 * <p>Text reaches the observer under this object's lock, and the call is marked finished under the same lock: after
 * {@link #await()} returns, the observer gets nothing more, and the returned text is exactly what it got.
 */
final class StreamCall implements StreamingChatResponseHandler {
    static final String ZERO_DATA_RETENTION_HEADER = "x-zero-data-retention";

    private final ModelId model;
    private final StreamObserver observer;
    private final Duration idleTimeout;
    private final ProviderErrors errors;
    private final long startNanos = System.nanoTime();
    private final CompletableFuture<ChatResponse> outcome = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private volatile long lastEventNanos = startNanos;
    private long firstTokenNanos = -1;
    private StreamingHandle handle;
    private boolean finished;

    StreamCall(ModelId model, StreamObserver observer, Duration idleTimeout, ProviderErrors errors) {
        this.model = model;
        this.observer = Objects.requireNonNull(observer, "observer");
        this.idleTimeout = idleTimeout;
        this.errors = errors;
    }

    @Override
    public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
        long now = System.nanoTime();
        lastEventNanos = now;
        synchronized (this) {
            handle = context.streamingHandle();
            if (finished) {
                handle.cancel();
                return;
            }
            if (firstTokenNanos < 0) {
                firstTokenNanos = now;
            }
            try {
                observer.onText(partial.text());
            } catch (RuntimeException e) {
                finished = true;
                handle.cancel();
                outcome.completeExceptionally(new ObserverFailed(e));
                return;
            }
            text.append(partial.text());
        }
    }

    /** Role chunks, keep-alives while a model reasons, the usage chunk: not text, but a sign of life. */
    @Override
    public void onUnmappedRawEvent(Object event) {
        lastEventNanos = System.nanoTime();
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
        outcome.complete(response);
    }

    @Override
    public void onError(Throwable error) {
        outcome.completeExceptionally(error);
    }

    /** Returns at once, without a request, for a thread interrupted before the call. */
    Completion cancelledBeforeStart() {
        return cancelled();
    }

    /**
     * Waits for the end of the call, once it has been handed to langchain4j. The idle clock starts here: building the
     * first request (class loading, JSON setup) is our time, not the provider's.
     */
    Completion await() {
        lastEventNanos = System.nanoTime();
        while (true) {
            long idle = lastEventNanos + idleTimeout.toNanos() - System.nanoTime();
            if (idle <= 0) {
                throw errors.silent(idleTimeout, finish(true));
            }
            try {
                return completed(outcome.get(idle, TimeUnit.NANOSECONDS));
            } catch (TimeoutException stillQuiet) {
                // lastEventNanos may have moved on: look again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return cancelled();
            } catch (ExecutionException e) {
                // langchain4j goes on reading after some errors (a chunk that does not parse): stop it.
                String partial = finish(true);
                if (e.getCause() instanceof ObserverFailed observerFailed) {
                    throw observerFailed.getCause();
                }
                throw errors.map(e.getCause(), partial);
            }
        }
    }

    /** Stops text from reaching the observer (and the stream, if asked); returns the text the observer got. */
    private synchronized String finish(boolean stopStream) {
        finished = true;
        if (stopStream && handle != null) {
            handle.cancel();
        }
        return text.toString();
    }

    /** The provider reports usage only at the end, so a cancelled call has none; callers estimate if they bill. */
    private Completion cancelled() {
        String all = finish(true);
        Timing timing = timing();
        return new Completion(model, all, FinishReason.CANCELLED, Usage.NONE, timing.firstToken(), timing.took());
    }

    /** The model the provider says it served (xAI serves retired slugs with another model), else the one asked for. */
    private Completion completed(ChatResponse chat) {
        String all = finish(false);
        Timing timing = timing();
        String served = chat.metadata().modelName();
        return new Completion(
                served == null || served.isBlank() ? model : new ModelId(served),
                all,
                finishReason(chat),
                usage(chat.metadata().tokenUsage()),
                timing.firstToken(),
                timing.took(),
                zeroDataRetention(chat),
                toolCalls(chat),
                List.of());
    }

    /**
     * xAI's {@code x-zero-data-retention} header, from the response headers {@link SseHttpClient} hands langchain4j when
     * the stream opens. Header names are case-insensitive, and the map may not be.
     */
    static Optional<Boolean> zeroDataRetention(ChatResponse chat) {
        if (!(chat.metadata() instanceof OpenAiChatResponseMetadata openAi) || openAi.rawHttpResponse() == null) {
            return Optional.empty();
        }
        Map<String, List<String>> headers = openAi.rawHttpResponse().headers();
        if (headers == null) {
            return Optional.empty();
        }
        return headers.entrySet().stream()
                .filter(header -> ZERO_DATA_RETENTION_HEADER.equalsIgnoreCase(header.getKey()))
                .flatMap(header -> header.getValue().stream())
                .findFirst()
                .map(value -> value.strip().toLowerCase(Locale.ROOT))
                .flatMap(value -> switch (value) {
                    case "true" -> Optional.of(Boolean.TRUE);
                    case "false" -> Optional.of(Boolean.FALSE);
                    default -> Optional.empty();
                });
    }

    private record Timing(Duration firstToken, Duration took) {}

    private synchronized Timing timing() {
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        return new Timing(firstTokenNanos < 0 ? took : Duration.ofNanos(firstTokenNanos - startNanos), took);
    }

    private static List<ToolCall> toolCalls(ChatResponse chat) {
        if (chat.aiMessage() == null || !chat.aiMessage().hasToolExecutionRequests()) {
            return List.of();
        }
        return chat.aiMessage().toolExecutionRequests().stream()
                .map(request -> new ToolCall(
                        request.id(),
                        request.name() == null ? "" : request.name(),
                        request.arguments() == null ? "" : request.arguments()))
                .toList();
    }

    private static FinishReason finishReason(ChatResponse chat) {
        if (chat.aiMessage() != null && chat.aiMessage().hasToolExecutionRequests()) {
            return FinishReason.TOOL_CALLS;
        }
        if (chat.metadata().finishReason() == null) {
            return FinishReason.OTHER;
        }
        return switch (chat.metadata().finishReason()) {
            case STOP -> FinishReason.STOP;
            case LENGTH -> FinishReason.LENGTH;
            case CONTENT_FILTER -> FinishReason.CONTENT_FILTER;
            case TOOL_EXECUTION -> FinishReason.TOOL_CALLS;
            case OTHER -> FinishReason.OTHER;
        };
    }

    static Usage usage(TokenUsage usage) {
        if (usage == null) {
            return Usage.NONE;
        }
        int prompt = orZero(usage.inputTokenCount());
        int completion = orZero(usage.outputTokenCount());
        int cached = 0;
        int reasoning = 0;
        if (usage instanceof OpenAiTokenUsage openAi) {
            cached = openAi.inputTokensDetails() == null
                    ? 0
                    : orZero(openAi.inputTokensDetails().cachedTokens());
            reasoning = openAi.outputTokensDetails() == null
                    ? 0
                    : orZero(openAi.outputTokensDetails().reasoningTokens());
        }
        // A provider that reports more cached than prompt tokens is wrong; billing must not fail on it.
        return new Usage(prompt, Math.min(cached, prompt), completion, reasoning);
    }

    private static int orZero(Integer count) {
        return count == null ? 0 : Math.max(0, count);
    }

    /** Carries an observer's own exception through the outcome, to be rethrown as it was. */
    private static final class ObserverFailed extends RuntimeException {
        ObserverFailed(RuntimeException cause) {
            super(cause);
        }

        @Override
        public synchronized RuntimeException getCause() {
            return (RuntimeException) super.getCause();
        }
    }
}

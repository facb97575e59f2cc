package io.grokgram.llm;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import dev.langchain4j.http.client.sse.ServerSentEventParsingHandle;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * langchain4j's HTTP client SPI over the JDK client, for two things its own {@code JdkHttpClient} drops: the headers
 * of an error response (a 429's {@code Retry-After}, which reaches us as {@link StatusException#retryAfter()}), and
 * whether a stream ended with {@code data: [DONE]} (a stream that just stops is reported as an {@link EOFException}, not
 * as a complete answer). Multipart bodies, which chat never sends, are not supported.
 *
 * <p>The headers of a successful response go to langchain4j with the stream's opening, which keeps them in the answer's
 * metadata: that is how a provider's {@code x-zero-data-retention} header reaches {@link Completion}.
 */
final class SseHttpClient implements HttpClient {
    private static final Logger log = LoggerFactory.getLogger(SseHttpClient.class);

    private final java.net.http.HttpClient jdk;
    private final Duration requestTimeout;

    private final Executor readers;

    private SseHttpClient(java.net.http.HttpClient jdk, Duration requestTimeout) {
        this.jdk = jdk;
        this.requestTimeout = requestTimeout;
        this.readers = jdk.executor().orElseThrow(() -> new IllegalStateException("the JDK client needs an executor"));
    }

    /**
     * langchain4j pushes its own timeouts (15 s / 60 s, or one value for both) into whatever builder it gets; ours come
     * from {@link ProviderSettings}, so the setters are ignored on purpose.
     */
    static final class Builder implements HttpClientBuilder {
        private final java.net.http.HttpClient.Builder jdk;
        private final Duration connectTimeout;
        private final Duration requestTimeout;

        Builder(java.net.http.HttpClient.Builder jdk, Duration connectTimeout, Duration requestTimeout) {
            this.jdk = jdk;
            this.connectTimeout = connectTimeout;
            this.requestTimeout = requestTimeout;
        }

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override
        public Builder connectTimeout(Duration ignored) {
            return this;
        }

        @Override
        public Duration readTimeout() {
            return requestTimeout;
        }

        @Override
        public Builder readTimeout(Duration ignored) {
            return this;
        }

        @Override
        public SseHttpClient build() {
            return new SseHttpClient(jdk.connectTimeout(connectTimeout).build(), requestTimeout);
        }
    }

    /** An error status with what langchain4j's {@link HttpException} has no room for. */
    static final class StatusException extends HttpException {
        private final Optional<Duration> retryAfter;

        StatusException(int status, String body, Optional<Duration> retryAfter) {
            super(status, body);
            this.retryAfter = retryAfter;
        }

        Optional<Duration> retryAfter() {
            return retryAfter;
        }

        static StatusException of(int status, HttpHeaders headers, String body) {
            return new StatusException(status, body, retryAfter(headers));
        }

        /** Seconds, possibly with a fraction; the HTTP-date form is rare on APIs and ignored. */
        private static Optional<Duration> retryAfter(HttpHeaders headers) {
            return headers.firstValue("Retry-After")
                    .map(String::strip)
                    .filter(value -> value.matches("\\d{1,6}(\\.\\d{1,3})?"))
                    .map(value -> Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000)));
        }
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = jdk.send(toJdk(request), HttpResponse.BodyHandlers.ofByteArray());
            if (!successful(response.statusCode())) {
                throw StatusException.of(
                        response.statusCode(), response.headers(), new String(response.body(), StandardCharsets.UTF_8));
            }
            return SuccessfulHttpResponse.builder()
                    .statusCode(response.statusCode())
                    .headers(response.headers().map())
                    .body(response.body())
                    .build();
        } catch (HttpTimeoutException e) {
            throw new TimeoutException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + request.method(), e);
        }
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        // Always read on the client's executor: with thenAccept, a response that arrived before the callback was
        // attached would be read on the caller's thread, which then blocks for the whole stream and can never see
        // its idle timeout.
        jdk.sendAsync(toJdk(request), HttpResponse.BodyHandlers.ofInputStream())
                .thenAcceptAsync(response -> read(response, parser, listener), readers)
                .exceptionally(failure -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause()
                            : failure;
                    quietly(() -> listener.onError(
                            cause instanceof HttpTimeoutException ? new TimeoutException(cause) : cause));
                    return null;
                });
    }

    private static void read(
            HttpResponse<InputStream> response, ServerSentEventParser parser, ServerSentEventListener listener) {
        if (!successful(response.statusCode())) {
            StatusException error = StatusException.of(response.statusCode(), response.headers(), bodyOf(response));
            quietly(() -> listener.onError(error));
            return;
        }
        quietly(() -> listener.onOpen(SuccessfulHttpResponse.builder()
                .statusCode(response.statusCode())
                .headers(response.headers().map())
                .build()));
        DoneWatch watch = new DoneWatch(listener);
        try (InputStream body = response.body()) {
            parser.parse(body, watch);
        } catch (IOException e) {
            watch.onError(e);
        }
        watch.finish();
    }

    /**
     * Passes events through and remembers whether [DONE] came or the stream failed. A stream we cancelled (its input
     * closed under the parser) is neither an error nor a cut.
     */
    private static final class DoneWatch implements ServerSentEventListener {
        private final ServerSentEventListener target;
        private ServerSentEventParsingHandle handle;
        private boolean done;
        private boolean failed;

        DoneWatch(ServerSentEventListener target) {
            this.target = target;
        }

        @Override
        public void onEvent(ServerSentEvent event) {
            done |= "[DONE]".equals(event.data());
            target.onEvent(event);
        }

        @Override
        public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
            handle = context.parsingHandle();
            done |= "[DONE]".equals(event.data());
            target.onEvent(event, context);
        }

        @Override
        public void onError(Throwable error) {
            if (!failed && !cancelled()) {
                failed = true;
                quietly(() -> target.onError(error));
            }
        }

        void finish() {
            if (failed) {
                return;
            }
            if (done || cancelled()) {
                quietly(target::onClose);
            } else {
                quietly(() -> target.onError(new EOFException("the stream ended without data: [DONE]")));
            }
        }

        private boolean cancelled() {
            return handle != null && handle.isCancelled();
        }
    }

    private java.net.http.HttpRequest toJdk(HttpRequest request) {
        if (!request.formDataFields().isEmpty() || !request.formDataFiles().isEmpty()) {
            throw new UnsupportedOperationException("multipart requests are not used by Grokgram's provider client");
        }
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url()))
                .timeout(requestTimeout)
                .method(
                        request.method().name(),
                        request.body() == null
                                ? java.net.http.HttpRequest.BodyPublishers.noBody()
                                : java.net.http.HttpRequest.BodyPublishers.ofString(request.body()));
        request.headers().forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
        return builder.build();
    }

    private static boolean successful(int status) {
        return status >= 200 && status < 300;
    }

    private static String bodyOf(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(the error body could not be read: " + e.getMessage() + ")";
        }
    }

    /** langchain4j's listeners should not throw; if one does, the stream must still end for the caller. */
    private static void quietly(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            log.warn("A langchain4j stream listener failed; the call ends through its error path", e);
        }
    }
}

package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grokgram.web.HttpModule;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OpenAI-compatible chat provider that behaves like the real service (xAI's Chat Completions by default): {@code
 * POST /v1/chat/completions}, streamed as {@code chat.completion.chunk} events or answered as one JSON object, and
 * {@code GET /v1/models}. It checks the key, the model and the body as the real service does and answers errors in
 * OpenAI's shape with the matching status; reports usage counted with o200k_base, including cached tokens for a
 * conversation that grows by appending (see {@link PromptCache}); and records every request for tests.
 *
 * <p>Answers are a pure function of the conversation: by default a short Markdown reply that echoes the last user
 * message. Directives at the start of the last user message, one or more separated by whitespace, change that (a word
 * that is not a directive, or lacks a valid argument, ends them; the text after them is the question):
 *
 * <ul>
 *   <li>{@code #echo <text>}: answers {@code <text>}, the rest of the message verbatim;
 *   <li>{@code #markdown}: a showcase of heading, bold/italic, nested bullet list, ordered list, inline code, fenced
 *       java block, block quote, GFM table and link;
 *   <li>{@code #long N}: mixed Markdown (headings, paragraphs, lists, code blocks, tables) of about N characters, the
 *       same for the same N;
 *   <li>{@code #tokens N}: an answer of N words;
 *   <li>{@code #refuse}: a short refusal ending with {@code finish_reason: "content_filter"};
 *   <li>{@code #fail S [retry=T]}: HTTP status S (400-599) with an OpenAI error body, and {@code Retry-After: T};
 *   <li>{@code #slow-first MS}: the first content chunk only after MS milliseconds;
 *   <li>{@code #cut P}: streams P percent of the answer, then drops the connection without {@code [DONE]}.
 * </ul>
 *
 * The first answer directive wins ({@code #echo} also ends the directives). A request with {@code max_tokens} (or
 * {@code max_completion_tokens}) gets at most that many tokens and {@code finish_reason: "length"}.
 *
 * <p>Tools: when a request offers function tools, the provider calls them deterministically and answers from their
 * results ({@link ToolScript}): a link in the user's message calls {@code read_url}, "search", "what is new", "latest" or
 * "news" call {@code web_search}, "docs", "documentation", "manual" or "handbook" call {@code knowledge_search}. It
 * checks the tool-call protocol like the real service (a tool message answering no call: 400). {@code POST
 * /v1/responses} serves the Responses API, with xAI's server-side {@code web_search} over the {@link SandboxWeb} pages.
 *
 * <p>Every chat completion response carries {@code x-zero-data-retention} as configured ({@code false} by default), as
 * xAI's do. Tests script it with {@link #failNext} (one failure per call, consumed by the next chat request before any check)
 * and {@link #setPace}. It keeps the last 1000 requests.
 *
 * <p>{@link #close() Close} it before the server it is mounted on: Jetty 12 can hang in {@code stop()} when a handler
 * starts writing while the server closes its connections, and a paced answer is often about to write.
 */
public final class TestProvider implements HttpModule, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TestProvider.class);
    private static final int KEPT_REQUESTS = 1000;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
    private static final String ZERO_DATA_RETENTION_HEADER = "x-zero-data-retention";

    private final TestProviderSettings settings;
    private final PromptCache cache = new PromptCache();
    private final Queue<Failure> failures = new ConcurrentLinkedQueue<>();
    private final Deque<RecordedRequest> requests = new ArrayDeque<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong callIds = new AtomicLong();
    private final Set<Thread> answering = ConcurrentHashMap.newKeySet();
    private volatile Pace pace;
    private volatile boolean closed;

    public TestProvider(TestProviderSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.pace = settings.pace();
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/v1/chat/completions", this::chatCompletions);
        routes.post("/v1/responses", this::responses);
        routes.get("/v1/models", this::models);
    }

    /** The next chat completion request (one per call, in order) plays {@code failure} instead of its answer. */
    public void failNext(Failure failure) {
        failures.add(Objects.requireNonNull(failure, "failure"));
    }

    /** Applies to streams that start after this call. */
    public void setPace(Duration firstTokenDelay, Duration chunkDelay, int charsPerChunk) {
        pace = new Pace(firstTokenDelay, chunkDelay, charsPerChunk);
    }

    /** The requests received so far, oldest first. */
    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public void clearRequests() {
        synchronized (requests) {
            requests.clear();
        }
    }

    /**
     * Ends the answers in flight (their clients see the connection drop) and waits briefly for their handlers to
     * return; later requests get 503.
     */
    @Override
    public void close() {
        closed = true;
        answering.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        for (Thread handler : List.copyOf(answering)) {
            try {
                handler.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void chatCompletions(Context ctx) {
        answering.add(Thread.currentThread());
        try {
            answer(ctx);
        } finally {
            answering.remove(Thread.currentThread());
        }
    }

    private void responses(Context ctx) {
        byte[] raw = ctx.bodyAsBytes();
        Optional<JsonNode> body = Json.parse(raw);
        record(
                ctx,
                body,
                body.map(json -> json.path("prompt_cache_key"))
                        .filter(JsonNode::isTextual)
                        .map(JsonNode::asText),
                raw);
        ctx.header(ZERO_DATA_RETENTION_HEADER, Boolean.toString(settings.zeroDataRetention()));
        Failure scripted = failures.poll();
        try {
            if (scripted instanceof Failure.HttpError error) {
                throw OpenAiError.simulated(error);
            }
            authorize(ctx);
            ResponsesEndpoint.Request request = ResponsesEndpoint.parse(body, settings.models());
            String lastUser = request.messages().stream()
                    .filter(m -> m.role().equals("user"))
                    .reduce((a, b) -> b)
                    .map(CompletionRequest.Message::content)
                    .orElse("");
            Script script = Script.of(lastUser, 1);
            int input = PromptCache.count(PromptCache.canonical(request.messages()));
            ResponsesEndpoint.stream(
                    ctx,
                    request,
                    "resp_test_" + ids.incrementAndGet(),
                    callIds.incrementAndGet(),
                    script.answer().text(),
                    input);
        } catch (OpenAiError error) {
            error.writeTo(ctx);
        } catch (IOException e) {
            log.debug("A client went away before its response was complete: {}", e.toString());
        }
    }

    private void answer(Context ctx) {
        byte[] raw = ctx.bodyAsBytes();
        Optional<JsonNode> body = Json.parse(raw);
        Optional<String> convHeader = Optional.ofNullable(ctx.header("x-grok-conv-id"));
        record(ctx, body, CompletionRequest.conversationKey(convHeader, body.orElse(MissingNode.getInstance())), raw);
        // xAI sends it on every response, errors included
        ctx.header(ZERO_DATA_RETENTION_HEADER, Boolean.toString(settings.zeroDataRetention()));
        Failure scripted = failures.poll();
        try {
            if (closed) {
                throw OpenAiError.simulated(new Failure.HttpError(503, Optional.empty()));
            }
            switch (scripted) {
                case Failure.HttpError error -> throw OpenAiError.simulated(error);
                case Failure.Stall stall -> Thread.sleep(stall.delay());
                case Failure.Cut cut -> {}
                case null -> {}
            }
            authorize(ctx);
            CompletionRequest request = CompletionRequest.parse(body, convHeader, settings.models());
            Script script = Script.of(request.lastUserText(), request.userTurns());
            script.failure().ifPresent(failure -> {
                throw OpenAiError.simulated(failure);
            });
            CompletionWriter.Reply reply = reply(request, script, scripted);
            if (request.stream()) {
                CompletionWriter.stream(ctx, reply);
            } else {
                CompletionWriter.json(ctx, reply);
            }
        } catch (OpenAiError error) {
            error.writeTo(ctx);
        } catch (IOException e) {
            log.debug("A client went away before its answer was complete: {}", e.toString());
        } catch (InterruptedException e) {
            // close(): the client sees the stream end early, which is what a real outage looks like.
            Thread.currentThread().interrupt();
        }
    }

    private CompletionWriter.Reply reply(CompletionRequest request, Script script, Failure scripted) {
        List<ToolScript.Call> calls = ToolScript.decide(request.messages(), request.tools(), callIds.incrementAndGet());
        String text = calls.isEmpty()
                ? ToolScript.answer(request.messages()).orElse(script.answer().text())
                : "";
        String finishReason = calls.isEmpty() ? script.answer().finishReason() : "tool_calls";
        if (request.maxTokens().isPresent()) {
            String limited = PromptCache.truncate(text, request.maxTokens().getAsInt());
            finishReason = limited.equals(text) ? finishReason : "length";
            text = limited;
        }
        PromptCache.Prompt prompt = cache.account(request.model(), request.conversationKey(), request.messages());
        ObjectNode usage = CompletionWriter.usage(
                prompt.tokens(), prompt.cachedTokens(), PromptCache.count(text), settings.reasoningTokens());
        Pace current = pace;
        Pace streamPace = script.firstTokenDelay()
                .map(delay -> new Pace(delay, current.chunkDelay(), current.charsPerChunk()))
                .orElse(current);
        OptionalInt cut = scripted instanceof Failure.Cut c ? OptionalInt.of(c.percent()) : script.cutPercent();
        return new CompletionWriter.Reply(
                "chatcmpl-test-" + ids.incrementAndGet(),
                settings.clock().instant().getEpochSecond(),
                request.model(),
                text,
                finishReason,
                usage,
                request.includeUsage(),
                streamPace,
                cut,
                calls);
    }

    private void models(Context ctx) {
        record(ctx, Optional.empty(), Optional.empty(), new byte[0]);
        try {
            authorize(ctx);
        } catch (OpenAiError error) {
            error.writeTo(ctx);
            return;
        }
        ObjectNode list = Json.MAPPER.createObjectNode();
        list.put("object", "list");
        long created = settings.clock().instant().getEpochSecond();
        for (String id : settings.models()) {
            ObjectNode model = list.withArray("data").addObject();
            model.put("id", id);
            model.put("object", "model");
            model.put("created", created);
            model.put("owned_by", "grokgram-test");
        }
        ctx.status(200).contentType("application/json").result(list.toString());
    }

    private void authorize(Context ctx) {
        if (settings.apiKey().isEmpty()) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw OpenAiError.missingKey();
        }
        byte[] expected = ("Bearer " + settings.apiKey().get()).getBytes(StandardCharsets.UTF_8);
        // Constant time, as a key check should be, even in a sandbox.
        if (!MessageDigest.isEqual(expected, header.strip().getBytes(StandardCharsets.UTF_8))) {
            throw OpenAiError.wrongKey();
        }
    }

    private void record(Context ctx, Optional<JsonNode> body, Optional<String> conversationKey, byte[] raw) {
        Map<String, List<String>> headers = new TreeMap<>();
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.equals("authorization") && !lower.equals("proxy-authorization")) {
                headers.put(lower, List.copyOf(Collections.list(ctx.req().getHeaders(name))));
            }
        }
        Optional<String> model =
                body.map(json -> json.path("model")).filter(JsonNode::isTextual).map(JsonNode::asText);
        RecordedRequest request = new RecordedRequest(
                settings.clock().instant(),
                ctx.req().getMethod(),
                ctx.path(),
                model,
                body.orElse(MissingNode.getInstance()),
                conversationKey,
                ctx.header("Authorization") != null,
                headers,
                new String(raw, StandardCharsets.UTF_8));
        synchronized (requests) {
            requests.addLast(request);
            if (requests.size() > KEPT_REQUESTS) {
                requests.removeFirst();
            }
        }
    }
}

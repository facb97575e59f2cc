package io.grokgram.assistant;

import io.grokgram.llm.Completion;
import io.grokgram.llm.FinishReason;
import io.grokgram.llm.ServerSearch;
import io.grokgram.llm.StreamObserver;
import io.grokgram.llm.ToolCall;
import io.grokgram.llm.ToolSpec;
import io.grokgram.llm.Usage;
import io.grokgram.privacy.GateRequest;
import io.grokgram.privacy.GatedMessage;
import io.grokgram.privacy.ProviderGate;
import io.grokgram.tools.Knowledge;
import io.grokgram.tools.PageText;
import io.grokgram.tools.SearchHit;
import io.grokgram.tools.ToolException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tool loop of one turn: the model may ask for tool calls, the gateway runs them and hands the results back through
 * the gate, and the model answers — at most {@link ToolBox#rounds()} rounds that may call tools, at most the plan's
 * tool calls, within {@link ToolBox#turnTime()}; once a limit is reached the model is asked once more without tools,
 * so it must answer with what it has. A tool that fails or times out returns a result that says so, which the model
 * turns into an answer that says what could not be found: a turn never waits on a stuck tool.
 *
 * <p>What leaves through a tool (a search query, a link) is cleared and audited by the gate first. Sources are numbered
 * across the turn, so [n] in the answer means the same source whichever tool found it.
 */
final class ToolLoop {
    private static final Logger log = LoggerFactory.getLogger(ToolLoop.class);
    private static final int SEARCH_RESULTS = 5;
    private static final int DOCUMENT_RESULTS = 3;

    private final ProviderGate gate;
    private final ToolBox tools;
    private final Texts texts;

    ToolLoop(ProviderGate gate, ToolBox tools, Texts texts) {
        this.gate = Objects.requireNonNull(gate, "gate");
        this.tools = Objects.requireNonNull(tools, "tools");
        this.texts = Objects.requireNonNull(texts, "texts");
    }

    /** A source the answer may cite as [number]. */
    record Source(int number, String title, Optional<String> url) {}

    /**
     * @param completion the last round's answer, with the usage of every round
     * @param sources every source a tool or the provider's own search brought in
     * @param calls tool calls run (provider-side searches included)
     * @param feesNanoUsd the per-call fees of those calls
     * @param toolTime the time spent running tools (not the provider's)
     */
    record Outcome(Completion completion, List<Source> sources, int calls, long feesNanoUsd, Duration toolTime) {}

    /**
     * Runs the turn. {@code text} gets each round's streamed text (reset to empty when a new round starts); {@code
     * activity} the line to show while a tool runs.
     */
    Outcome run(
            GateRequest first, Set<String> enabled, int maxCalls, Consumer<String> text, Consumer<String> activity) {
        List<ToolSpec> specs = tools.specs(enabled);
        boolean providerSearch = tools.providerSearch(enabled);
        List<GatedMessage> messages = new ArrayList<>(first.messages());
        List<Source> sources = new ArrayList<>();
        long deadline = System.nanoTime() + tools.turnTime().toNanos();
        Usage usage = Usage.NONE;
        int calls = 0;
        long fees = 0;
        long toolNanos = 0;
        for (int round = 0; ; round++) {
            boolean mayCall = (!specs.isEmpty() || providerSearch)
                    && round < tools.rounds()
                    && calls < maxCalls
                    && System.nanoTime() < deadline;
            GateRequest request = new GateRequest(
                    first.subject(),
                    first.purpose(),
                    first.model(),
                    messages,
                    first.conversationId(),
                    first.maxOutputTokens(),
                    mayCall ? specs : List.of(),
                    mayCall && providerSearch);
            StringBuilder written = new StringBuilder();
            StreamObserver observer = delta -> {
                written.append(delta);
                text.accept(written.toString());
            };
            Completion completion = gate.ask(request, observer);
            usage = usage.plus(completion.usage());
            for (ServerSearch search : completion.searches()) {
                if (search.tool().equals(ToolBox.WEB_SEARCH)) {
                    calls++;
                    fees += tools.fee(ToolBox.WEB_SEARCH);
                }
                search.sources().forEach(url -> addSource(sources, url, Optional.of(url)));
            }
            if (completion.toolCalls().isEmpty() || !mayCall || completion.finishReason() == FinishReason.CANCELLED) {
                return new Outcome(withUsage(completion, usage), sources, calls, fees, Duration.ofNanos(toolNanos));
            }
            messages.add(GatedMessage.toolCalls(
                    first.conversationId() + ":round:" + round, completion.text(), completion.toolCalls()));
            for (ToolCall call : completion.toolCalls()) {
                long started = System.nanoTime();
                String result;
                if (calls >= maxCalls) {
                    result = "Tool failed: this turn may make at most " + maxCalls + " tool calls.";
                } else {
                    calls++;
                    fees += tools.fee(call.name());
                    result = timed(call, first, sources, activity, deadline);
                }
                toolNanos += System.nanoTime() - started;
                messages.add(GatedMessage.toolResult("tool:" + call.id(), call.id(), result));
            }
        }
    }

    /** Runs one call on a virtual thread, abandoning it at its time limit (or the turn's, whichever comes first). */
    private String timed(
            ToolCall call, GateRequest turn, List<Source> sources, Consumer<String> activity, long deadline) {
        long limit = Math.min(tools.callTimeout().toNanos(), Math.max(1, deadline - System.nanoTime()));
        try (ExecutorService runner = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("grokgram-tool-" + call.name()).factory())) {
            Future<String> running = runner.submit(() -> execute(call, turn, sources, activity));
            try {
                return running.get(limit, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                running.cancel(true);
                log.warn("tool {} did not finish within {} ms", call.name(), limit / 1_000_000);
                return "Tool failed: " + call.name() + " did not finish within " + (limit / 1_000_000) + " ms.";
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof ToolException tool) {
                    log.info("tool {} failed: {}", call.name(), tool.getMessage());
                    return "Tool failed: " + tool.getMessage() + ".";
                }
                if (cause instanceof IllegalArgumentException bad) {
                    return "Tool failed: " + bad.getMessage() + ".";
                }
                if (cause instanceof RuntimeException runtime) {
                    throw runtime; // the gate refused (consent withdrawn) or a bug: not a tool's failure
                }
                throw new IllegalStateException(cause);
            } catch (InterruptedException e) {
                running.cancel(true);
                Thread.currentThread().interrupt();
                return "Tool failed: the turn was stopped.";
            }
        }
    }

    private String execute(ToolCall call, GateRequest turn, List<Source> sources, Consumer<String> activity) {
        return switch (call.name()) {
            case ToolBox.WEB_SEARCH -> {
                String query = required(call, "query");
                var search = tools.search().orElseThrow(() -> new ToolException("web search is not available"));
                activity.accept(texts.text("tool.searching", query));
                String cleared = gate.clearQuery(
                        turn.subject(), turn.conversationId(), turn.purpose(), call.name(), search.name(), query);
                List<SearchHit> hits = search.search(cleared, SEARCH_RESULTS);
                if (hits.isEmpty()) {
                    yield "No results for \"" + cleared + "\".";
                }
                StringBuilder result = new StringBuilder("Results for \"" + cleared + "\":\n");
                for (SearchHit hit : hits) {
                    int number = addSource(sources, hit.title(), Optional.of(hit.url()));
                    result.append("\n[").append(number).append("] ").append(hit.title());
                    result.append("\nURL: ").append(hit.url());
                    result.append('\n').append(hit.snippet()).append('\n');
                }
                yield result.toString();
            }
            case ToolBox.READ_URL -> {
                String url = required(call, "url");
                var reader = tools.reader().orElseThrow(() -> new ToolException("reading pages is not available"));
                activity.accept(texts.text("tool.reading", url));
                gate.clearQuery(turn.subject(), turn.conversationId(), turn.purpose(), call.name(), "web", url);
                PageText page = reader.read(url);
                String title = page.title().isBlank() ? page.url() : page.title();
                int number = addSource(sources, title, Optional.of(page.url()));
                yield "[" + number + "] " + title + "\nURL: " + page.url() + "\n" + page.text()
                        + (page.truncated() ? "\n(The page is longer; this is its beginning.)" : "");
            }
            case ToolBox.KNOWLEDGE_SEARCH -> {
                String query = required(call, "query");
                Knowledge knowledge =
                        tools.knowledge().orElseThrow(() -> new ToolException("the documents are not available"));
                activity.accept(texts.text("tool.knowledge", query));
                List<Knowledge.Hit> hits = knowledge.search(query, DOCUMENT_RESULTS);
                if (hits.isEmpty()) {
                    yield "No document matches \"" + query + "\".";
                }
                StringBuilder result = new StringBuilder("Documents for \"" + query + "\":\n");
                for (Knowledge.Hit hit : hits) {
                    int number = addSource(sources, hit.title() + " (" + hit.path() + ")", Optional.empty());
                    result.append("\n[").append(number).append("] ").append(hit.title());
                    result.append("\nDocument: ").append(hit.path());
                    result.append('\n').append(hit.excerpt()).append('\n');
                }
                yield result.toString();
            }
            default -> throw new ToolException("there is no tool called " + call.name());
        };
    }

    private static String required(ToolCall call, String argument) {
        return call.argument(argument)
                .orElseThrow(() -> new ToolException(call.name() + " needs the argument '" + argument + "'"));
    }

    /** The source's number: a source already listed (same link or title) keeps its number. */
    private static synchronized int addSource(List<Source> sources, String title, Optional<String> url) {
        for (Source source : sources) {
            if (url.isPresent() ? source.url().equals(url) : source.title().equals(title)) {
                return source.number();
            }
        }
        Source added = new Source(sources.size() + 1, title, url);
        sources.add(added);
        return added.number();
    }

    private static Completion withUsage(Completion last, Usage all) {
        return new Completion(
                last.model(),
                last.text(),
                last.finishReason(),
                all,
                last.firstTokenAfter(),
                last.took(),
                last.zeroDataRetention(),
                last.toolCalls(),
                last.searches());
    }

    /**
     * The numbered sources under an answer, as Markdown that the Telegram renderer turns into text links: only the
     * sources the answer cites as [n], or all of them when it cites none.
     */
    static String footer(String answer, List<Source> sources, String heading) {
        if (sources.isEmpty()) {
            return "";
        }
        List<Source> cited = sources.stream()
                .filter(source -> answer.contains("[" + source.number() + "]"))
                .toList();
        StringBuilder footer = new StringBuilder("\n\n**").append(heading).append("**\n");
        for (Source source : cited.isEmpty() ? sources : cited) {
            footer.append(source.number()).append(". ");
            String title = source.title().replace("[", "(").replace("]", ")");
            if (source.url().isPresent()) {
                footer.append('[')
                        .append(title)
                        .append("](")
                        .append(source.url().get().replace(")", "%29"))
                        .append(')');
            } else {
                footer.append(title);
            }
            footer.append('\n');
        }
        return footer.toString().stripTrailing();
    }
}

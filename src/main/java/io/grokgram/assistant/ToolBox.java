package io.grokgram.assistant;

import io.grokgram.llm.ToolSpec;
import io.grokgram.tools.Knowledge;
import io.grokgram.tools.PageReader;
import io.grokgram.tools.WebSearch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The tools this installation has, and the limits of the tool loop. {@code web_search} runs on the HTTP search backend
 * when one is configured, else on the provider's own server-side search when the provider speaks the Responses API,
 * else it is not offered; {@code knowledge_search} only with a document index. A plan enables a subset.
 *
 * @param rounds the most provider calls that may ask for tools in one turn; the round after them must answer
 * @param callTimeout the longest one tool call may take
 * @param turnTime the longest the tool loop may run before the model is asked to answer with what it has
 * @param inlineTime the longest the tool loop of an inline or guest answer may run (see {@link #inline()})
 * @param fees per-call fees in nano-USD by tool name, metered with the turn
 */
public record ToolBox(
        Optional<WebSearch> search,
        boolean providerSearch,
        Optional<PageReader> reader,
        Optional<Knowledge> knowledge,
        int rounds,
        Duration callTimeout,
        Duration turnTime,
        Duration inlineTime,
        Map<String, Long> fees) {

    public static final String WEB_SEARCH = "web_search";
    public static final String READ_URL = "read_url";
    public static final String KNOWLEDGE_SEARCH = "knowledge_search";
    public static final Set<String> NAMES = Set.of(WEB_SEARCH, READ_URL, KNOWLEDGE_SEARCH);

    public ToolBox {
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(knowledge, "knowledge");
        if (rounds < 0 || !callTimeout.isPositive() || !turnTime.isPositive() || !inlineTime.isPositive()) {
            throw new IllegalArgumentException("tool rounds must not be negative and the time limits positive");
        }
        fees = Map.copyOf(fees);
    }

    /** No tools at all: every turn is one provider call, as before tools existed. */
    public static ToolBox none() {
        return new ToolBox(
                Optional.empty(),
                false,
                Optional.empty(),
                Optional.empty(),
                0,
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                Map.of());
    }

    /**
     * The smaller budget of an inline or guest answer: at most one round that may call tools, and every call and the
     * whole loop within {@link #inlineTime}. The user watches "Writing…" in a chat shared with others, often right after
     * picking the result, so a quick answer from fewer sources beats a thorough slow one; the plan's tools and call
     * limit still apply.
     */
    ToolBox inline() {
        Duration limit = turnTime.compareTo(inlineTime) < 0 ? turnTime : inlineTime;
        return new ToolBox(
                search,
                providerSearch,
                reader,
                knowledge,
                Math.min(rounds, 1),
                callTimeout.compareTo(limit) < 0 ? callTimeout : limit,
                limit,
                inlineTime,
                fees);
    }

    /** The function tools to offer for a plan that enables {@code enabled}. */
    List<ToolSpec> specs(Set<String> enabled) {
        List<ToolSpec> specs = new ArrayList<>();
        if (enabled.contains(WEB_SEARCH) && search.isPresent()) {
            specs.add(new ToolSpec(
                    WEB_SEARCH,
                    "Searches the web for current information. Use it for news, recent events and anything that may"
                            + " have changed; cite the numbered results you use as [n].",
                    params("query", "what to search for, in a few words")));
        }
        if (enabled.contains(READ_URL) && reader.isPresent()) {
            specs.add(new ToolSpec(
                    READ_URL,
                    "Reads the text of one web page (http or https). Use it for a link the user sent or a search"
                            + " result worth reading in full.",
                    params("url", "the page's full URL")));
        }
        if (enabled.contains(KNOWLEDGE_SEARCH) && knowledge.isPresent()) {
            specs.add(new ToolSpec(
                    KNOWLEDGE_SEARCH,
                    "Searches this service's own documentation (the operator's documents). Use it for questions about"
                            + " the service, its plans, rules and how-tos; cite the numbered documents you use as [n].",
                    params("query", "the question or its key words")));
        }
        return specs;
    }

    /** Whether the provider may search itself: {@code web_search} enabled, no HTTP backend, a provider that can. */
    boolean providerSearch(Set<String> enabled) {
        return enabled.contains(WEB_SEARCH) && search.isEmpty() && providerSearch;
    }

    long fee(String tool) {
        return fees.getOrDefault(tool, 0L);
    }

    private static Map<String, String> params(String name, String description) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put(name, description);
        return params;
    }
}

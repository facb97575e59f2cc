package io.grokgram.llm;

import java.util.List;
import java.util.Objects;

/**
 * A search the provider ran itself (xAI's server-side {@code web_search} on the Responses API), as far as the provider
 * reported it: the queries it sent and the sources it used. Grokgram never sees the request the provider made, so this
 * is all the audit can record.
 */
public record ServerSearch(String tool, List<String> queries, List<String> sources) {
    public ServerSearch {
        Objects.requireNonNull(tool, "tool");
        queries = List.copyOf(queries);
        sources = List.copyOf(sources);
    }
}

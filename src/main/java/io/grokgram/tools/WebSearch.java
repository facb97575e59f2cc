package io.grokgram.tools;

import java.util.List;

/**
 * A web search backend. The provider's own server-side search is the other kind of backend; it never runs here, since
 * the provider runs it inside its own answer.
 */
public interface WebSearch {
    /**
     * The best results for {@code query}, at most {@code limit}.
     *
     * @throws ToolException when the backend fails, times out or answers something unreadable
     */
    List<SearchHit> search(String query, int limit);

    /** A short name for the audit and logs, e.g. {@code searxng}. */
    String name();
}

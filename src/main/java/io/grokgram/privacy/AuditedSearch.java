package io.grokgram.privacy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A search that left Grokgram for a tool, or that the provider ran itself and reported: who it was for (by pseudonym),
 * which tool and backend, the queries as sent (after redaction) and the sources reported.
 *
 * @param backend the search service's name ({@code http-search:host}) or, for a provider-side search, the provider's
 */
public record AuditedSearch(
        String id,
        Instant sentAt,
        String pseudonym,
        String conversationId,
        Purpose purpose,
        String tool,
        String backend,
        List<String> queries,
        List<String> sources) {
    public AuditedSearch {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(pseudonym, "pseudonym");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(backend, "backend");
        queries = List.copyOf(queries);
        sources = List.copyOf(sources);
    }
}

-- privacy: every search that left for a tool, as the gate cleared it (the query after redaction) or as the provider
-- reported its own server-side search. tool is web_search or read_url; backend the search service's name or the
-- provider's; queries and sources are JSON arrays of strings. Pseudonymous like audit_requests.
CREATE TABLE audit_searches (
    id              TEXT   NOT NULL PRIMARY KEY,
    sent_at         BIGINT NOT NULL,
    pseudonym       TEXT   NOT NULL,
    conversation_id TEXT   NOT NULL,
    purpose         TEXT   NOT NULL,
    tool            TEXT   NOT NULL,
    backend         TEXT   NOT NULL,
    queries         TEXT   NOT NULL,
    sources         TEXT   NOT NULL
);
CREATE INDEX audit_searches_by_pseudonym ON audit_searches (pseudonym, sent_at);

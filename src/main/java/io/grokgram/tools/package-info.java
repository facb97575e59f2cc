/**
 * The assistant's tools: web search behind one interface with pluggable backends (an HTTP search API such as SearXNG's
 * JSON API; the provider's own server-side search is not run here but requested through the gate), reading a web page
 * as text with size, time and address limits (over OkHttp, connecting only to the addresses the policy checked), and
 * search over the operator's own documents: a Lucene index on disk, or rows in PostgreSQL with pgvector behind
 * {@link io.grokgram.tools.DocumentVectors}; ranked by meaning when the optional embedding model
 * ({@code tools.semantic}) is on the class path, else by words.
 *
 * <p>Tools fetch and rank; they never call a provider, Telegram, the store or the privacy gate. Whatever leaves through a
 * tool (a query, a URL) is cleared and audited by the caller before the tool runs, and what a tool returns is data that
 * the gate admits only as a tool result of the turn that asked for it.
 */
package io.grokgram.tools;

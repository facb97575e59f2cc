/**
 * The optional local embedding model for {@code knowledge_search}'s semantic ranking. The only place outside {@code llm}
 * that sees langchain4j, and only its in-process embedding model: nothing here reaches a provider. Its jars are not in
 * the default build's jar; {@link io.grokgram.tools.Embedder#local()} loads this package by name when they are present.
 */
package io.grokgram.tools.semantic;

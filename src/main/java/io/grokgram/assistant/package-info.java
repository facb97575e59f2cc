/**
 * A conversation turn: trigger rules, the durable inbox and per-chat ordering, commands, context assembly within a token
 * budget, and the reply stream.
 *
 * <p>Calls {@code telegram} to send, {@code privacy} to reach a model and {@code store} for its own tables. Never calls
 * an {@code llm} client: every request to a provider is handed to the privacy gate.
 */
package io.grokgram.assistant;

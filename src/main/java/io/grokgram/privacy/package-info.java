/**
 * The data boundary: the single gate between Grokgram and any model provider. It admits a message only by its origin
 * (addressed to the assistant, the assistant's own answer), and refuses everything else by type, with a log line and a
 * counter.
 *
 * <p>Calls {@code llm}. Never calls {@code telegram}; never sees Telegram ids beyond what it must strip.
 */
package io.grokgram.privacy;

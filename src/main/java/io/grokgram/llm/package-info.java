/**
 * Provider clients (OpenAI-compatible: xAI, OpenAI, Ollama, vLLM, llama.cpp server), streaming, provider errors split by
 * retriability, retries and fallbacks over a chain of routes, token usage and its cost at configured prices.
 *
 * <p>Knows nothing of Telegram, users or chats: it receives a provider-neutral request that the privacy gate has already
 * cleared. Only {@code privacy} builds or calls a client; everyone else passes settings ({@link
 * io.grokgram.llm.ChainSettings}) and plain values.
 */
package io.grokgram.llm;

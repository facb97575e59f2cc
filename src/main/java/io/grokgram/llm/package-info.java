/**
 * Provider clients (OpenAI-compatible: xAI, OpenAI, Ollama, vLLM, llama.cpp server), streaming, provider errors split by
 * retriability, retries and fallbacks over a chain of routes, token usage and its cost at configured prices.
 *
 * <p>Knows nothing of Telegram, users or chats: it receives a provider-neutral request that the privacy gate has already
 * cleared. Only {@code privacy} (and the composition root) may call a client.
 */
package io.grokgram.llm;

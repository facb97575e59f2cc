/**
 * Faithful local stand-ins for the services Grokgram talks to: a Telegram Bot API emulator (with Telegram's validation,
 * long polling, drafts and a user-side API to act as people), an OpenAI-compatible test provider, and the web chat page
 * where a person talks to the assistant through the emulator.
 *
 * <p>Talks to the bot only over HTTP, like the real services; it never calls the bot's rooms directly. May use {@code
 * web} to be mounted on the HTTP server.
 */
package io.grokgram.sandbox;

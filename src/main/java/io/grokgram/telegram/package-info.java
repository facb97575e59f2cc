/**
 * The Telegram edge: Bot API calls and types (through the telegrambots client), update intake by long polling or
 * webhook, the outbound scheduler every call to Telegram goes through, Markdown to message entities, message splitting
 * and streamed drafts.
 *
 * <p>May call {@code store} for the intake offset, and {@code shared} for the limits and 429 pauses that scale-out
 * workers share. Never calls a provider, never decides what a turn means: it hands parsed {@link
 * io.grokgram.telegram.InboundUpdate}s to a sink and sends what it is told to send. Telegram library types never leave
 * this package.
 */
package io.grokgram.telegram;

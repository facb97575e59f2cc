/**
 * The assistant as users meet it: trigger rules (private chats; in groups only what addresses the assistant), the
 * durable inbox and per-chat ordering, commands, the consent dialog and the privacy commands ({@code /privacy},
 * {@code /mydata}, {@code /forget}), group settings and supergroup migration, inline and guest answers, context
 * assembly within a token budget, the reply stream, and the feedback buttons under answers (thumbs, regenerate, keep
 * this one), whose verdicts it keeps per turn and hands, with the turns, to the {@code dataset} room through its
 * {@code TurnSource}. Also every text the bot shows, in every language: the message
 * bundles ({@code i18n/messages_<tag>.properties}, ICU MessageFormat), the language each update is answered in, {@code
 * /language} and {@code grokgram i18n check}'s checks.
 *
 * <p>Calls {@code telegram} to send, {@code privacy} to reach a model and for consents and personal data, {@code
 * store} for its own tables, {@code dataset} only to implement its turn source, and {@code shared} for the inline-answer cache scale-out workers share. Never calls an {@code llm} client: every request to a provider is handed to the privacy
 * gate. Stores nothing of a group message that does not address the assistant.
 */
package io.grokgram.assistant;

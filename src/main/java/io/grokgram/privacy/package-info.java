/**
 * The data boundary: the single gate between Grokgram and any model provider, and the user's rights over their data.
 * The gate requires service consent, admits a message only by its origin, redacts what the operator chose, sends a
 * pseudonym instead of any Telegram id, and audits every request before it leaves. Consents, pseudonyms, per-user
 * content encryption, export, erasure and retention live here too.
 *
 * <p>The only room that builds or calls {@code llm} clients (from settings). Never calls {@code telegram}: a user is a
 * {@link io.grokgram.privacy.DataSubject}.
 */
package io.grokgram.privacy;

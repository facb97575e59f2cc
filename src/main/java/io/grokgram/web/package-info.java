/**
 * The HTTP server every mode runs: health, Prometheus metrics, the webhook endpoint Telegram delivers updates to, and
 * the modules other rooms mount on it (the sandbox's emulator, test provider and web chat; later the admin console and
 * Mini App).
 *
 * <p>Depends on no room but its own: the webhook hands bodies to its own {@link io.grokgram.web.WebhookHandler}, which
 * {@code app} wires to intake. HTTP server types stay here and in {@code sandbox}, which serves HTTP too.
 */
package io.grokgram.web;

/**
 * The HTTP server every mode runs: health, Prometheus metrics, and the modules other rooms mount on it (the sandbox's
 * emulator, test provider and web chat; later the webhook endpoint, admin console and Mini App).
 *
 * <p>Depends on no room but its own; HTTP server types stay here and in {@code sandbox}, which serves HTTP too.
 */
package io.grokgram.web;

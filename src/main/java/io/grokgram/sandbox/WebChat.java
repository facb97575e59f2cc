package io.grokgram.sandbox;

import io.grokgram.web.HttpModule;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The sandbox's web chat at {@code /} and {@code /chat}: one self-contained page (inline CSS and JavaScript, nothing
 * fetched from elsewhere, enforced by its Content-Security-Policy) where a person picks a name and talks to the
 * assistant through the emulator's user-side API ({@code /sandbox/api/…}, mounted by {@link BotApiEmulator}). It
 * shows drafts as they stream, renders entities, applies edits in place.
 */
public final class WebChat implements HttpModule {
    private static final String RESOURCE = "webchat.html";
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'unsafe-inline';"
            + " style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none';"
            + " form-action 'self'; frame-src 'self' http://127.0.0.1:* http://localhost:* https:";

    private final String page;

    public WebChat() {
        try (InputStream in = WebChat.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("web chat page " + RESOURCE + " is missing from the classpath");
            }
            this.page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the web chat page " + RESOURCE, e);
        }
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/", this::serve);
        routes.get("/chat", this::serve);
    }

    private void serve(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/html; charset=utf-8").result(page);
    }
}

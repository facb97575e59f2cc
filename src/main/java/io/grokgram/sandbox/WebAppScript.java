package io.grokgram.sandbox;

import io.grokgram.web.HttpModule;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /js/telegram-web-app.js}: a stand-in for Telegram's web-app script at the path Telegram serves it, so a
 * Mini App runs offline. It exposes {@code window.Telegram.WebApp} from the URL fragment as the real one does.
 */
public final class WebAppScript implements HttpModule {
    public static final String PATH = "/js/telegram-web-app.js";

    private final byte[] script;

    public WebAppScript() {
        try (InputStream in = WebAppScript.class.getResourceAsStream("telegram-web-app.js")) {
            if (in == null) {
                throw new IllegalStateException("telegram-web-app.js is missing from the classpath");
            }
            this.script = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the web-app script stand-in", e);
        }
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(
                PATH, ctx -> ctx.contentType("text/javascript; charset=utf-8").result(script));
    }
}

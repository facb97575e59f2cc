package io.grokgram.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST <path>}: the endpoint Telegram delivers updates to in webhook mode. Telegram treats any answer but 2xx as
 * a failed delivery and tries again later, so the status is the whole contract:
 *
 * <ul>
 *   <li>401 when {@code X-Telegram-Bot-Api-Secret-Token} is missing or wrong: whoever sent it is not Telegram, and
 *       the body is not even read;
 *   <li>200 once the handler returned, i.e. the update is stored (or deliberately dropped: a malformed body is the
 *       handler's to drop, since sending it again would not mend it);
 *   <li>500 when the handler threw: nothing was kept, and Telegram's retry is exactly what is wanted.
 * </ul>
 *
 * <p>The secret is compared in constant time and never logged; neither are bodies, which hold people's messages.
 */
public final class WebhookModule implements HttpModule {
    /** The header Telegram sends the webhook's {@code secret_token} in. */
    public static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

    private static final Logger log = LoggerFactory.getLogger(WebhookModule.class);

    private final String path;
    private final byte[] secret;
    private final WebhookHandler handler;

    public WebhookModule(String path, String secretToken, WebhookHandler handler) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(secretToken, "secretToken");
        // Javalin reads {…}, <…> and * in a path as parameters and wildcards; a webhook path is always literal
        if (!path.startsWith("/") || path.chars().anyMatch(c -> "{}<>*".indexOf(c) >= 0)) {
            throw new IllegalArgumentException("a webhook path starts with / and is literal, got '" + path + "'");
        }
        if (secretToken.isEmpty()) {
            throw new IllegalArgumentException("a webhook needs a secret token");
        }
        this.path = path;
        this.secret = secretToken.getBytes(StandardCharsets.UTF_8);
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post(path, this::receive);
    }

    private void receive(Context ctx) {
        if (!fromTelegram(ctx.header(SECRET_HEADER))) {
            log.warn("refused a webhook call from {} without the right secret token", ctx.ip());
            ctx.status(401);
            return;
        }
        try {
            handler.accept(ctx.body());
        } catch (RuntimeException e) {
            log.warn("webhook update not kept, answering 500 so Telegram delivers it again: {}", e.toString());
            ctx.status(500);
            return;
        }
        ctx.status(200);
    }

    /** {@link MessageDigest#isEqual} takes time that depends on the expected length only, not on where bytes differ. */
    private boolean fromTelegram(String given) {
        return given != null && MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8));
    }
}

package io.grokgram.console;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The console's and the Mini App's settings.
 *
 * @param publicUrl the HTTPS address registered with BotFather; the Login Widget and the Mini App need it
 * @param operators Telegram user ids allowed to sign in with the Login Widget, with their roles
 * @param sessionLength how long a console session lasts
 * @param loginMaxAge the oldest Login Widget {@code auth_date} accepted
 * @param initDataMaxAge the oldest Mini App {@code initData} accepted
 * @param webAppScript where the Mini App loads Telegram's web-app script from (Telegram's own address; the sandbox
 *     serves a stand-in on its own origin)
 */
public record ConsoleSettings(
        Optional<String> publicUrl,
        Map<Long, OperatorRole> operators,
        Duration sessionLength,
        Duration loginMaxAge,
        Duration initDataMaxAge,
        String webAppScript) {
    public static final String TELEGRAM_WEB_APP_SCRIPT = "https://telegram.org/js/telegram-web-app.js";

    public ConsoleSettings {
        Objects.requireNonNull(publicUrl, "publicUrl");
        operators = Map.copyOf(operators);
        Objects.requireNonNull(sessionLength, "sessionLength");
        Objects.requireNonNull(loginMaxAge, "loginMaxAge");
        Objects.requireNonNull(initDataMaxAge, "initDataMaxAge");
        Objects.requireNonNull(webAppScript, "webAppScript");
    }
}

package io.grokgram.app;

import io.grokgram.console.ConsoleSettings;
import io.grokgram.console.OperatorRole;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the console's and the Mini App's settings: the public https address (Login Widget and Mini App), the operators
 * who may sign in with Telegram and their roles, and how old a session or a signed sign-in may get. Every problem goes
 * to the loader's list.
 */
final class ConsoleConfig {
    private ConsoleConfig() {}

    static ConsoleSettings parse(Function<Setting, String> raw, ConfigProblems problems) {
        return new ConsoleSettings(
                publicUrl(raw.apply(Setting.PUBLIC_URL), problems),
                operators(raw.apply(Setting.CONSOLE_OPERATORS), problems),
                duration(Setting.CONSOLE_SESSION, raw, Duration.ofMinutes(5), Duration.ofDays(7), problems),
                duration(Setting.CONSOLE_LOGIN_MAX_AGE, raw, Duration.ofMinutes(1), Duration.ofDays(1), problems),
                duration(Setting.WEBAPP_INIT_DATA_MAX_AGE, raw, Duration.ofMinutes(1), Duration.ofDays(7), problems),
                raw.apply(Setting.WEBAPP_SCRIPT));
    }

    private static Optional<String> publicUrl(String value, ConfigProblems problems) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value);
            // http only on this machine: the sandbox, like Telegram's test environment, opens Mini Apps over http
            boolean loopback = "127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost());
            if (uri.getHost() != null
                    && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()) && loopback)) {
                return Optional.of(value.replaceAll("/+$", ""));
            }
        } catch (URISyntaxException e) {
            // reported below with the accepted form
        }
        problems.add(
                Setting.PUBLIC_URL.key(),
                Setting.PUBLIC_URL.shown(value),
                "an https address such as https://bot.example.com (Telegram opens Mini Apps over https only; http"
                        + " only for 127.0.0.1 or localhost)");
        return Optional.empty();
    }

    private static Map<Long, OperatorRole> operators(String value, ConfigProblems problems) {
        Map<Long, OperatorRole> operators = new HashMap<>();
        if (value.isEmpty()) {
            return operators;
        }
        for (String entry : value.split(",")) {
            String[] parts = entry.strip().split("=", 2);
            Optional<OperatorRole> role = parts.length == 2 ? OperatorRole.parse(parts[1]) : Optional.empty();
            try {
                long id = Long.parseLong(parts[0].strip());
                if (id > 0 && role.isPresent()) {
                    operators.put(id, role.get());
                    continue;
                }
            } catch (NumberFormatException e) {
                // reported below with the accepted form
            }
            problems.add(
                    Setting.CONSOLE_OPERATORS.key(),
                    Setting.CONSOLE_OPERATORS.shown(value),
                    "Telegram user ids with roles, such as 12345=owner,67890=support (roles: owner, finance, privacy,"
                            + " support)");
            return Map.of();
        }
        return operators;
    }

    private static Duration duration(
            Setting setting, Function<Setting, String> raw, Duration min, Duration max, ConfigProblems problems) {
        Optional<Duration> parsed = ConfigLoader.parseDuration(raw.apply(setting));
        if (parsed.isPresent()
                && parsed.get().compareTo(min) >= 0
                && parsed.get().compareTo(max) <= 0) {
            return parsed.get();
        }
        problems.add(
                setting.key(),
                setting.shown(raw.apply(setting)),
                "a duration from " + min.toString().substring(2).toLowerCase(java.util.Locale.ROOT) + " to "
                        + max.toString().substring(2).toLowerCase(java.util.Locale.ROOT) + ", such as "
                        + setting.defaultValue());
        return min;
    }
}

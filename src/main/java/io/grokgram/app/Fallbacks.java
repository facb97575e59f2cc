package io.grokgram.app;

import io.grokgram.llm.ModelId;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads {@code GROKGRAM_LLM_FALLBACKS}: routes separated by {@code ;}, tried in order, each one of
 *
 * <ul>
 *   <li>{@code MODEL}: another model on the primary provider, e.g. {@code grok-4.20-non-reasoning};
 *   <li>{@code MODEL@BASE_URL}: a model on another OpenAI-compatible provider that needs no key, e.g. {@code
 *       llama3.2@http://127.0.0.1:11434/v1};
 *   <li>{@code MODEL@BASE_URL key=VARIABLE}: the same with the key held in {@code VARIABLE}, which is {@code
 *       GROKGRAM_LLM_API_KEY} (the primary key) or {@code GROKGRAM_LLM_FALLBACK_<NAME>_API_KEY}.
 * </ul>
 *
 * The entry names the variable rather than holding the key, so the list itself is no secret and can be shown in
 * problems and logs; the key is read like any other secret and never shown.
 */
final class Fallbacks {
    /** The variables a fallback may take its key from; the loader accepts them beside the fixed settings. */
    static final Pattern KEY_VARIABLE = Pattern.compile("GROKGRAM_LLM_(FALLBACK_[A-Z0-9_]+_)?API_KEY");

    private static final String KEY_PREFIX = "key=";
    private static final String FORM =
            "model, model@base-url or model@base-url key=VARIABLE, e.g. llama3.2@http://127.0.0.1:11434/v1";

    private Fallbacks() {}

    /**
     * The routes in {@code value}, in order; every malformed entry, unset key variable or unusable key goes to {@code
     * problems}.
     *
     * @param variables the value of a setting by name, as the loader read it
     */
    static List<Config.Fallback> parse(
            String value, Function<String, Optional<String>> variables, ConfigProblems problems) {
        List<Config.Fallback> fallbacks = new ArrayList<>();
        for (String raw : value.split(";")) {
            String entry = raw.strip();
            if (!entry.isEmpty()) {
                parseEntry(entry, variables, problems).ifPresent(fallbacks::add);
            }
        }
        return fallbacks;
    }

    private static Optional<Config.Fallback> parseEntry(
            String entry, Function<String, Optional<String>> variables, ConfigProblems problems) {
        String[] modelAndWhere = entry.split("@", 2);
        String model = modelAndWhere[0].strip();
        String[] where = modelAndWhere.length == 2 ? modelAndWhere[1].strip().split("\\s+") : new String[0];
        boolean malformed = model.isEmpty()
                || model.chars().anyMatch(Character::isWhitespace)
                || (modelAndWhere.length == 2 && (where[0].isEmpty() || where.length > 2));
        if (malformed) {
            problem(problems, entry, FORM);
            return Optional.empty();
        }
        if (where.length == 0) {
            return Optional.of(new Config.Fallback(new ModelId(model), Optional.empty(), Optional.empty(), none()));
        }
        Optional<URI> baseUrl = baseUrl(where[0]);
        if (baseUrl.isEmpty()) {
            problem(problems, entry, "a base URL such as http://127.0.0.1:11434/v1 (http or https, no query)");
            return Optional.empty();
        }
        if (where.length == 1) {
            return Optional.of(new Config.Fallback(new ModelId(model), baseUrl, Optional.empty(), none()));
        }
        String variable = where[1].startsWith(KEY_PREFIX) ? where[1].substring(KEY_PREFIX.length()) : "";
        if (!KEY_VARIABLE.matcher(variable).matches()) {
            problem(
                    problems,
                    entry,
                    "key=VARIABLE after the base URL, VARIABLE being GROKGRAM_LLM_API_KEY or"
                            + " GROKGRAM_LLM_FALLBACK_<NAME>_API_KEY");
            return Optional.empty();
        }
        return key(entry, variable, variables, problems)
                .map(key -> new Config.Fallback(new ModelId(model), baseUrl, Optional.of(variable), key));
    }

    private static Optional<Secret> key(
            String entry, String variable, Function<String, Optional<String>> variables, ConfigProblems problems) {
        String key = variables.apply(variable).map(String::strip).orElse("");
        if (key.isEmpty()) {
            problem(
                    problems,
                    entry,
                    variable
                            + " is not set: set it to that provider's API key, or drop key=… for a server without one");
            return Optional.empty();
        }
        // It becomes an HTTP header: the client would refuse it later, and less clearly.
        if (!key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            problems.add(variable, "*****", "an API key of printable ASCII without spaces");
            return Optional.empty();
        }
        return Optional.of(new Secret(key));
    }

    private static Optional<URI> baseUrl(String value) {
        try {
            URI uri = new URI(value);
            boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            boolean plain = uri.getHost() != null
                    && uri.getRawQuery() == null
                    && uri.getRawFragment() == null
                    && uri.getRawUserInfo() == null;
            return web && plain ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static void problem(ConfigProblems problems, String entry, String expected) {
        problems.add(Setting.LLM_FALLBACKS.key(), "'" + entry + "'", expected);
    }

    private static Secret none() {
        return new Secret("");
    }
}

package io.grokgram.app;

import io.grokgram.assistant.AssistantSettings;
import io.grokgram.console.ConsoleSettings;
import io.grokgram.llm.ModelId;
import io.grokgram.llm.ModelPrice;
import io.grokgram.llm.PriceTable;
import io.grokgram.telegram.BotToken;
import io.grokgram.telegram.OutboundLimits;
import io.grokgram.telegram.PreviewSettings;
import io.grokgram.telegram.WebhookSecret;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the configuration from the environment and the optional {@code GROKGRAM_CONFIG} file (Java properties, same
 * keys; the environment wins), checks every setting, and either returns a frozen {@link Config} or throws one {@link
 * ConfigException} that lists every problem — each naming the setting, the value it got (secrets masked) and what
 * would be accepted.
 */
final class ConfigLoader {
    private static final Logger log = LoggerFactory.getLogger(ConfigLoader.class);
    private static final String CONFIG_FILE = "GROKGRAM_CONFIG";
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    /** Segments of unreserved characters only, so the route is the same whether a server decodes the path or not. */
    private static final Pattern WEBHOOK_PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

    private static final Set<String> KNOWN =
            Arrays.stream(Setting.values()).map(Setting::key).collect(Collectors.toUnmodifiableSet());

    /** What the command needs: {@code run} needs a real token, the sandbox makes its own. */
    enum Mode {
        RUN,
        SANDBOX,
        OFFLINE
    }

    private final Map<String, String> values = new HashMap<>();
    private final ConfigProblems problems = new ConfigProblems();

    private ConfigLoader() {}

    static Config load(Map<String, String> environment, Mode mode) {
        ConfigLoader loader = new ConfigLoader();
        loader.read(environment);
        return loader.build(mode);
    }

    private void read(Map<String, String> environment) {
        String file = environment.getOrDefault(CONFIG_FILE, "");
        if (!file.isBlank()) {
            readFile(Path.of(file));
        }
        environment.forEach((key, value) -> {
            if (known(key)) {
                values.put(key, value);
            } else if (key.startsWith("GROKGRAM_") && !key.equals(CONFIG_FILE)) {
                log.warn("environment variable {} is not a Grokgram setting (typo?); ignored", key);
            }
        });
    }

    private void readFile(Path path) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(path);
                Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            problems.add(CONFIG_FILE, "'" + path + "'", "a readable properties file (" + e.getMessage() + ")");
            return;
        }
        for (String key : properties.stringPropertyNames()) {
            if (known(key)) {
                values.put(key, properties.getProperty(key));
            } else {
                problems.add(
                        key + " (in " + path + ")",
                        "'" + properties.getProperty(key) + "'",
                        "a known setting; see `grokgram config`");
            }
        }
    }

    /** A fixed setting, a variable a fallback route may take its key from, or a redaction pattern. */
    private static boolean known(String key) {
        return KNOWN.contains(key)
                || Fallbacks.KEY_VARIABLE.matcher(key).matches()
                || PrivacyConfig.PATTERN_VARIABLE.matcher(key).matches();
    }

    private String raw(Setting setting) {
        return values.getOrDefault(setting.key(), setting.defaultValue()).strip();
    }

    private Config build(Mode mode) {
        Optional<BotToken> token = botToken(mode);
        URI telegramApi = url(Setting.TELEGRAM_API, false);
        Duration pollTimeout = duration(Setting.POLL_TIMEOUT, Duration.ofSeconds(1), Duration.ofSeconds(50));
        Optional<Config.Webhook> webhook = webhook();
        double perChat = number(Setting.LIMIT_CHAT_PER_SECOND, Double::parseDouble, 0.01, 1000);
        int perGroup = number(Setting.LIMIT_GROUP_PER_MINUTE, Integer::parseInt, 1, 100_000);
        int perBot = number(Setting.LIMIT_BOT_PER_SECOND, Integer::parseInt, 1, 100_000);
        URI llmBase = url(Setting.LLM_BASE_URL, true);
        Secret apiKey = new Secret(raw(Setting.LLM_API_KEY));
        String model = raw(Setting.LLM_MODEL);
        if (model.isEmpty()) {
            problems.add(Setting.LLM_MODEL.key(), "''", "a model name such as grok-4.3");
        }
        PriceTable prices = prices();
        Duration llmTimeout = duration(Setting.LLM_TIMEOUT, Duration.ofSeconds(1), Duration.ofHours(1));
        int attempts = number(Setting.LLM_RETRIES, Integer::parseInt, 1, 10);
        Duration maxRetryWait = duration(Setting.LLM_MAX_RETRY_WAIT, Duration.ZERO, Duration.ofMinutes(5));
        List<Config.Fallback> fallbacks =
                Fallbacks.parse(raw(Setting.LLM_FALLBACKS), name -> Optional.ofNullable(values.get(name)), problems);
        String database = database();
        int poolSize = number(Setting.DATABASE_POOL_SIZE, Integer::parseInt, 1, 500);
        String httpHost = raw(Setting.HTTP_HOST);
        int httpPort = number(Setting.HTTP_PORT, Integer::parseInt, 0, 65535);
        int contextTokens = number(Setting.CONTEXT_TOKENS, Integer::parseInt, 256, 10_000_000);
        int trimStep = number(Setting.CONTEXT_TRIM_STEP, Integer::parseInt, 1, 1000);
        int maxOutput = number(Setting.MAX_OUTPUT_TOKENS, Integer::parseInt, 1, 1_000_000);
        Duration previewDelay = duration(Setting.PREVIEW_DELAY, Duration.ZERO, Duration.ofMinutes(1));
        Duration draftInterval = duration(Setting.DRAFT_INTERVAL, Duration.ofMillis(100), Duration.ofMinutes(1));
        int floodPerMinute = number(Setting.FLOOD_PER_MINUTE, Integer::parseInt, 1, 100_000);
        Duration shutdownGrace = duration(Setting.SHUTDOWN_GRACE, Duration.ZERO, Duration.ofMinutes(10));
        Duration inboxRetention = duration(Setting.INBOX_RETENTION, Duration.ofHours(1), Duration.ofDays(3650));
        int maxTurns = number(Setting.WORKER_MAX_TURNS, Integer::parseInt, 0, 1_000_000);
        Config.Privacy privacy = PrivacyConfig.parse(this::raw, values, problems);
        Config.Billing billing = BillingConfig.parse(this::raw, model, problems);
        Config.ScaleOut scaleOut = ScaleOutConfig.parse(this::raw, problems);
        Config.Tools tools = ToolsConfig.parse(this::raw, problems);
        ConsoleSettings console = ConsoleConfig.parse(this::raw, problems);
        Optional<Path> languages = languagesDirectory();
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.all());
        }
        ModelId modelId = new ModelId(model);
        if (prices.price(modelId).isEmpty()) {
            log.warn(
                    "{}: no price for model {}; its turns run with the cost marked unknown",
                    Setting.LLM_PRICES.key(),
                    model);
        }
        warnAboutFallbacks(fallbacks, prices);
        if (privacy.providerRetention().isEmpty() && !isXai(llmBase) && mode == Mode.RUN && !isLoopback(llmBase)) {
            log.warn(
                    "{} is not set: users are told that {} keeps requests under terms this bot's operator has not"
                            + " described",
                    Setting.PROVIDER_RETENTION.key(),
                    llmBase.getHost());
        }
        if (apiKey.value().isEmpty() && mode == Mode.RUN && !isLoopback(llmBase)) {
            log.warn("{} is empty; {} will most likely refuse requests", Setting.LLM_API_KEY.key(), llmBase.getHost());
        }
        AssistantSettings assistant = new AssistantSettings(
                modelId,
                providerName(llmBase),
                persona(),
                contextTokens,
                trimStep,
                maxOutput,
                new PreviewSettings(previewDelay, draftInterval, PreviewSettings.DEFAULT.typingInterval()),
                floodPerMinute,
                shutdownGrace,
                inboxRetention,
                SettingValues.flag(Setting.GROUP_CONVERSATION_PER_USER, this::raw, problems),
                console.publicUrl().map(url -> url + "/app"),
                maxTurns);
        return new Config(
                new Config.Telegram(
                        token,
                        telegramApi,
                        pollTimeout,
                        new OutboundLimits(perChat, perGroup, perBot, OutboundLimits.TELEGRAM.maxAttempts()),
                        webhook),
                new Config.Llm(llmBase, apiKey, prices, llmTimeout, attempts, maxRetryWait, fallbacks),
                new Config.Store(database, poolSize),
                new Config.Http(httpHost, httpPort, console),
                assistant,
                privacy,
                billing,
                scaleOut,
                tools,
                languages);
    }

    /** The operator's directory of extra message bundles, if set; it must exist (a typo would silently drop them). */
    private Optional<Path> languagesDirectory() {
        String configured = raw(Setting.LANGUAGES_DIR);
        if (configured.isEmpty()) {
            return Optional.empty();
        }
        Path directory = Path.of(configured);
        if (!Files.isDirectory(directory)) {
            problems.add(
                    Setting.LANGUAGES_DIR.key(),
                    "'" + configured + "'",
                    "a directory of messages_<tag>.properties files (it does not exist or is not a directory)");
            return Optional.empty();
        }
        return Optional.of(directory);
    }

    /** Not wrong enough to stop: a fallback model without a price, a key variable no fallback names (a typo?). */
    private void warnAboutFallbacks(List<Config.Fallback> fallbacks, PriceTable prices) {
        fallbacks.stream()
                .map(Config.Fallback::model)
                .filter(fallback -> prices.price(fallback).isEmpty())
                .forEach(fallback -> log.warn(
                        "{}: no price for fallback model {}; its turns run with the cost marked unknown",
                        Setting.LLM_PRICES.key(),
                        fallback));
        Set<String> named = fallbacks.stream()
                .flatMap(fallback -> fallback.keyVariable().stream())
                .collect(Collectors.toSet());
        values.keySet().stream()
                .filter(key -> Fallbacks.KEY_VARIABLE.matcher(key).matches())
                .filter(key -> !KNOWN.contains(key) && !named.contains(key))
                .sorted()
                .forEach(key ->
                        log.warn("{} is set but no entry of {} names it; ignored", key, Setting.LLM_FALLBACKS.key()));
    }

    private Optional<BotToken> botToken(Mode mode) {
        String value = raw(Setting.BOT_TOKEN);
        if (value.isEmpty()) {
            if (mode == Mode.RUN) {
                problems.add(Setting.BOT_TOKEN.key(), "(empty)", "required: the token BotFather gave you");
            }
            return Optional.empty();
        }
        if (!BotToken.looksValid(value)) {
            problems.add(
                    Setting.BOT_TOKEN.key(),
                    Setting.BOT_TOKEN.shown(value),
                    "a token like 123456789:AA… (digits, a colon, 20 or more letters, digits, - or _)");
            return Optional.empty();
        }
        return Optional.of(new BotToken(value));
    }

    /** Webhook mode needs both settings; neither means long polling, one alone is a mistake. */
    private Optional<Config.Webhook> webhook() {
        String url = raw(Setting.WEBHOOK_URL);
        String secret = raw(Setting.WEBHOOK_SECRET);
        Optional<URI> uri = url.isEmpty() ? Optional.empty() : webhookUrl(url);
        boolean secretValid = WebhookSecret.looksValid(secret);
        if (!secret.isEmpty() && !secretValid) {
            problems.add(
                    Setting.WEBHOOK_SECRET.key(),
                    Setting.WEBHOOK_SECRET.shown(secret),
                    "1 to 256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule for secret_token)");
        }
        if (!url.isEmpty() && secret.isEmpty()) {
            problems.add(
                    Setting.WEBHOOK_SECRET.key(),
                    "(empty)",
                    "required with " + Setting.WEBHOOK_URL.key() + ": 1 to 256 characters of A-Z, a-z, 0-9, _ and -");
        }
        if (url.isEmpty() && !secret.isEmpty()) {
            problems.add(
                    Setting.WEBHOOK_URL.key(),
                    "''",
                    "set together with " + Setting.WEBHOOK_SECRET.key() + ": the https URL Telegram posts updates to,"
                            + " such as https://bot.example.com/telegram/hook");
        }
        return uri.filter(u -> secretValid).map(u -> new Config.Webhook(u, new WebhookSecret(secret)));
    }

    private Optional<URI> webhookUrl(String value) {
        try {
            URI uri = new URI(value);
            boolean secure = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme()) && isLoopback(uri);
            boolean plain = uri.getHost() != null
                    && uri.getRawUserInfo() == null
                    && uri.getRawQuery() == null
                    && uri.getRawFragment() == null;
            if (secure && plain && WEBHOOK_PATH.matcher(uri.getRawPath()).matches()) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // reported below with the accepted form
        }
        problems.add(
                Setting.WEBHOOK_URL.key(),
                Setting.WEBHOOK_URL.shown(value),
                "an https URL with a path, such as https://bot.example.com/telegram/hook (http only for 127.0.0.1 or"
                        + " localhost; the path of letters, digits and . _ ~ -, without a query)");
        return Optional.empty();
    }

    private URI url(Setting setting, boolean pathAllowed) {
        String value = raw(setting);
        try {
            URI uri = new URI(value);
            boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            boolean plain = uri.getHost() != null && uri.getQuery() == null && uri.getFragment() == null;
            boolean pathOk = pathAllowed
                    || uri.getPath() == null
                    || uri.getPath().isEmpty()
                    || uri.getPath().equals("/");
            if (web && plain && pathOk) {
                return pathAllowed ? uri : URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
            }
        } catch (URISyntaxException e) {
            // reported below with the accepted form
        }
        problems.add(
                setting.key(),
                setting.shown(value),
                pathAllowed
                        ? "an http(s) URL such as https://api.x.ai/v1"
                        : "an http(s) URL without a path, such as https://api.telegram.org or http://127.0.0.1:8081");
        return URI.create("http://invalid");
    }

    private Duration duration(Setting setting, Duration min, Duration max) {
        String value = raw(setting);
        Optional<Duration> parsed = parseDuration(value);
        if (parsed.isEmpty() || parsed.get().compareTo(min) < 0 || parsed.get().compareTo(max) > 0) {
            problems.add(
                    setting.key(),
                    setting.shown(value),
                    "a duration from " + show(min) + " to " + show(max) + " such as 500ms, 30s, 2m, 7d or PT30S");
            return min;
        }
        return parsed.get();
    }

    static Optional<Duration> parseDuration(String value) {
        Matcher matcher = DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return Optional.of(
                    switch (matcher.group(2)) {
                        case "ms" -> Duration.ofMillis(amount);
                        case "s" -> Duration.ofSeconds(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        case "h" -> Duration.ofHours(amount);
                        default -> Duration.ofDays(amount);
                    });
        }
        try {
            return Optional.of(Duration.parse(value));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String show(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    private <N extends Number & Comparable<N>> N number(
            Setting setting, Function<String, N> parser, double min, double max) {
        String value = raw(setting);
        try {
            N parsed = parser.apply(value);
            if (parsed.doubleValue() >= min && parsed.doubleValue() <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        problems.add(setting.key(), setting.shown(value), "a number from " + plain(min) + " to " + plain(max));
        return parser.apply(plain(min));
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** Parses {@code model=in/cached/out;model=…}, every problem reported with the model it belongs to. */
    private PriceTable prices() {
        String value = raw(Setting.LLM_PRICES);
        Map<ModelId, ModelPrice> prices = new LinkedHashMap<>();
        for (String entry : value.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] modelAndPrices = entry.split("=", 2);
            String[] amounts = modelAndPrices.length == 2 ? modelAndPrices[1].split("/") : new String[0];
            if (modelAndPrices[0].isBlank() || amounts.length != 3) {
                problems.add(
                        Setting.LLM_PRICES.key(),
                        "'" + entry.strip() + "'",
                        "model=input/cached/output in USD per million tokens, e.g. grok-4.3=1.25/0.20/2.50");
                continue;
            }
            try {
                BigDecimal[] parsed = Arrays.stream(amounts)
                        .map(a -> new BigDecimal(a.strip()))
                        .toArray(BigDecimal[]::new);
                if (Arrays.stream(parsed).anyMatch(p -> p.signum() < 0)) {
                    problems.add(
                            Setting.LLM_PRICES.key(),
                            "'" + entry.strip() + "'",
                            "prices of " + modelAndPrices[0].strip() + " must not be negative");
                    continue;
                }
                prices.put(new ModelId(modelAndPrices[0].strip()), new ModelPrice(parsed[0], parsed[1], parsed[2]));
            } catch (NumberFormatException e) {
                problems.add(
                        Setting.LLM_PRICES.key(),
                        "'" + entry.strip() + "'",
                        "decimal prices for " + modelAndPrices[0].strip() + ", e.g. 1.25/0.20/2.50");
            }
        }
        return new PriceTable(prices);
    }

    private String database() {
        String value = raw(Setting.DATABASE);
        boolean jdbc = value.startsWith("jdbc:sqlite:") || value.startsWith("jdbc:postgresql:");
        if (value.isEmpty() || value.startsWith("jdbc:") && !jdbc) {
            problems.add(
                    Setting.DATABASE.key(),
                    Setting.DATABASE.shown(value.replaceAll("password=[^&]*", "password=***")),
                    "an SQLite file path, jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB");
        }
        return value;
    }

    private String providerName(URI llmBase) {
        String configured = raw(Setting.LLM_PROVIDER_NAME);
        if (!configured.isEmpty()) {
            return configured;
        }
        String host = llmBase.getHost() == null ? "" : llmBase.getHost();
        return host.equals("x.ai") || host.endsWith(".x.ai") ? "xAI" : host;
    }

    private String persona() {
        String configured = raw(Setting.PERSONA);
        if (!configured.isEmpty()) {
            return configured;
        }
        try (InputStream in = ConfigLoader.class.getResourceAsStream("/persona.txt")) {
            if (in == null) {
                throw new IllegalStateException("the built-in persona (persona.txt) is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in persona", e);
        }
    }

    private static boolean isXai(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost();
        return host.equals("x.ai") || host.endsWith(".x.ai");
    }

    private static boolean isLoopback(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost();
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }
}

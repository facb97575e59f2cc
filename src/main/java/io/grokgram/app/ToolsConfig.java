package io.grokgram.app;

import static io.grokgram.app.SettingValues.flag;
import static io.grokgram.app.SettingValues.whole;

import io.grokgram.assistant.ToolBox;
import io.grokgram.llm.ProviderSettings;
import io.grokgram.store.Database;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/** Reads the tool settings; every problem goes to the loader's list. */
final class ToolsConfig {
    private ToolsConfig() {}

    static Config.Tools parse(Function<Setting, String> raw, ConfigProblems problems) {
        ProviderSettings.Api api = switch (raw.apply(Setting.LLM_API).strip().toLowerCase(Locale.ROOT)) {
            case "chat" -> ProviderSettings.Api.CHAT;
            case "responses" -> ProviderSettings.Api.RESPONSES;
            default -> {
                problems.add(Setting.LLM_API.key(), raw.apply(Setting.LLM_API), "chat or responses");
                yield ProviderSettings.Api.CHAT;
            }
        };
        Optional<URI> search = Optional.empty();
        String url = raw.apply(Setting.SEARCH_URL).strip();
        if (!url.isEmpty()) {
            try {
                URI parsed = URI.create(url);
                if (!"http".equals(parsed.getScheme()) && !"https".equals(parsed.getScheme())
                        || parsed.getHost() == null) {
                    throw new IllegalArgumentException("not http(s)");
                }
                search = Optional.of(parsed);
            } catch (IllegalArgumentException e) {
                problems.add(Setting.SEARCH_URL.key(), url, "an http(s) URL such as https://searx.example/search");
            }
        }
        String index = raw.apply(Setting.KNOWLEDGE_INDEX).strip();
        if (index.startsWith("jdbc:") && !index.startsWith(KnowledgeIndexes.DATABASE_PREFIX)) {
            problems.add(
                    Setting.KNOWLEDGE_INDEX.key(),
                    Setting.KNOWLEDGE_INDEX.shown(
                            Database.redact(index)), // another database's URL may carry a password
                    "a folder, or a jdbc:postgresql: URL of a PostgreSQL with pgvector");
        }
        return new Config.Tools(
                api,
                search,
                flag(Setting.READ_URL_ALLOW_PRIVATE, raw, problems),
                whole(Setting.READ_URL_MAX_BYTES, raw, 1_000, 50_000_000, problems),
                index.isEmpty() ? Optional.empty() : Optional.of(index),
                duration(Setting.TOOL_TIMEOUT, raw, problems),
                whole(Setting.TOOL_ROUNDS, raw, 0, 10, problems),
                duration(Setting.TOOL_TURN_TIME, raw, problems),
                duration(Setting.INLINE_TOOL_TIME, raw, problems),
                fees(raw.apply(Setting.TOOL_FEES), problems));
    }

    /** A comma-separated list of tool names; unknown names are problems. */
    static Set<String> tools(Setting setting, Function<Setting, String> raw, ConfigProblems problems) {
        Set<String> tools = new LinkedHashSet<>();
        for (String name : raw.apply(setting).split(",")) {
            String tool = name.strip();
            if (tool.isEmpty()) {
                continue;
            }
            if (!ToolBox.NAMES.contains(tool)) {
                problems.add(
                        setting.key(), raw.apply(setting), "tool names from web_search, read_url, knowledge_search");
                continue;
            }
            tools.add(tool);
        }
        return tools;
    }

    private static Duration duration(Setting setting, Function<Setting, String> raw, ConfigProblems problems) {
        Optional<Duration> parsed = ConfigLoader.parseDuration(raw.apply(setting));
        if (parsed.isEmpty() || !parsed.get().isPositive() || parsed.get().compareTo(Duration.ofMinutes(10)) > 0) {
            problems.add(setting.key(), raw.apply(setting), "a duration from 1ms to 10m such as 500ms or 10s");
            return Duration.ofSeconds(1);
        }
        return parsed.get();
    }

    private static Map<String, Long> fees(String value, ConfigProblems problems) {
        Map<String, Long> fees = new TreeMap<>();
        for (String entry : value.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.strip().split("=", 2);
            try {
                if (parts.length != 2 || !ToolBox.NAMES.contains(parts[0].strip())) {
                    throw new IllegalArgumentException();
                }
                BigDecimal usd = new BigDecimal(parts[1].strip());
                if (usd.signum() < 0) {
                    throw new IllegalArgumentException();
                }
                fees.put(
                        parts[0].strip(),
                        usd.movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact());
            } catch (IllegalArgumentException | ArithmeticException e) {
                problems.add(Setting.TOOL_FEES.key(), entry, "tool=usd with a known tool and a non-negative amount");
            }
        }
        return fees;
    }
}

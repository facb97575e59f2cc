package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mini Apps in the emulator: setChatMenuButton / getChatMenuButton (Bot API 6.0: {@code commands}, {@code default} or
 * {@code web_app} with a text and an https URL), the URL check of web_app buttons, and what Telegram's client does when
 * a person opens one: the page URL with signed {@code initData} and the theme in its fragment. Like Telegram's test
 * environment, it also lets a web app live on http at 127.0.0.1 or localhost, so the sandbox runs with no certificate.
 */
final class WebApps {
    private static final String THEME = "{\"bg_color\":\"#ffffff\",\"text_color\":\"#000000\",\"hint_color\":"
            + "\"#707579\",\"link_color\":\"#3390ec\",\"button_color\":\"#3390ec\",\"button_text_color\":\"#ffffff\","
            + "\"secondary_bg_color\":\"#f4f4f5\"}";

    private final Clock clock;

    WebApps(Clock clock) {
        this.clock = clock;
    }

    JsonNode setChatMenuButton(BotState bot, Params params) {
        long chat = params.has("chat_id") ? params.longArg("chat_id") : 0;
        JsonNode button = params.has("menu_button") ? Json.parseOrNull(params.arg("menu_button")) : null;
        ObjectNode checked = button == null ? defaultButton() : check(button);
        bot.lock.lock();
        try {
            if (chat != 0 && !bot.chats.containsKey(chat)) {
                throw BotApiException.badRequest("chat not found");
            }
            bot.menuButtons.put(chat, checked);
            return BooleanNode.TRUE;
        } finally {
            bot.lock.unlock();
        }
    }

    JsonNode getChatMenuButton(BotState bot, Params params) {
        long chat = params.has("chat_id") ? params.longArg("chat_id") : 0;
        return menuButton(bot, chat);
    }

    /** The chat's own menu button, else the bot's default, else {@code commands} (what Telegram shows then). */
    JsonNode menuButton(BotState bot, long chat) {
        bot.lock.lock();
        try {
            JsonNode own = bot.menuButtons.get(chat);
            JsonNode fallback = bot.menuButtons.get(0L);
            ObjectNode commands = Json.object();
            commands.put("type", "commands");
            return (own != null ? own : fallback != null ? fallback : commands).deepCopy();
        } finally {
            bot.lock.unlock();
        }
    }

    private static ObjectNode defaultButton() {
        ObjectNode result = Json.object();
        result.put("type", "default");
        return result;
    }

    private static ObjectNode check(JsonNode button) {
        if (!button.isObject()) {
            throw BotApiException.badRequest("can't parse menu button: MenuButton must be an Object");
        }
        String type = button.path("type").asText("");
        ObjectNode result = Json.object();
        switch (type) {
            case "commands", "default" -> result.put("type", type);
            case "web_app" -> {
                String text = button.path("text").asText("");
                String url = button.path("web_app").path("url").asText("");
                if (text.isEmpty()) {
                    throw BotApiException.badRequest("can't parse menu button: Field \"text\" must be non-empty");
                }
                checkUrl(url, "menu button");
                result.put("type", "web_app");
                result.put("text", text);
                result.putObject("web_app").put("url", url);
            }
            default -> throw BotApiException.badRequest("can't parse menu button: Unsupported type specified");
        }
        return result;
    }

    /** A Web App URL must be https (or, in the sandbox as in Telegram's test environment, http on this machine). */
    static void checkUrl(String url, String where) {
        try {
            URI uri = new URI(url);
            boolean loopback = "127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost());
            if (uri.getHost() != null
                    && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()) && loopback)) {
                return;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw BotApiException.badRequest(where + " Web App URL '" + url + "' is invalid: Only HTTPS links are allowed");
    }

    /**
     * What a Telegram client opens for {@code user}: {@code url} with {@code #tgWebAppData=<initData>} signed as
     * Telegram signs it (HMAC-SHA256 keyed by HMAC-SHA256("WebAppData", bot token) over the sorted data-check-string),
     * the theme and the platform.
     */
    String open(BotState bot, UserProfile user, String url) {
        checkUrl(url, "");
        Map<String, String> fields = new TreeMap<>();
        ObjectNode who = Json.object();
        who.put("id", user.id());
        who.put("first_name", user.firstName());
        user.username().ifPresent(name -> who.put("username", name));
        who.put("language_code", user.languageCode());
        fields.put("user", Json.write(who));
        fields.put("auth_date", Long.toString(clock.instant().getEpochSecond()));
        fields.put("query_id", "AAE" + Long.toUnsignedString(user.id(), 36) + clock.millis());
        String check = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n"));
        byte[] secret = hmac("WebAppData".getBytes(StandardCharsets.UTF_8), bot.token.getBytes(StandardCharsets.UTF_8));
        fields.put("hash", HexFormat.of().formatHex(hmac(secret, check.getBytes(StandardCharsets.UTF_8))));
        String initData = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return url.replaceAll("#.*$", "") + "#tgWebAppData=" + URLEncoder.encode(initData, StandardCharsets.UTF_8)
                + "&tgWebAppVersion=9.0&tgWebAppPlatform=sandbox&tgWebAppThemeParams="
                + URLEncoder.encode(THEME, StandardCharsets.UTF_8);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

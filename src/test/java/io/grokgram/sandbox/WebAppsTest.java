package io.grokgram.sandbox;

import static io.grokgram.sandbox.BotApiClient.params;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.grokgram.console.TelegramSignatures;
import io.grokgram.console.WebAppUser;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Mini Apps in the emulator: the menu button (setChatMenuButton / getChatMenuButton) and web_app buttons with
 * Telegram's URL check, and opening one as a person: the URL carries initData that the bot's own check (the console's
 * {@link TelegramSignatures}, an independent implementation) accepts for exactly that person.
 */
class WebAppsTest {
    @AutoClose
    private final Sandbox sandbox = Sandbox.withWebChat();

    private final BotApiClient api = sandbox.api;

    @Test
    void the_default_menu_button_opens_a_web_app_and_getChatMenuButton_reports_it() {
        var set = api.json(
                "setChatMenuButton",
                params(
                        "menu_button",
                        "{\"type\":\"web_app\",\"text\":\"Settings\",\"web_app\":{\"url\":\"https://bot.example.org/app\"}}"));

        assertThat(set.ok()).as(set.raw()).isTrue();
        JsonNode button = api.json("getChatMenuButton", params()).result();
        assertThat(button.path("type").asText()).isEqualTo("web_app");
        assertThat(button.path("web_app").path("url").asText()).isEqualTo("https://bot.example.org/app");
        assertThat(sandbox.emulator.menuButton(42).path("text").asText()).isEqualTo("Settings");
    }

    @Test
    void web_apps_must_be_https_except_on_this_machine() {
        var plainHttp = api.json(
                "setChatMenuButton",
                params(
                        "menu_button",
                        "{\"type\":\"web_app\",\"text\":\"App\",\"web_app\":{\"url\":\"http://bot.example.org/app\"}}"));
        var noText = api.json(
                "setChatMenuButton",
                params("menu_button", "{\"type\":\"web_app\",\"web_app\":{\"url\":\"https://bot.example.org/app\"}}"));
        sandbox.userWhoWrote(42, "Ann");
        var button = sendWebAppButton(42, "http://bot.example.org/");
        var loopback = sendWebAppButton(42, "http://127.0.0.1:8080/app");

        assertThat(plainHttp.ok()).isFalse();
        assertThat(plainHttp.description()).contains("Only HTTPS links are allowed");
        assertThat(noText.ok()).isFalse();
        assertThat(button.ok()).isFalse();
        assertThat(button.description()).contains("Web App URL 'http://bot.example.org/' is invalid");
        assertThat(loopback.ok()).as(loopback.raw()).isTrue();
    }

    @Test
    void opening_a_web_app_hands_it_init_data_signed_for_that_person() throws Exception {
        HttpResponse<String> opened = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(sandbox.server.baseUrl() + "/sandbox/api/webapp"))
                                .header("Content-Type", "application/json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"user_id\":77,\"first_name\":\"Mia\",\"url\":\"https://bot.example.org/app\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(opened.statusCode()).isEqualTo(200);
        String url = BotApiClient.MAPPER.readTree(opened.body()).path("url").asText();
        assertThat(url).startsWith("https://bot.example.org/app#tgWebAppData=").contains("tgWebAppThemeParams=");
        String fragment = url.substring(url.indexOf('#') + 1);
        String initData = URLDecoder.decode(
                fragment.substring("tgWebAppData=".length(), fragment.indexOf('&')), StandardCharsets.UTF_8);
        Optional<WebAppUser> user =
                new TelegramSignatures(Sandbox.TOKEN).initData(initData, Duration.ofMinutes(5), Instant.now());
        assertThat(user).contains(new WebAppUser(77, "Mia", Optional.of("en")));
        assertThat(new TelegramSignatures("7357001:some-other-token")
                        .initData(initData, Duration.ofMinutes(5), Instant.now()))
                .isEmpty();
    }

    /** The bot sends {@code chat} a message with one inline button opening the web app at {@code url}. */
    private BotApiClient.Response sendWebAppButton(long chat, String url) {
        return api.json(
                "sendMessage",
                params(
                        "chat_id",
                        chat,
                        "text",
                        "open",
                        "reply_markup",
                        "{\"inline_keyboard\":[[{\"text\":\"App\",\"web_app\":{\"url\":\"" + url + "\"}}]]}"));
    }
}

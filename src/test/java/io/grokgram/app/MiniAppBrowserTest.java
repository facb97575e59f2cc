package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grokgram.console.TelegramSignatures;
import io.grokgram.privacy.DataSubject;
import io.grokgram.sandbox.SandboxUser;
import io.grokgram.sandbox.SentDocument;
import io.grokgram.sandbox.WebAppScript;
import io.grokgram.web.HttpServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The users' Mini App in a real (headless) browser, opened the way Telegram opens it: the page URL with signed
 * {@code initData} and the theme in its fragment, Telegram's web-app script (here the sandbox's stand-in). The user
 * sees their plan and usage in the theme's colours, switches training consent on, and asks for their data export,
 * which arrives in their private chat as {@code /mydata}'s does.
 */
class MiniAppBrowserTest {
    private static final long USER = 6_660_000_001L;
    private static final String THEME =
            "{\"bg_color\":\"#17212b\",\"text_color\":\"#f5f5f5\",\"hint_color\":\"#708499\","
                    + "\"button_color\":\"#5288c1\",\"button_text_color\":\"#ffffff\","
                    + "\"secondary_bg_color\":\"#232e3c\"}";

    static SandboxRig rig;
    static HttpServer script;
    static Browser browser;

    @BeforeAll
    static void start(@TempDir Path dir) {
        // Telegram serves its script from its own origin; here a server of its own plays telegram.org
        script = HttpServer.start("127.0.0.1", 0, List.of(new WebAppScript()));
        rig = new SandboxRig(dir, Map.of("GROKGRAM_WEBAPP_SCRIPT", script.baseUrl() + WebAppScript.PATH));
        browser = Browser.start();
    }

    @AfterAll
    static void stop() throws Exception {
        Browser.closeAll(browser, rig, script);
    }

    /** initData as Telegram builds it for {@code user}: URL-encoded fields and their hash, signed by {@code signer}. */
    static String initData(TelegramSignatures signer, long user, long authDate) {
        return initData(signer, user, authDate, "en");
    }

    static String initData(TelegramSignatures signer, long user, long authDate, String languageCode) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("query_id", "AAH" + user);
        fields.put("user", "{\"id\":" + user + ",\"first_name\":\"Mina\",\"language_code\":\"" + languageCode + "\"}");
        fields.put("auth_date", Long.toString(authDate));
        fields.put("hash", signer.signInitData(fields));
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    @Test
    void the_user_flips_training_consent_and_requests_an_export() {
        SandboxUser user = rig.consentedUser(USER, "Mina");
        int before = rig.botMessages(user).size();
        user.send("hello");
        rig.awaitBotMessages(user, before + 1);
        String data = initData(
                new TelegramSignatures(SandboxRig.TOKEN),
                USER,
                rig.clock.instant().getEpochSecond());
        WebDriver page = browser.driver();

        page.get(rig.bot.http().baseUrl() + "/app#tgWebAppData=" + URLEncoder.encode(data, StandardCharsets.UTF_8)
                + "&tgWebAppThemeParams=" + URLEncoder.encode(THEME, StandardCharsets.UTF_8));

        browser.waiting()
                .until(driver ->
                        "true".equals(driver.findElement(By.tagName("body")).getAttribute("data-loaded")));
        assertThat(page.findElement(By.id("plan")).getText()).isEqualTo("Free");
        assertThat(page.findElement(By.id("usage")).getText()).startsWith("1 of 1,000 turns used today");
        // Telegram's theme, not the page's defaults
        assertThat(page.findElement(By.tagName("body")).getCssValue("background-color"))
                .isEqualTo("rgba(23, 33, 43, 1)");
        assertThat(page.findElement(By.id("training")).isSelected()).isFalse();
        browser.screenshot("miniapp");

        page.findElement(By.id("training")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> rig.bot.consents().trainingGranted(new DataSubject(USER)));

        page.findElement(By.id("export")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("result"), "on its way"));
        List<SentDocument> documents = await().atMost(Duration.ofSeconds(10))
                .until(() -> rig.telegram.documents(user.chatId()), list -> !list.isEmpty());
        assertThat(documents.getLast().fileName()).isEqualTo("my-data.json");
        assertThat(new String(documents.getLast().content(), StandardCharsets.UTF_8))
                .contains("\"telegram_user_id\" : " + USER);
        browser.screenshot("miniapp-export");
    }

    @Test
    void a_russian_user_sees_the_app_in_russian() {
        long russian = USER + 1;
        SandboxUser user = rig.telegram.user(russian, "Маша", java.util.Optional.empty(), "ru");
        user.send("/start"); // the chat exists (the export goes there); the consent question stays unanswered
        rig.awaitBotMessages(user, 1);
        WebDriver page = openAppAs(russian, "ru");
        assertThat(page.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ru");
        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Твой ассистент");
        assertThat(page.findElement(By.id("usage")).getText()).startsWith("Сегодня использовано 0 из");
        assertThat(page.findElement(By.id("export")).getText()).isEqualTo("Прислать мои данные");
        browser.screenshot("miniapp-ru");

        page.findElement(By.id("export")).click();
        browser.waiting()
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("result"), "Выгрузка твоих данных"));
        page.get("about:blank");
    }

    @Test
    void a_persian_user_sees_the_app_right_to_left() {
        long persian = USER + 2;
        WebDriver page = openAppAs(persian, "fa");
        assertThat(page.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("دستیار شما");
        assertThat(page.findElement(By.tagName("h1")).getCssValue("direction")).isEqualTo("rtl");
        // the command keeps its slash in front inside the right-to-left sentence
        assertThat(page.findElement(By.cssSelector(".hint bdi")).getText()).isEqualTo("/privacy");
        browser.screenshot("miniapp-fa");
        page.get("about:blank");
    }

    /** The Mini App as a user of {@code languageCode} opens it from Telegram: signed initData and theme in the fragment. */
    private WebDriver openAppAs(long user, String languageCode) {
        String data = initData(
                new TelegramSignatures(SandboxRig.TOKEN),
                user,
                rig.clock.instant().getEpochSecond(),
                languageCode);
        WebDriver page = browser.driver();
        page.get("about:blank"); // a new initData in the fragment alone would not reload the other test's page
        page.get(rig.bot.http().baseUrl() + "/app#tgWebAppData=" + URLEncoder.encode(data, StandardCharsets.UTF_8)
                + "&tgWebAppThemeParams=" + URLEncoder.encode(THEME, StandardCharsets.UTF_8));
        browser.waiting()
                .until(driver ->
                        "true".equals(driver.findElement(By.tagName("body")).getAttribute("data-loaded")));
        return page;
    }
}

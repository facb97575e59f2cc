package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokgram.sandbox.ChatMessage;
import io.grokgram.sandbox.WebAppScript;
import io.grokgram.sandbox.WebChat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The sandbox's web chat in a real (headless) browser, served as {@code grokgram sandbox} serves it (one origin: the
 * emulator's user side, the bot's console and Mini App, the stand-in web-app script): a person names themselves,
 * accepts the policy with the button under the bot's question, sends a message and watches the answer stream in as a
 * draft before the final message; then opens the Mini App from the bot's menu button and from {@code /settings}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebChatBrowserTest {
    static SandboxRig rig;
    static Browser browser;
    static String base;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        int port = SandboxRig.freePort();
        base = "http://127.0.0.1:" + port;
        rig = new SandboxRig(
                dir,
                Map.of(
                        "GROKGRAM_PREVIEW_DELAY",
                        "200ms",
                        "GROKGRAM_HTTP_PORT",
                        Integer.toString(port),
                        "GROKGRAM_PUBLIC_URL",
                        base,
                        "GROKGRAM_WEBAPP_SCRIPT",
                        WebAppScript.PATH),
                List.of(new WebChat(), new WebAppScript()));
        browser = Browser.start();
    }

    @AfterAll
    static void stop() throws Exception {
        Browser.closeAll(browser, rig);
    }

    @Test
    @Order(1)
    void a_message_sent_in_the_page_gets_a_streamed_answer() {
        WebDriver page = browser.driver();
        page.get(base + "/");
        page.findElement(By.id("name-input")).sendKeys("Browsa");
        page.findElement(By.cssSelector("#name-form button[type=submit]")).click();

        // the bot greets a new user with the policy and an Accept button
        page.findElement(By.id("input")).sendKeys("/start");
        page.findElement(By.id("send")).click();
        WebElement accept = browser.waiting()
                .until(ExpectedConditions.elementToBeClickable(By.xpath("//main[@id='log']//button[text()='Accept']")));
        accept.click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("log"), "Thank you"));

        // a slow answer: drafts show it growing before the final message
        rig.provider.setPace(Duration.ZERO, Duration.ofMillis(40), 8);
        String partial;
        try {
            page.findElement(By.id("input")).sendKeys("#tokens 120 tell me a story");
            page.findElement(By.id("send")).click();
            WebElement draft = browser.waiting()
                    .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#log .msg.draft")));
            partial = draft.getText();
            browser.screenshot("webchat-streaming");
            assertThat(partial).isNotBlank();
            browser.waiting()
                    .withTimeout(Duration.ofSeconds(30))
                    .until(driver -> driver.findElements(By.cssSelector("#log .msg.draft"))
                                    .isEmpty()
                            && driver.findElements(By.cssSelector("#log .msg.bot")).stream()
                                    .anyMatch(m -> m.getText().split("\\s+").length >= 100));
        } finally {
            rig.provider.setPace(Duration.ZERO, Duration.ZERO, 12);
        }
        List<WebElement> answers = page.findElements(By.cssSelector("#log .msg.bot"));
        String answer = answers.getLast().getText();
        assertThat(answer.length()).isGreaterThan(partial.length());
        browser.screenshot("webchat-answer");
    }

    /** The person of the first test, who accepted the policy: the Mini App knows them by the signed initData alone. */
    @Test
    @Order(2)
    void the_menu_button_and_settings_open_the_mini_app_signed_for_the_person_in_the_chat() {
        WebDriver page = browser.driver();
        page.get(base + "/");
        WebElement menu = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("open-app")));
        assertThat(menu.getText()).isEqualTo("Open settings");
        assertThat(rig.telegram.menuButton(1).path("web_app").path("url").asText())
                .isEqualTo(base + "/app");

        menu.click();
        page.switchTo().frame(page.findElement(By.id("webapp-frame")));
        browser.waiting()
                .until(driver ->
                        "true".equals(driver.findElement(By.tagName("body")).getAttribute("data-loaded")));
        assertThat(page.findElement(By.id("plan")).getText()).isEqualTo("Free");
        assertThat(page.findElement(By.id("service")).isSelected()).isTrue();
        page.switchTo().defaultContent();
        browser.screenshot("webchat-miniapp");
        page.findElement(By.id("webapp-close")).click();

        page.findElement(By.id("input")).sendKeys("/settings");
        page.findElement(By.id("send")).click();
        WebElement settings =
                browser.waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#log button.web-app")));
        assertThat(settings.getText()).isEqualTo("Open settings");
    }

    @Test
    @Order(3)
    void a_reply_is_sent_as_a_reply_and_an_inline_result_lands_in_the_chat() {
        WebDriver page = browser.driver();
        page.get(base + "/");
        WebElement answer = browser.waiting()
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#log .msg.bot[data-message-id]")));
        int answered = Integer.parseInt(answer.getAttribute("data-message-id"));
        new org.openqa.selenium.interactions.Actions(page).doubleClick(answer).perform();
        assertThat(page.findElement(By.id("replying")).isDisplayed()).isTrue();
        page.findElement(By.id("input")).sendKeys("REPLY-CANARY thanks");
        page.findElement(By.id("send")).click();
        long chat = ((Number) ((org.openqa.selenium.JavascriptExecutor) page)
                        .executeScript("return JSON.parse(localStorage.getItem('grokgram.sandbox.user')).id"))
                .longValue();
        ChatMessage reply = org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> rig.telegram.messages(chat).stream()
                                .filter(m -> m.text().startsWith("REPLY-CANARY"))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        assertThat(reply.replyToMessageId()).hasValue(answered);

        page.findElement(By.id("input")).sendKeys("@grokgram_test_bot #echo INLINE-CANARY");
        WebElement result = browser.waiting()
                .withTimeout(Duration.ofSeconds(30))
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector("#inline-results button.inline-result")));
        browser.screenshot("webchat-inline");
        result.click();
        browser.waiting()
                .withTimeout(Duration.ofSeconds(30))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("log"), "INLINE-CANARY"));
    }
}

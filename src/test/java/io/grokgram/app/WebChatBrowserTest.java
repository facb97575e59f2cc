package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokgram.sandbox.WebChat;
import io.grokgram.web.HttpServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The sandbox's web chat in a real (headless) browser: a person names themselves, accepts the policy with the button
 * under the bot's question, sends a message and watches the answer stream in as a draft before the final message.
 */
class WebChatBrowserTest {
    static SandboxRig rig;
    static HttpServer chat;
    static Browser browser;

    @BeforeAll
    static void start(@TempDir Path dir) {
        rig = new SandboxRig(dir, Map.of("GROKGRAM_PREVIEW_DELAY", "200ms"));
        // the page talks to the emulator's user-side API on its own origin, as `grokgram sandbox` serves it
        chat = HttpServer.start("127.0.0.1", 0, List.of(rig.telegram, new WebChat()));
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (rig != null) {
            rig.close();
        }
        if (chat != null) {
            chat.close();
        }
    }

    @Test
    void a_message_sent_in_the_page_gets_a_streamed_answer() {
        WebDriver page = browser.driver();
        page.get(chat.baseUrl() + "/");
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
}

package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grokgram.sandbox.ChatMessage;
import io.grokgram.sandbox.SandboxUser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The operator console in a real (headless) browser, after a scripted sandbox load (users chatting, one buying
 * Premium): the owner signs in with a link from {@code grokgram admin link}, sees the overview's charts drawn from
 * that load, downloads the month's settlement, and changes a user's plan. Screenshots of every page.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final long FIRST_USER = 7_700_000_001L;

    static SandboxRig rig;
    static Browser browser;
    static Path dir;
    static long group;

    @BeforeAll
    static void start(@TempDir Path tempDir) {
        dir = tempDir;
        rig = SandboxRig.sellingPremium(tempDir, Map.of());
        scriptedLoad();
        browser = Browser.start();
    }

    @AfterAll
    static void stop() throws Exception {
        Browser.closeAll(browser, rig);
    }

    /** Three users ask two questions each; the third buys Premium through its invoice link. */
    private static void scriptedLoad() {
        for (int i = 0; i < 3; i++) {
            SandboxUser user = rig.consentedUser(FIRST_USER + i, "Loada" + i);
            for (int q = 0; q < 2; q++) {
                int before = rig.botMessages(user).size();
                user.send("question " + q + " from user " + i);
                rig.awaitBotMessages(user, before + 1);
            }
            if (i == 2) {
                user.send("/subscribe");
                ChatMessage offer = await().atMost(PATIENCE)
                        .until(
                                () -> rig.botMessages(user).stream()
                                        .filter(m -> m.text().contains("Your plan"))
                                        .reduce((a, b) -> b),
                                Optional::isPresent)
                        .orElseThrow();
                user.payLink(SandboxRig.invoiceLink(offer))
                        .awaitPayment(PATIENCE)
                        .orElseThrow();
                await().atMost(PATIENCE)
                        .until(() -> !rig.bot.billing().planOf(user.userId()).free());
            }
        }
        // and a group where the first user mentions the bot
        SandboxUser first = rig.telegram.user(FIRST_USER, "Loada0", Optional.empty(), "en");
        group = first.createGroupWithBot("Console group");
        first.sendToGroupMentioningBot(group, "Grok, what is a ledger?");
        await().atMost(PATIENCE)
                .until(() -> rig.telegram.messages(group).stream()
                        .filter(ChatMessage::fromBot)
                        .anyMatch(m -> m.text().contains("ledger")));
        // the turn rows are written as each answer is recorded: wait for all of them
        await().atMost(PATIENCE)
                .until(() -> rig.bot.billing().account(FIRST_USER).usedToday() == 3);
    }

    static String adminLink(String role) {
        return adminLink(rig, role);
    }

    /** Runs {@code grokgram admin link} against the rig's database and port; returns the printed link. */
    static String adminLink(SandboxRig rig, String role) {
        Map<String, String> env = new HashMap<>();
        env.put("GROKGRAM_DATABASE", rig.config.store().database());
        env.put("GROKGRAM_HTTP_PORT", Integer.toString(rig.bot.http().port()));
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = Main.execute(env, "admin", "link", "--role", role);
        } finally {
            System.setOut(out);
        }
        assertThat(status).isZero();
        String link = printed.toString(StandardCharsets.UTF_8).strip();
        assertThat(link).startsWith(rig.bot.http().baseUrl() + "/admin/login?token=");
        return link;
    }

    @Test
    @Order(1)
    void the_owner_signs_in_with_a_one_time_link_and_sees_the_overview_charts() {
        WebDriver page = browser.driver();
        page.get(adminLink("owner"));

        browser.waiting().until(ExpectedConditions.urlContains("/admin/overview"));
        browser.waiting()
                .until(driver ->
                        "ready".equals(driver.findElement(By.tagName("body")).getAttribute("data-overview")));
        for (String chart : List.of("turns-hour", "turns-day", "latency", "first-visible", "first-token", "tokens")) {
            WebElement drawn = page.findElement(By.id("chart-" + chart));
            assertThat(drawn.findElements(By.tagName("canvas"))).as(chart).isNotEmpty();
            assertThat(Integer.parseInt(drawn.getAttribute("data-points")))
                    .as("values above zero in " + chart)
                    .isPositive();
        }
        // the scripted load: 3 users (plus the rig's warm-up user), 6 questions, one in the group, and the warm-up's
        assertThat(page.findElement(By.cssSelector(".figures")).getText()).contains("Turns, last 24 h\n8");
        assertThat(page.findElement(By.id("models")).getText()).contains("grok-test");
        browser.screenshot("console-overview");
    }

    @Test
    @Order(2)
    void the_revenue_page_lists_the_month_and_downloads_its_settlement() {
        WebDriver page = browser.driver();
        page.get(rig.bot.http().baseUrl() + "/admin/revenue");
        String month = YearMonth.now(ZoneOffset.UTC).toString();
        WebElement row = page.findElement(By.xpath("//tr[td[1][text()='" + month + "']]"));
        assertThat(row.getText()).contains("250 (1)");
        browser.screenshot("console-revenue");

        // the link the operator clicks, fetched by the browser with its session: a CSV attachment of the postings
        String href = row.findElement(By.cssSelector("a.download")).getAttribute("href");
        @SuppressWarnings("unchecked")
        Map<String, Object> download = (Map<String, Object>) ((JavascriptExecutor) page)
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "fetch(arguments[0]).then(r => r.text().then(t => done({status: r.status,"
                                + " disposition: r.headers.get('Content-Disposition'), body: t})));",
                        href);
        assertThat(download.get("status")).isEqualTo(200L);
        assertThat((String) download.get("disposition")).contains("settlement-" + month + ".csv");
        String csv = (String) download.get("body");
        assertThat(csv.lines().count()).isGreaterThan(1);
        assertThat(csv)
                .isEqualTo(new String(
                        rig.bot.billing().settle(YearMonth.parse(month)).csv(), StandardCharsets.UTF_8));
    }

    @Test
    @Order(3)
    void the_owner_changes_a_users_plan() {
        WebDriver page = browser.driver();
        page.get(rig.bot.http().baseUrl() + "/admin/users?user=" + FIRST_USER);
        assertThat(page.findElement(By.id("plan")).getText()).isEqualTo("free");
        assertThat(page.findElement(By.id("groups")).getText()).contains(Long.toString(group));

        new Select(page.findElement(By.id("plan-select"))).selectByValue("premium");
        page.findElement(By.id("change-plan")).click();

        browser.waiting().until(ExpectedConditions.textToBe(By.id("plan"), "premium"));
        assertThat(page.findElement(By.cssSelector(".done")).getText()).contains("plan premium for 30 days");
        assertThat(rig.bot.billing().planOf(FIRST_USER).id()).isEqualTo("premium");
        browser.screenshot("console-users");
    }

    @Test
    @Order(4)
    void the_privacy_page_shows_consents_and_the_audit_log_by_pseudonym_only() {
        WebDriver page = browser.driver();
        page.get(rig.bot.http().baseUrl() + "/admin/privacy");
        String text = page.findElement(By.tagName("main")).getText();
        assertThat(text).contains("Consents by policy version", "service");
        assertThat(page.findElements(By.cssSelector("#audit tbody tr"))).hasSizeGreaterThanOrEqualTo(6);
        // no Telegram id of the load's users anywhere on the page
        assertThat(page.getPageSource()).doesNotContain(Long.toString(FIRST_USER), Long.toString(FIRST_USER + 1));
        browser.screenshot("console-privacy");
    }
}

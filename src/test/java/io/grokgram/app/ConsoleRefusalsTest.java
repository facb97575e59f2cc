package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokgram.console.TelegramSignatures;
import io.grokgram.sandbox.ChatMessage;
import io.grokgram.sandbox.SandboxUser;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the console and the Mini App refuse, over plain HTTP: a Login Widget hash made with the wrong token or too old,
 * a spent link, a change without the CSRF token, the support role on the revenue page, forged, stale or missing
 * initData. And what a permitted change does: a blocked user gets a polite refusal, and the provider hears nothing.
 */
class ConsoleRefusalsTest {
    private static final long OWNER = 5_550_001L;
    private static final long SUPPORT = 5_550_002L;
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    static SandboxRig rig;
    final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start(@TempDir Path dir) {
        rig = new SandboxRig(
                dir,
                Map.of(
                        "GROKGRAM_PUBLIC_URL", "https://bot.example.test",
                        "GROKGRAM_CONSOLE_OPERATORS", OWNER + "=owner," + SUPPORT + "=support",
                        "GROKGRAM_WEBAPP_INIT_DATA_MAX_AGE", "1h"));
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    @Test
    void a_login_widget_hash_made_with_the_wrong_token_or_too_old_is_refused() throws Exception {
        long now = rig.clock.instant().getEpochSecond();
        Map<String, String> genuine = widget(OWNER, now, new TelegramSignatures(SandboxRig.TOKEN));
        Map<String, String> wrongToken = widget(OWNER, now, new TelegramSignatures("7000001:another-bots-token-xyz"));
        Map<String, String> stale = widget(OWNER, now - 3600, new TelegramSignatures(SandboxRig.TOKEN));
        Map<String, String> notAnOperator = widget(42, now, new TelegramSignatures(SandboxRig.TOKEN));

        HttpResponse<String> accepted = get("/admin/login/telegram?" + query(genuine), "");
        assertThat(accepted.statusCode()).isEqualTo(302);
        assertThat(accepted.headers().firstValue("Set-Cookie")).isPresent();
        for (Map<String, String> refused : java.util.List.of(wrongToken, stale, notAnOperator)) {
            HttpResponse<String> answer = get("/admin/login/telegram?" + query(refused), "");
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.headers().firstValue("Set-Cookie")).isEmpty();
        }
    }

    @Test
    void a_link_works_once_and_sets_a_hardened_cookie() throws Exception {
        String link = ConsoleBrowserTest.adminLink(rig, "owner");
        String path = link.substring(rig.bot.http().baseUrl().length());

        HttpResponse<String> first = get(path, "");
        HttpResponse<String> second = get(path, "");

        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(first.headers().firstValue("Set-Cookie").orElseThrow())
                .contains("HttpOnly", "Secure", "SameSite=Strict", "Path=/admin");
        assertThat(second.statusCode()).isEqualTo(401);
        HttpResponse<String> overview = get("/admin/overview", cookie(first));
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(overview.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(overview.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(overview.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(get("/admin/overview", "").statusCode()).isEqualTo(302); // no session: to the sign-in page
    }

    @Test
    void the_support_role_may_not_open_revenue() throws Exception {
        String session = signIn("support");

        assertThat(get("/admin/revenue", session).statusCode()).isEqualTo(403);
        assertThat(get("/admin/revenue/settlement-2026-11.csv", session).statusCode())
                .isEqualTo(403);
        assertThat(get("/admin/privacy", session).statusCode()).isEqualTo(403);
        assertThat(get("/admin/users", session).statusCode()).isEqualTo(200);
        assertThat(get("/admin/overview", session).body()).doesNotContain("href=\"/admin/revenue\"");
    }

    @Test
    void a_change_without_the_csrf_token_is_refused_and_with_it_a_blocked_user_is_refused_politely() throws Exception {
        SandboxUser user = rig.consentedUser(5_550_100L, "Blocka");
        String session = signIn("owner");
        String usersPage = get("/admin/users?user=" + user.userId(), session).body();
        Matcher csrf = CSRF.matcher(usersPage);
        assertThat(csrf.find()).isTrue();

        HttpResponse<String> withoutToken = post("/admin/users/" + user.userId() + "/block", session, "blocked=1");
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(rig.bot.billing().account(user.userId()).blocked()).isFalse();

        HttpResponse<String> withToken = post(
                "/admin/users/" + user.userId() + "/block",
                session,
                "blocked=1&csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8));
        assertThat(withToken.statusCode()).isEqualTo(302);
        assertThat(rig.bot.billing().account(user.userId()).blocked()).isTrue();

        int providerCalls = rig.provider.requests().size();
        int before = rig.botMessages(user).size();
        user.send("BLOCKED-CANARY are you there?");
        ChatMessage refusal = rig.awaitBotMessages(user, before + 1).getLast();
        assertThat(refusal.text()).contains("can't use the assistant right now");
        assertThat(rig.provider.requests()).hasSize(providerCalls);
        assertThat(rig.provider.requests().toString()).doesNotContain("BLOCKED-CANARY");
    }

    @Test
    void forged_stale_or_missing_init_data_gets_401_and_genuine_gets_the_users_plan() throws Exception {
        long user = 5_550_200L;
        long now = rig.clock.instant().getEpochSecond();
        String genuine = MiniAppBrowserTest.initData(new TelegramSignatures(SandboxRig.TOKEN), user, now);
        String forged =
                MiniAppBrowserTest.initData(new TelegramSignatures("7000001:not-the-bots-token-0000"), user, now);
        String stale = MiniAppBrowserTest.initData(new TelegramSignatures(SandboxRig.TOKEN), user, now - 7200);
        String tampered = genuine.replace(Long.toString(user), Long.toString(user + 1));

        assertThat(miniApp(genuine).statusCode()).isEqualTo(200);
        assertThat(miniApp(genuine).body()).contains("\"plan\":\"free\"");
        for (String refused : java.util.List.of(forged, stale, tampered, "")) {
            HttpResponse<String> answer = miniApp(refused);
            assertThat(answer.statusCode()).as(refused).isEqualTo(401);
            assertThat(answer.body()).doesNotContain("plan");
        }
        HttpResponse<String> noHeader = http.send(
                HttpRequest.newBuilder(URI.create(rig.bot.http().baseUrl() + "/app/api/export"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noHeader.statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> miniApp(String initData) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(rig.bot.http().baseUrl() + "/app/api/me"))
                        .header("Authorization", "tma " + initData)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String signIn(String role) throws Exception {
        String link = ConsoleBrowserTest.adminLink(rig, role);
        return cookie(get(link.substring(rig.bot.http().baseUrl().length()), ""));
    }

    private static String cookie(HttpResponse<String> signedIn) {
        return signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    private static Map<String, String> widget(long id, long authDate, TelegramSignatures signer) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id", Long.toString(id));
        fields.put("first_name", "Opera");
        fields.put("username", "opera_tor");
        fields.put("auth_date", Long.toString(authDate));
        fields.put("hash", signer.signLoginWidget(fields));
        return fields;
    }

    private static String query(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private HttpResponse<String> get(String path, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(rig.bot.http().baseUrl() + path));
        if (!cookie.isEmpty()) {
            request.header("Cookie", cookie);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String cookie, String form)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(rig.bot.http().baseUrl() + path))
                        .header("Cookie", cookie)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

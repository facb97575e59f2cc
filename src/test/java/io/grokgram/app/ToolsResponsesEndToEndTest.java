package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokgram.privacy.AuditedSearch;
import io.grokgram.privacy.DataSubject;
import io.grokgram.sandbox.ChatMessage;
import io.grokgram.sandbox.RecordedRequest;
import io.grokgram.sandbox.SandboxUser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot on the Responses API with no search backend of its own: the provider runs web_search itself (xAI's
 * server-side search), the audit records what it reported, and the answer cites its sources.
 */
class ToolsResponsesEndToEndTest {
    @AutoClose
    static SandboxRig rig;

    @BeforeAll
    static void start(@TempDir Path dir) {
        rig = new SandboxRig(
                dir,
                Map.of(
                        "GROKGRAM_LLM_API", "responses",
                        "GROKGRAM_SEARCH_URL", "",
                        "GROKGRAM_LLM_PRICES", "grok-test=1/0.25/2",
                        "GROKGRAM_TOOL_FEES", "web_search=0.005"));
    }

    private static ChatMessage answerTo(SandboxUser user, String question) {
        int before = rig.botMessages(user).size();
        user.send(question);
        return rig.awaitBotMessages(user, before + 1).getLast();
    }

    @Test
    void the_provider_searches_itself_and_the_audit_shows_what_it_reported() {
        SandboxUser user = rig.consentedUser(8_200_001, "Uma");
        long backendSearches = rig.web.searches();

        ChatMessage answer = answerTo(user, "What is new about Aurora?");

        RecordedRequest sent = rig.provider.requests().getLast();
        assertThat(sent.path()).isEqualTo("/v1/responses");
        assertThat(sent.body().path("store").asBoolean(true)).isFalse();
        assertThat(sent.body().at("/tools").findValuesAsText("type")).contains("web_search");
        assertThat(answer.text())
                .contains("Aurora 2.0 released with offline maps")
                .contains("Sources");
        // the provider reports bare URLs, which Telegram shows as url entities: links, not Markdown
        String source = rig.services.baseUrl() + "/pages/aurora-2-release";
        assertThat(answer.text()).contains("1. " + source);
        int at = answer.text().indexOf("1. " + source) + 3;
        assertThat(answer.entities())
                .anyMatch(entity ->
                        entity.type().equals("url") && entity.offset() == at && entity.length() == source.length());
        assertThat(rig.web.searches()).isEqualTo(backendSearches); // the gateway itself sent no query anywhere
        List<AuditedSearch> audited = rig.bot.audit().searches(new DataSubject(user.userId()));
        assertThat(audited).anySatisfy(search -> {
            assertThat(search.tool()).isEqualTo("web_search");
            assertThat(search.backend()).isEqualTo("openai-compatible");
            assertThat(search.queries()).containsExactly("Aurora");
            assertThat(search.sources()).anyMatch(url -> url.endsWith("/pages/aurora-2-release"));
        });
    }
}

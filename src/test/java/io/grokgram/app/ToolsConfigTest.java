package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grokgram.llm.ProviderSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ToolsConfigTest {
    @Test
    void by_default_chat_completions_no_search_backend_public_addresses_only_and_xais_search_fee() {
        Config config = ConfigLoader.load(Map.of("GROKGRAM_LLM_MODEL", "grok-x"), ConfigLoader.Mode.SANDBOX);

        Config.Tools tools = config.tools();
        assertThat(tools.api()).isEqualTo(ProviderSettings.Api.CHAT);
        assertThat(tools.searchUrl()).isEmpty();
        assertThat(tools.readPrivate()).isFalse();
        assertThat(tools.knowledgeIndex()).isEmpty();
        assertThat(tools.rounds()).isEqualTo(3);
        assertThat(tools.callTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(tools.inlineTime())
                .as("inline and guest answers must stay quick")
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(tools.fees()).containsExactly(Map.entry("web_search", 5_000_000L));
        assertThat(Providers.chain(config).primary().api()).isEqualTo(ProviderSettings.Api.CHAT);
    }

    @Test
    void the_operator_picks_the_responses_api_a_backend_and_each_plans_tools() {
        Config config = ConfigLoader.load(
                Map.of(
                        "GROKGRAM_LLM_MODEL", "grok-x",
                        "GROKGRAM_LLM_API", "responses",
                        "GROKGRAM_SEARCH_URL", "https://searx.example/search",
                        "GROKGRAM_FREE_TOOLS", "read_url",
                        "GROKGRAM_FREE_MAX_TOOL_CALLS", "1",
                        "GROKGRAM_TOOL_FEES", "web_search=0.01;read_url=0",
                        "GROKGRAM_INLINE_TOOL_TIME", "2s"),
                ConfigLoader.Mode.SANDBOX);

        assertThat(config.tools().inlineTime()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.tools().api()).isEqualTo(ProviderSettings.Api.RESPONSES);
        assertThat(config.tools().searchUrl()).contains(URI.create("https://searx.example/search"));
        assertThat(config.billing().plans().free().tools()).isEqualTo(Set.of("read_url"));
        assertThat(config.billing().plans().free().maxToolCalls()).isEqualTo(1);
        assertThat(config.tools().fees()).isEqualTo(Map.of("web_search", 10_000_000L, "read_url", 0L));
        assertThat(Providers.chain(config).primary().api()).isEqualTo(ProviderSettings.Api.RESPONSES);
    }

    @Test
    void bad_tool_settings_are_all_reported_at_once() {
        assertThatThrownBy(() -> ConfigLoader.load(
                        Map.of(
                                "GROKGRAM_LLM_MODEL", "grok-x",
                                "GROKGRAM_LLM_API", "grpc",
                                "GROKGRAM_SEARCH_URL", "ftp://search",
                                "GROKGRAM_PREMIUM_TOOLS", "web_search,crystal_ball",
                                "GROKGRAM_TOOL_FEES", "web_search=-1",
                                "GROKGRAM_KNOWLEDGE_INDEX", "jdbc:sqlite:kb.db",
                                "GROKGRAM_INLINE_TOOL_TIME", "forever"),
                        ConfigLoader.Mode.SANDBOX))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(String.join("\n", e.problems()))
                                .contains("GROKGRAM_LLM_API")
                                .contains("GROKGRAM_SEARCH_URL")
                                .contains("GROKGRAM_PREMIUM_TOOLS")
                                .contains("GROKGRAM_TOOL_FEES")
                                .contains("GROKGRAM_KNOWLEDGE_INDEX")
                                .contains("GROKGRAM_INLINE_TOOL_TIME"));
    }

    @Test
    void a_refused_knowledge_index_url_is_reported_without_its_password() {
        assertThatThrownBy(() -> ConfigLoader.load(
                        Map.of(
                                "GROKGRAM_LLM_MODEL", "grok-x",
                                "GROKGRAM_KNOWLEDGE_INDEX", "jdbc:mysql://kb:hunter2@db.internal/kb?password=hunter3"),
                        ConfigLoader.Mode.SANDBOX))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(String.join("\n", e.problems()))
                                .contains("GROKGRAM_KNOWLEDGE_INDEX")
                                .contains("db.internal")
                                .doesNotContain("hunter2")
                                .doesNotContain("hunter3"));
    }
}

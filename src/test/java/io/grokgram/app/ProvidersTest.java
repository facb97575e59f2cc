package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokgram.llm.ApiKey;
import io.grokgram.llm.ChainSettings;
import io.grokgram.llm.RouteSettings;
import io.grokgram.privacy.PrivacyPolicy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvidersTest {

    @Test
    void the_primary_provider_comes_first_then_the_fallbacks_in_order() {
        Config config = ConfigLoader.load(
                Map.of(
                        "GROKGRAM_LLM_FALLBACKS",
                        "grok-4.20-non-reasoning; llama3.2@http://127.0.0.1:11434/v1;"
                                + " qwen3@http://127.0.0.1:11434/v1; gpt-4.1-mini@https://api.openai.com/v1"
                                + " key=GROKGRAM_LLM_FALLBACK_OPENAI_API_KEY",
                        "GROKGRAM_LLM_FALLBACK_OPENAI_API_KEY",
                        "sk-fallback-secret"),
                ConfigLoader.Mode.SANDBOX);

        ChainSettings chain = Providers.chain(config);

        assertThat(chain.routes())
                .extracting(route ->
                        route.provider().name() + " at " + route.provider().baseUrl()
                                + route.model().map(m -> "#" + m).orElse(""))
                .containsExactly(
                        "xai at https://api.x.ai/v1",
                        "xai at https://api.x.ai/v1#grok-4.20-non-reasoning",
                        "127.0.0.1-11434 at http://127.0.0.1:11434/v1#llama3.2",
                        "127.0.0.1-11434 at http://127.0.0.1:11434/v1#qwen3",
                        "api.openai.com at https://api.openai.com/v1#gpt-4.1-mini");
        assertThat(chain.routes().get(1).provider())
                .as("a fallback on the primary provider shares its settings, and so its client")
                .isEqualTo(chain.primary());
        assertThat(chain.routes().get(4).provider().apiKey()).contains(new ApiKey("sk-fallback-secret"));
        assertThat(chain.toString()).doesNotContain("sk-fallback-secret");
        assertThat(chain.routes())
                .extracting(RouteSettings::provider)
                .allSatisfy(provider -> assertThat(provider.storeRequests()).isFalse());
    }

    @Test
    void users_are_told_xai_terms_by_default_and_that_other_providers_are_undescribed() {
        Config config = ConfigLoader.load(
                Map.of("GROKGRAM_LLM_FALLBACKS", "llama3.2@http://127.0.0.1:11434/v1"), ConfigLoader.Mode.SANDBOX);

        PrivacyPolicy policy = Providers.policy(config.privacy(), Providers.chain(config));

        assertThat(policy.version()).isEqualTo(1);
        assertThat(policy.statements()).hasSize(2);
        assertThat(policy.statement("xai").text()).contains("30 days").contains("does not train");
        assertThat(policy.statement("xai").zeroDataRetention()).isFalse();
        assertThat(policy.statement("127.0.0.1-11434").text()).contains("has not described");
    }

    @Test
    void the_operator_states_zero_data_retention_and_their_own_words() {
        Config zdr = ConfigLoader.load(
                Map.of("GROKGRAM_ZERO_DATA_RETENTION", "true", "GROKGRAM_PRIVACY_POLICY_VERSION", "3"),
                ConfigLoader.Mode.SANDBOX);
        Config worded = ConfigLoader.load(
                Map.of(
                        "GROKGRAM_LLM_BASE_URL", "http://127.0.0.1:11434/v1",
                        "GROKGRAM_PROVIDER_RETENTION", "Runs on our own server; nothing is kept."),
                ConfigLoader.Mode.SANDBOX);

        PrivacyPolicy zdrPolicy = Providers.policy(zdr.privacy(), Providers.chain(zdr));
        PrivacyPolicy wordedPolicy = Providers.policy(worded.privacy(), Providers.chain(worded));

        assertThat(zdrPolicy.version()).isEqualTo(3);
        assertThat(zdrPolicy.statement("xai").zeroDataRetention()).isTrue();
        assertThat(zdrPolicy.statement("xai").text()).contains("zero data retention");
        assertThat(wordedPolicy.statement("openai-compatible").text())
                .isEqualTo("Runs on our own server; nothing is kept.");
    }
}

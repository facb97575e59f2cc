package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokgram.llm.ChatProvider;
import io.grokgram.llm.ResilientProvider;
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

        ChatProvider provider = Providers.create(config);

        assertThat(provider).isInstanceOf(ResilientProvider.class);
        assertThat(provider.name()).isEqualTo("xai");
        assertThat(provider.toString())
                .isEqualTo("ResilientProvider["
                        + "OpenAiCompatibleProvider[xai at https://api.x.ai/v1]"
                        + " then OpenAiCompatibleProvider[xai at https://api.x.ai/v1]#grok-4.20-non-reasoning"
                        + " then OpenAiCompatibleProvider[127.0.0.1-11434 at http://127.0.0.1:11434/v1]#llama3.2"
                        + " then OpenAiCompatibleProvider[127.0.0.1-11434 at http://127.0.0.1:11434/v1]#qwen3"
                        + " then OpenAiCompatibleProvider[api.openai.com at https://api.openai.com/v1]#gpt-4.1-mini]")
                .doesNotContain("sk-fallback-secret");
    }
}

package io.grokgram.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProviderSettingsTest {

    @Test
    void the_key_is_masked_wherever_it_is_printed() {
        ApiKey key = new ApiKey("xai-AbC123");
        ProviderSettings settings =
                ProviderSettings.of("xai", URI.create("https://api.example.com/v1"), Optional.of(key));

        assertThat(key.toString()).isEqualTo("ApiKey[****]");
        assertThat(settings.toString()).doesNotContain("AbC123").contains("ApiKey[****]");
        assertThat(key.redact("echo: xai-AbC123.")).isEqualTo("echo: ****.");
    }

    @Test
    void defaults_do_not_let_the_provider_store_requests() {
        ProviderSettings settings =
                ProviderSettings.of("xai", URI.create("https://api.example.com/v1"), Optional.empty());

        assertThat(settings.storeRequests()).isFalse();
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "key with space", "key\nnext"})
    void a_key_that_cannot_be_a_header_is_refused_without_showing_it(String value) {
        assertThatThrownBy(() -> new ApiKey(value))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(value.isBlank() || !e.getMessage().contains(value))
                        .isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://api.example.com/v1", "api.example.com/v1", "https://api.example.com/v1?key=1"})
    void a_base_url_must_be_plain_http(String url) {
        assertThatThrownBy(() -> ProviderSettings.of("xai", URI.create(url), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("baseUrl");
    }

    @Test
    void credentials_in_the_url_are_refused_and_not_echoed() {
        assertThatThrownBy(() -> ProviderSettings.of(
                        "xai", URI.create("https://user:s3cret@api.example.com/v1"), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void timeouts_must_be_positive() {
        ProviderSettings settings = ProviderSettings.of("xai", URI.create("http://127.0.0.1:1/v1"), Optional.empty());

        assertThatThrownBy(() -> settings.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("connectTimeout");
    }
}

package io.grokgram.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.RateLimitException;
import java.io.EOFException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProviderErrorsTest {
    private static final ApiKey KEY = new ApiKey("xai-secret-0042");
    private final ProviderErrors errors = new ProviderErrors("xai", Optional.of(KEY));

    @Test
    void a_key_the_provider_echoes_is_redacted() {
        HttpException http = new HttpException(
                401, "{\"error\":{\"message\":\"Incorrect API key provided: xai-secret-0042\",\"code\":null}}");

        LlmException error = errors.map(new AuthenticationException(http), "");

        assertThat(error).isInstanceOf(LlmException.Unauthorized.class);
        assertThat(error.getMessage()).isEqualTo("xai denied access (HTTP 401): Incorrect API key provided: ****");
    }

    @Test
    void the_plain_string_error_form_is_read_too() {
        HttpException http = new HttpException(400, "{\"code\":\"bad\",\"error\":\"Live search is deprecated.\"}");

        LlmException error = errors.map(http, "");

        assertThat(error).isInstanceOf(LlmException.InvalidRequest.class);
        assertThat(error.getMessage()).endsWith(": Live search is deprecated.");
    }

    @Test
    void retry_after_comes_from_our_status_exception() {
        SseHttpClient.StatusException http =
                new SseHttpClient.StatusException(429, "slow down", Optional.of(Duration.ofMillis(1500)));

        LlmException error = errors.map(new RateLimitException(http), "");

        assertThat(error.retryAfter()).contains(Duration.ofMillis(1500));
        assertThat(error.getMessage()).isEqualTo("xai rate limited (HTTP 429): slow down");
    }

    @Test
    void a_status_langchain4j_left_unclassified_maps_by_its_range() {
        assertThat(errors.map(new HttpException(408, ""), "part")).isInstanceOf(LlmException.TimedOut.class);
        assertThat(errors.map(new HttpException(413, ""), "")).isInstanceOf(LlmException.InvalidRequest.class);
        assertThat(errors.map(new HttpException(504, ""), "")).isInstanceOf(LlmException.Unavailable.class);
        assertThat(errors.map(new HttpException(408, ""), "part").partialText()).isEqualTo("part");
    }

    @Test
    void running_out_of_credits_is_told_apart_from_a_wrong_key() {
        assertThat(errors.map(new HttpException(402, ""), "")).isInstanceOf(LlmException.OutOfCredits.class);
        assertThat(errors.map(
                        new HttpException(
                                403, "{\"error\":\"Your team has run out of credits. Purchase more in the console.\"}"),
                        ""))
                .isInstanceOf(LlmException.OutOfCredits.class)
                .hasMessageContaining("no credits left");
        assertThat(errors.map(new HttpException(403, "{\"error\":\"The API key is not allowed here\"}"), ""))
                .isInstanceOf(LlmException.Unauthorized.class);
        assertThat(errors.map(new HttpException(429, "{\"error\":\"Too many requests\"}"), ""))
                .isInstanceOf(LlmException.RateLimited.class);
    }

    @Test
    void a_cut_stream_keeps_the_partial_text() {
        LlmException error =
                errors.map(new LangChain4jException(new EOFException("the stream ended without data: [DONE]")), "Hal");

        assertThat(error).isInstanceOf(LlmException.Unavailable.class);
        assertThat(error.partialText()).isEqualTo("Hal");
        assertThat(error.getMessage()).contains("cut the connection", "[DONE]");
    }

    @Test
    void an_unreadable_reply_is_unavailable() {
        LlmException error = errors.map(new IllegalStateException("Unexpected character ('<')"), "");

        assertThat(error).isInstanceOf(LlmException.Unavailable.class);
        assertThat(error.retriable()).isTrue();
    }

    @Test
    void an_llm_exception_is_not_mapped_twice() {
        LlmException once = new LlmException.Unauthorized("xai denied access", null);

        assertThat(errors.map(once, "")).isSameAs(once);
    }
}

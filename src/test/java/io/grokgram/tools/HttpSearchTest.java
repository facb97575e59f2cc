package io.grokgram.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grokgram.sandbox.SandboxWeb;
import io.grokgram.web.HttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP search backend against the sandbox's SearXNG-like API. */
class HttpSearchTest {
    private HttpServer server;

    @BeforeEach
    void start() {
        server = HttpServer.start("127.0.0.1", 0, List.of(new SandboxWeb()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpSearch search(Duration timeout) {
        return new HttpSearch(URI.create(server.baseUrl() + "/search"), timeout);
    }

    @Test
    void results_come_back_ranked_with_title_url_and_snippet() {
        List<SearchHit> hits = search(Duration.ofSeconds(3)).search("aurora offline maps", 2);

        assertThat(hits).hasSize(2);
        assertThat(hits.getFirst().title()).isEqualTo("Aurora 2.0 released with offline maps");
        assertThat(hits.getFirst().url()).isEqualTo(server.baseUrl() + "/pages/aurora-2-release");
        assertThat(hits.getFirst().snippet()).contains("40 countries");
    }

    @Test
    void a_failing_backend_and_a_slow_one_give_clear_failures() {
        assertThatThrownBy(() -> search(Duration.ofSeconds(3)).search("#down", 3))
                .isInstanceOf(ToolException.class)
                .hasMessage("the search service answered HTTP 503");
        assertThatThrownBy(() -> search(Duration.ofMillis(300)).search("#slow", 3))
                .isInstanceOf(ToolException.class)
                .hasMessageContaining("did not answer within 300 ms");
    }
}

package io.grokgram.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grokgram.sandbox.SandboxWeb;
import io.grokgram.web.HttpServer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** read_url against the sandbox web over real HTTP: what it reads, and each thing it refuses with a clear message. */
class PageReaderTest {
    private HttpServer server;
    private String base;

    @BeforeEach
    void start() {
        server = HttpServer.start("127.0.0.1", 0, List.of(new SandboxWeb()));
        base = server.baseUrl();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static PageReader reader(AddressPolicy policy) {
        return new PageReader(policy, 1_000_000, 5_000, Duration.ofSeconds(3));
    }

    @Test
    void a_page_is_read_as_its_title_and_readable_text() {
        PageText page = reader(new AddressPolicy(true)).read(base + "/pages/aurora-2-release");

        assertThat(page.title()).isEqualTo("Aurora 2.0 released with offline maps");
        assertThat(page.text()).contains("offline maps for 40 countries").doesNotContain("tracking", "Sandbox web");
        assertThat(page.url()).isEqualTo(base + "/pages/aurora-2-release");
    }

    @Test
    void a_redirect_to_an_allowed_page_is_followed() {
        PageText page = reader(new AddressPolicy(true)).read(base + "/redirect?to=/pages/kettle-review");

        assertThat(page.title()).isEqualTo("Review: the Borealis smart kettle");
        assertThat(page.url()).endsWith("/pages/kettle-review");
    }

    @ParameterizedTest
    @CsvSource({
        "http://127.0.0.1:9/x, loopback",
        "http://[::1]:9/x, loopback",
        "http://10.1.2.3/x, private",
        "http://192.168.0.10/x, private",
        "http://172.16.5.4/x, private",
        "http://169.254.169.254/latest/meta-data/, link-local",
        "http://[fe80::1]/x, link-local",
        "http://[fd12:3456::1]/x, unique local",
        "http://100.64.0.1/x, carrier-grade NAT",
        "http://0.0.0.0/x, unspecified",
        "http://localhost:9/x, loopback"
    })
    void loopback_private_and_link_local_addresses_and_names_resolving_to_them_are_refused(String url, String kind) {
        assertThatThrownBy(() -> reader(AddressPolicy.PUBLIC_ONLY).read(url))
                .isInstanceOf(ToolException.Refused.class)
                .hasMessageContaining(kind)
                .hasMessageContaining("tools may not reach");
    }

    @Test
    void a_redirect_to_a_refused_address_is_refused_after_the_allowed_first_hop() {
        // the first hop is allowed only because the operator trusts this one host; the redirect goes elsewhere
        AddressPolicy trustsOnlyTheSandbox = new AddressPolicy(false, java.util.Set.of("127.0.0.1"));

        assertThatThrownBy(() -> reader(trustsOnlyTheSandbox)
                        .read(base + "/redirect?to=http://169.254.169.254/latest/meta-data/"))
                .isInstanceOf(ToolException.Refused.class)
                .hasMessageContaining("link-local");
        assertThatThrownBy(() -> reader(trustsOnlyTheSandbox).read(base + "/redirect?to=http://localhost:1/admin"))
                .isInstanceOf(ToolException.Refused.class)
                .hasMessageContaining("loopback");
    }

    @Test
    void other_schemes_are_refused() {
        assertThatThrownBy(() -> reader(new AddressPolicy(true)).read("file:///etc/passwd"))
                .isInstanceOf(ToolException.Refused.class)
                .hasMessageContaining("only http and https");
        assertThatThrownBy(() -> reader(new AddressPolicy(true)).read("ftp://example.org/x"))
                .isInstanceOf(ToolException.Refused.class)
                .hasMessageContaining("ftp:");
    }

    @Test
    void an_oversized_page_is_refused() {
        assertThatThrownBy(() -> reader(new AddressPolicy(true)).read(base + "/pages/big"))
                .isInstanceOf(ToolException.Refused.class)
                .hasMessageContaining("larger than 976 KiB");
    }

    @Test
    void a_body_that_is_not_html_is_refused() {
        assertThatThrownBy(() -> reader(new AddressPolicy(true)).read(base + "/pages/data.json"))
                .isInstanceOf(ToolException.Refused.class)
                .hasMessageContaining("not a web page but application/json");
    }

    @Test
    void a_public_address_passes_the_policy() throws Exception {
        assertThat(AddressPolicy.refusedKind(InetAddress.getByName("93.184.215.14")))
                .isNull();
        assertThat(AddressPolicy.refusedKind(InetAddress.getByName("2606:4700::1111")))
                .isNull();
        assertThat(AddressPolicy.refusedKind(InetAddress.getByName("::ffff:10.0.0.1")))
                .isEqualTo("private");
    }
}

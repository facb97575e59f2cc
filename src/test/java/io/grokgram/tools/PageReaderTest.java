package io.grokgram.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grokgram.sandbox.SandboxWeb;
import io.grokgram.web.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
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
        "http://localhost:9/x, loopback",
        "http://2130706433:9/x, loopback",
        "http://[::ffff:127.0.0.1]:9/x, loopback"
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

    @Test
    void a_name_that_answers_public_to_one_lookup_and_loopback_to_the_next_never_reaches_loopback() throws Exception {
        try (Listener loopback = new Listener()) {
            AtomicInteger lookups = new AtomicInteger();
            // a rebinding DNS server: a public address first (TEST-NET-3, unroutable), this machine after that
            CheckedDns.Lookup rebinding = host ->
                    List.of(InetAddress.getByName(lookups.getAndIncrement() == 0 ? "203.0.113.7" : "127.0.0.1"));
            PageReader reader =
                    new PageReader(AddressPolicy.PUBLIC_ONLY, 1_000_000, 5_000, Duration.ofSeconds(1), rebinding);

            assertThatThrownBy(() -> reader.read("http://rebind.test:" + loopback.port() + "/pages/aurora-2-release"))
                    .isInstanceOf(ToolException.class);
            assertThatThrownBy(() -> reader.read("http://rebind.test:" + loopback.port() + "/pages/aurora-2-release"))
                    .isInstanceOf(ToolException.Refused.class)
                    .hasMessageContaining("loopback address (rebind.test is 127.0.0.1)");

            assertThat(loopback.connections())
                    .as("connections the loopback server received")
                    .isZero();
        }
    }

    @Test
    void a_name_resolving_to_a_private_address_or_to_one_among_public_ones_is_refused_whole() throws Exception {
        try (Listener loopback = new Listener()) {
            CheckedDns.Lookup intranet = host -> List.of(InetAddress.getByName("10.0.0.5"));
            CheckedDns.Lookup mixed =
                    host -> List.of(InetAddress.getByName("203.0.113.7"), InetAddress.getByName("127.0.0.1"));

            assertThatThrownBy(() -> reader(intranet).read("http://wiki.corp.test/start"))
                    .isInstanceOf(ToolException.Refused.class)
                    .hasMessage("the link points to a private address (wiki.corp.test is 10.0.0.5),"
                            + " which tools may not reach");
            assertThatThrownBy(() -> reader(mixed).read("http://mixed.test:" + loopback.port() + "/x"))
                    .isInstanceOf(ToolException.Refused.class)
                    .hasMessageContaining("loopback")
                    .hasMessageContaining("tools may not reach");
            assertThat(loopback.connections()).isZero();
        }
    }

    @Test
    void a_host_that_does_not_exist_is_named_and_a_malformed_address_is_refused() {
        CheckedDns.Lookup nothing = host -> {
            throw new UnknownHostException(host);
        };

        assertThatThrownBy(() -> reader(nothing).read("http://no-such-host.test/x"))
                .isInstanceOf(ToolException.class)
                .hasMessage("the host no-such-host.test does not exist (DNS found no address)");
        // shapes an HTTP client would take for an address without asking DNS, but no address a link may hold
        for (String odd : List.of("http://1.2.3.4.5/x", "http://127.1:9/x", "http://127.0.0.1.:9/x")) {
            assertThatThrownBy(() -> reader(nothing).read(odd)).isInstanceOf(ToolException.Refused.class);
        }
    }

    @Test
    void a_page_that_does_not_answer_in_time_is_given_up() throws Exception {
        try (Listener silent = new Listener()) {
            PageReader reader = new PageReader(new AddressPolicy(true), 1_000_000, 5_000, Duration.ofMillis(500));
            long start = System.nanoTime();

            assertThatThrownBy(() -> reader.read("http://127.0.0.1:" + silent.port() + "/slow"))
                    .isInstanceOf(ToolException.class)
                    .hasMessage("the page did not answer within 500 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(silent.connections()).isEqualTo(1);
        }
    }

    private static PageReader reader(CheckedDns.Lookup lookup) {
        return new PageReader(AddressPolicy.PUBLIC_ONLY, 1_000_000, 5_000, Duration.ofSeconds(1), lookup);
    }

    /** A loopback port that counts the connections it gets and never answers them. */
    private static final class Listener implements AutoCloseable {
        private final ServerSocket socket;
        private final AtomicInteger connections = new AtomicInteger();
        private final List<Socket> accepted = new ArrayList<>();

        Listener() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().name("test-listener").start(this::accept);
        }

        private void accept() {
            try {
                while (true) {
                    Socket connection = socket.accept();
                    connections.incrementAndGet();
                    synchronized (accepted) {
                        accepted.add(connection);
                    }
                }
            } catch (IOException e) {
                // closed by the test
            }
        }

        int port() {
            return socket.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            synchronized (accepted) {
                for (Socket connection : accepted) {
                    connection.close();
                }
            }
        }
    }
}

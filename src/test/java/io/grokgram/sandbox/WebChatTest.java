package io.grokgram.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebChatTest {
    private static final Pattern LINKED = Pattern.compile("(?i)(src|href|action)\\s*=\\s*[\"']?([^\"'\\s>]*)");

    private final HttpClient http = HttpClient.newHttpClient();
    private Sandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = Sandbox.withWebChat();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(sandbox.server.baseUrl() + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void the_root_serves_the_chat_page() throws Exception {
        // when
        var response = get("/");

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body())
                .startsWith("<!DOCTYPE html>")
                .contains("/sandbox/api/chats/", "localStorage")
                .contains("aria-label=\"Message to the assistant\"")
                .contains("prefers-color-scheme: dark")
                .contains("/new")
                .contains("/sandbox/api/groups", "id=\"chat-select\"");
        assertThat(get("/chat").body()).isEqualTo(response.body());
    }

    @Test
    void the_page_presses_callback_buttons_and_follows_deep_links_to_the_bot() throws Exception {
        // when
        String page = get("/").body();

        // then: callback buttons are real buttons that press through the user API, showing the bot's answer
        assertThat(page)
                .contains("createElement(\"button\")", "/messages/\" + messageId + \"/buttons\"", "callback_data: data")
                .contains("body.answer.text", "showToast(")
                .contains("\"/start \" + payload", "rel = \"noopener noreferrer\"", "target = \"_blank\"");
    }

    @Test
    void the_page_pays_with_pay_buttons_and_invoice_links_and_shows_payments() throws Exception {
        // when
        String page = get("/").body();

        // then: Pay buttons pay their invoice message, invoice links (buttons or text) pay through the same endpoint
        assertThat(page)
                .contains("button.pay === true", "payInvoice(pay, { chat_id: chat, message_id: messageId })")
                .contains("isInvoiceLink(button.url)", "payInvoice(payLink, { link: button.url })")
                .contains("isInvoiceLink(link.getAttribute(\"href\"))", "\"/sandbox/api/payments\"")
                .contains("body.status === \"paid\"", "body.error_message")
                .contains("m.successful_payment", "m.refunded_payment", "m.invoice");
    }

    @Test
    void the_page_loads_nothing_from_other_hosts() throws Exception {
        // when
        String page = get("/").body();

        // then
        assertThat(page).doesNotContain("://").doesNotContain("<link").doesNotContain("@import");
        Matcher linked = LINKED.matcher(page);
        while (linked.find()) {
            assertThat(linked.group(2))
                    .as(linked.group())
                    .doesNotStartWith("//")
                    .doesNotStartWithIgnoringCase("http");
        }
        assertThat(get("/").headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'", "connect-src 'self'"));
    }
}

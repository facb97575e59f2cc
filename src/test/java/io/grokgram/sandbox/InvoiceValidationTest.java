package io.grokgram.sandbox;

import static io.grokgram.sandbox.BotApiClient.params;
import static io.grokgram.sandbox.InvoiceParams.MONTH;
import static io.grokgram.sandbox.InvoiceParams.invoice;
import static io.grokgram.sandbox.InvoiceParams.price;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** sendInvoice and createInvoiceLink: what Telegram accepts for Stars, and its words for what it refuses. */
class InvoiceValidationTest {
    @AutoClose
    private final Sandbox sandbox = Sandbox.start();

    private final BotApiClient api = sandbox.api;

    /** Ann has written, so the bot may send to chat 42. */
    private final SandboxUser ann = sandbox.userWhoWrote(42, "Ann");

    static Stream<Arguments> refusedByBoth() {
        return Stream.of(
                Arguments.of("no title", new Object[] {"title", ""}, "Bad Request: parameter \"title\" is required"),
                Arguments.of(
                        "no description",
                        new Object[] {"description", null},
                        "Bad Request: parameter \"description\" is required"),
                Arguments.of(
                        "no payload", new Object[] {"payload", ""}, "Bad Request: parameter \"payload\" is required"),
                Arguments.of(
                        "no currency",
                        new Object[] {"currency", null},
                        "Bad Request: parameter \"currency\" is required"),
                Arguments.of(
                        "no prices", new Object[] {"prices", null}, "Bad Request: parameter \"prices\" is required"),
                Arguments.of(
                        "prices not JSON",
                        new Object[] {"prices", "[{"},
                        "Bad Request: can't parse prices JSON object"),
                Arguments.of(
                        "prices not an array",
                        new Object[] {"prices", Map.of("label", "Pro", "amount", 5)},
                        "Bad Request: expected an Array of labeled prices"),
                Arguments.of(
                        "no price",
                        new Object[] {"prices", List.of()},
                        "Bad Request: there must be at least one price"),
                Arguments.of(
                        "empty label",
                        new Object[] {"prices", List.of(Map.of("label", "", "amount", 5))},
                        "Bad Request: can't parse labeled price: LabeledPrice label must be non-empty"),
                Arguments.of(
                        "no amount",
                        new Object[] {"prices", List.of(Map.of("label", "Pro"))},
                        "Bad Request: can't parse labeled price: Can't find field \"amount\""),
                Arguments.of("zero", new Object[] {"prices", price(0)}, "Bad Request: total price must be positive"),
                Arguments.of(
                        "negative", new Object[] {"prices", price(-5)}, "Bad Request: total price must be positive"),
                Arguments.of(
                        "thirteen digits",
                        new Object[] {"prices", price(1_000_000_000_000L)},
                        "Bad Request: too big amount of the currency specified"),
                Arguments.of(
                        "not a currency code", new Object[] {"currency", "stars"}, "Bad Request: CURRENCY_INVALID"),
                Arguments.of(
                        "a real currency (no provider in the sandbox)",
                        new Object[] {"currency", "EUR"},
                        "Bad Request: PAYMENT_PROVIDER_INVALID"),
                Arguments.of(
                        "Stars with a provider token",
                        new Object[] {"provider_token", "284685063:TEST:abc"},
                        "Bad Request: STARS_INVOICE_INVALID"),
                Arguments.of(
                        "Stars with two prices",
                        new Object[] {
                            "prices", List.of(Map.of("label", "Pro", "amount", 5), Map.of("label", "Tax", "amount", 1))
                        },
                        "Bad Request: STARS_INVOICE_INVALID"),
                Arguments.of(
                        "payload of 129 bytes",
                        new Object[] {"payload", "é".repeat(64) + "x"},
                        "Bad Request: INVOICE_PAYLOAD_INVALID"),
                Arguments.of("title of 33", new Object[] {"title", "t".repeat(33)}, "Bad Request: TITLE_INVALID"),
                Arguments.of(
                        "description of 256",
                        new Object[] {"description", "d".repeat(256)},
                        "Bad Request: DESCRIPTION_INVALID"),
                Arguments.of(
                        "over 100 000 Stars",
                        new Object[] {"prices", price(100_001)},
                        "Bad Request: CURRENCY_TOTAL_AMOUNT_INVALID"));
    }

    @ParameterizedTest(name = "sendInvoice: {0}")
    @MethodSource("refusedByBoth")
    void send_invoice_refuses_what_telegram_refuses(String name, Object[] change, String description) {
        // given
        Map<String, Object> params = invoice(change);
        params.put("chat_id", 42);

        // when
        var response = api.json("sendInvoice", params);

        // then
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.description()).isEqualTo(description);
        assertThat(sandbox.emulator.messages(42)).hasSize(1);
    }

    @ParameterizedTest(name = "createInvoiceLink: {0}")
    @MethodSource("refusedByBoth")
    void create_invoice_link_refuses_what_telegram_refuses(String name, Object[] change, String description) {
        // when
        var response = api.json("createInvoiceLink", invoice(change));

        // then
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.description()).isEqualTo(description);
    }

    @Test
    void the_limits_themselves_are_accepted() {
        // when
        var longest = api.json(
                "sendInvoice",
                invoice(
                        "chat_id",
                        42,
                        "title",
                        "t".repeat(32),
                        "description",
                        "d".repeat(255),
                        "payload",
                        "é".repeat(64),
                        "prices",
                        price(100_000)));
        var subscription =
                api.json("createInvoiceLink", invoice("subscription_period", MONTH, "prices", price(10_000)));

        // then
        assertThat(longest.ok()).as(longest.raw()).isTrue();
        assertThat(longest.result().path("invoice").path("total_amount").asLong())
                .isEqualTo(100_000);
        assertThat(subscription.ok()).as(subscription.raw()).isTrue();
    }

    @Test
    void a_subscription_is_thirty_days_at_most_ten_thousand_stars_and_only_a_link() {
        // when
        var week = api.json("createInvoiceLink", invoice("subscription_period", 604_800));
        var monthAndASecond = api.json("createInvoiceLink", invoice("subscription_period", MONTH + 1));
        var tooDear = api.json("createInvoiceLink", invoice("subscription_period", MONTH, "prices", price(10_001)));
        var inAChat = api.json("sendInvoice", invoice("chat_id", 42, "subscription_period", MONTH));
        var inEuros = api.json("createInvoiceLink", invoice("subscription_period", MONTH, "currency", "EUR"));

        // then
        assertThat(week.description()).isEqualTo("Bad Request: SUBSCRIPTION_PERIOD_INVALID");
        assertThat(monthAndASecond.description()).isEqualTo("Bad Request: SUBSCRIPTION_PERIOD_INVALID");
        assertThat(tooDear.description()).isEqualTo("Bad Request: SUBSCRIPTION_AMOUNT_INVALID");
        assertThat(inAChat.description()).isEqualTo("Bad Request: SUBSCRIPTION_EXPORT_MISSING");
        assertThat(inEuros.description()).isEqualTo("Bad Request: PAYMENT_PROVIDER_INVALID");
    }

    @Test
    void an_invoice_goes_only_to_a_chat_the_bot_has() {
        // when
        var unknown = api.json("sendInvoice", invoice("chat_id", 4242));
        var none = api.json("sendInvoice", invoice());

        // then
        assertThat(unknown.description()).isEqualTo("Bad Request: chat not found");
        assertThat(none.description()).isEqualTo("Bad Request: chat_id is empty");
    }

    @Test
    void an_own_keyboard_must_start_with_the_pay_button() {
        // given
        Map<String, Object> payFirst = Map.of(
                "inline_keyboard",
                List.of(List.of(
                        Map.of("text", "Pay ⭐250", "pay", true), Map.of("text", "Terms", "callback_data", "terms"))));
        Map<String, Object> termsFirst =
                Map.of("inline_keyboard", List.of(List.of(Map.of("text", "Terms", "callback_data", "terms"))));

        // when
        var accepted = api.json("sendInvoice", invoice("chat_id", 42, "reply_markup", payFirst));
        var refused = api.json("sendInvoice", invoice("chat_id", 42, "reply_markup", termsFirst));

        // then
        JsonNode keyboard = accepted.result().path("reply_markup").path("inline_keyboard");
        assertThat(keyboard.path(0).path(0).path("pay").asBoolean()).isTrue();
        assertThat(keyboard.path(0).path(1).path("callback_data").asText()).isEqualTo("terms");
        assertThat(refused.description()).isEqualTo("Bad Request: REPLY_MARKUP_BUY_EMPTY");
    }

    @Test
    void an_invoice_message_is_shaped_like_telegrams_and_shows_a_pay_button_in_the_chat() {
        // when
        var sent = api.json("sendInvoice", invoice("chat_id", 42));

        // then: the Bot API message
        assertThat(sent.ok()).as(sent.raw()).isTrue();
        JsonNode message = sent.result();
        assertThat(message.path("from").path("is_bot").asBoolean()).isTrue();
        assertThat(message.has("text")).isFalse();
        assertThat(message.has("reply_markup")).isFalse();
        JsonNode invoice = message.path("invoice");
        assertThat(invoice.path("title").asText()).isEqualTo("Pro plan");
        assertThat(invoice.path("description").asText()).isEqualTo("Thirty days of Pro");
        assertThat(invoice.path("start_parameter").asText()).isEmpty();
        assertThat(invoice.path("currency").asText()).isEqualTo("XTR");
        assertThat(invoice.path("total_amount").asLong()).isEqualTo(250);
        assertThat(invoice.has("payload")).isFalse();
        // and what the chat shows: the invoice with the Pay button clients draw under it
        assertThat(sandbox.emulator.messages(42).getLast().content()).isEqualTo(ChatMessage.Content.INVOICE);
        BotEvent shown = sandbox.emulator.events(42).getLast();
        assertThat(shown.kind()).isEqualTo(BotEvent.Kind.SENT);
        assertThat(shown.text()).isEqualTo("Pro plan\nThirty days of Pro\n⭐250");
        assertThat(shown.replyMarkup()
                        .orElseThrow()
                        .path("inline_keyboard")
                        .path(0)
                        .path(0)
                        .path("pay")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void an_invoice_link_is_an_opaque_t_me_dollar_link() {
        // when
        var first = api.json("createInvoiceLink", invoice());
        var second = api.json("createInvoiceLink", invoice());

        // then
        assertThat(first.result().asText()).matches("https://t\\.me/\\$[A-Za-z0-9_-]{22}");
        assertThat(second.result().asText()).isNotEqualTo(first.result().asText());
    }

    @Test
    void the_methods_take_form_parameters_too() {
        // when
        var link = api.form(
                "createInvoiceLink",
                Map.of(
                        "title", "Pro",
                        "description", "Pro plan",
                        "payload", "p",
                        "currency", "XTR",
                        "prices", "[{\"label\":\"Pro\",\"amount\":\"7\"}]"));
        var balance = api.json("getMyStarBalance", params());

        // then
        assertThat(link.ok()).as(link.raw()).isTrue();
        assertThat(balance.result().path("amount").asLong()).isZero();
    }
}

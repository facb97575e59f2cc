package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The invoice parameters of sendInvoice and createInvoiceLink, checked in Telegram's order: what the Bot API server
 * parses (Client.cpp {@code get_input_message_invoice}: required strings, the prices JSON), what TDLib checks
 * ({@code InputInvoice::process_input_message_invoice}: amounts), then what Telegram's servers refuse.
 *
 * <p>The sandbox sells digital goods only, so only Telegram Stars ({@code XTR}) are accepted: one price, no provider
 * token. Server errors are Telegram's constants where they are documented (INVOICE_PAYLOAD_INVALID,
 * STARS_INVOICE_INVALID, PAYMENT_PROVIDER_INVALID, SUBSCRIPTION_PERIOD_INVALID, SUBSCRIPTION_EXPORT_MISSING,
 * REPLY_MARKUP_BUY_EMPTY) or were measured against Telegram by others (SUBSCRIPTION_AMOUNT_INVALID above 10 000 Stars a
 * period, CURRENCY_TOTAL_AMOUNT_INVALID above 100 000 for one payment). TITLE_INVALID, DESCRIPTION_INVALID and
 * CURRENCY_INVALID are the emulator's words: Telegram's for those cases are not public.
 */
final class Invoices {
    static final String STARS = "XTR";
    static final int MAX_TITLE = 32;
    static final int MAX_DESCRIPTION = 255;
    static final int MAX_PAYLOAD_BYTES = 128;
    /** stars_subscription_amount_max in Telegram's client config (10 000 since Bot API 9.0). */
    static final long MAX_SUBSCRIPTION_STARS = 10_000;
    /** Not documented; measured: 100 000 Stars were accepted for one payment, 150 000 refused. */
    static final long MAX_STARS = 100_000;
    /** TDLib {@code check_currency_amount}: at most 12 digits. */
    private static final long MAX_CURRENCY_AMOUNT = 999_999_999_999L;

    private Invoices() {}

    /** What the Bot API server read, before TDLib and Telegram looked at it. */
    record Parsed(
            String title,
            String description,
            String payload,
            String currency,
            String providerToken,
            List<Price> prices,
            int subscriptionPeriod) {}

    record Price(String label, long amount) {}

    /** The server's parsing: required parameters in its order, then the prices JSON. */
    static Parsed parse(Params params) {
        String title = required(params, "title");
        String description = required(params, "description");
        String payload = required(params, "payload");
        String currency = required(params, "currency");
        String pricesJson = required(params, "prices");
        JsonNode prices = Json.parseOrNull(pricesJson);
        if (prices == null) {
            throw BotApiException.badRequest("can't parse prices JSON object");
        }
        return new Parsed(
                title,
                description,
                payload,
                currency,
                params.arg("provider_token"),
                prices(prices),
                params.integer("subscription_period", 0, 0, Integer.MAX_VALUE));
    }

    /**
     * TDLib's and Telegram's checks; {@code link} for createInvoiceLink, the only method that may create a
     * subscription.
     */
    static Invoice check(Parsed parsed, boolean link) {
        long total = 0;
        for (Price price : parsed.prices()) {
            if (Math.abs(price.amount()) > MAX_CURRENCY_AMOUNT) {
                throw BotApiException.tdlib("Too big amount of the currency specified");
            }
            total += price.amount();
        }
        if (total <= 0) {
            throw BotApiException.tdlib("Total price must be positive");
        }
        if (total > MAX_CURRENCY_AMOUNT) {
            throw BotApiException.tdlib("Total price is too big");
        }
        checkCurrency(parsed);
        if (parsed.payload().getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
            throw BotApiException.badRequest("INVOICE_PAYLOAD_INVALID");
        }
        if (parsed.title().length() > MAX_TITLE) {
            throw BotApiException.badRequest("TITLE_INVALID");
        }
        if (parsed.description().length() > MAX_DESCRIPTION) {
            throw BotApiException.badRequest("DESCRIPTION_INVALID");
        }
        OptionalInt period = checkSubscription(parsed.subscriptionPeriod(), total, link);
        return new Invoice(
                parsed.title(),
                parsed.description(),
                parsed.payload(),
                parsed.currency(),
                parsed.prices().getFirst().label(),
                total,
                period);
    }

    /** Telegram's server: the first button of an invoice's own keyboard must be the Pay button. */
    static Optional<JsonNode> checkPayButton(Optional<JsonNode> keyboard) {
        if (keyboard.isEmpty()) {
            return keyboard;
        }
        JsonNode first = keyboard.get().path("inline_keyboard").path(0).path(0);
        if (!first.has("pay")) {
            throw BotApiException.badRequest("REPLY_MARKUP_BUY_EMPTY");
        }
        // TDLib keeps only the button's type: whatever value "pay" had, Telegram echoes true
        ((ObjectNode) first).put("pay", true);
        return keyboard;
    }

    private static void checkCurrency(Parsed parsed) {
        if (!parsed.currency().matches("[A-Z]{3}")) {
            throw BotApiException.badRequest("CURRENCY_INVALID");
        }
        if (!parsed.currency().equals(STARS)) {
            // a real currency needs a payment provider, and the sandbox has none
            throw BotApiException.badRequest("PAYMENT_PROVIDER_INVALID");
        }
        if (!parsed.providerToken().isEmpty() || parsed.prices().size() != 1) {
            throw BotApiException.badRequest("STARS_INVOICE_INVALID");
        }
    }

    private static OptionalInt checkSubscription(int period, long total, boolean link) {
        if (period == 0) {
            if (total > MAX_STARS) {
                throw BotApiException.badRequest("CURRENCY_TOTAL_AMOUNT_INVALID");
            }
            return OptionalInt.empty();
        }
        if (!link) {
            throw BotApiException.badRequest("SUBSCRIPTION_EXPORT_MISSING");
        }
        if (period != PaymentState.SUBSCRIPTION_PERIOD) {
            throw BotApiException.badRequest("SUBSCRIPTION_PERIOD_INVALID");
        }
        if (total > MAX_SUBSCRIPTION_STARS) {
            throw BotApiException.badRequest("SUBSCRIPTION_AMOUNT_INVALID");
        }
        return OptionalInt.of(period);
    }

    /** Client.cpp {@code get_labeled_price_parts}. */
    private static List<Price> prices(JsonNode value) {
        if (!value.isArray()) {
            throw BotApiException.tdlib("Expected an Array of labeled prices");
        }
        List<Price> prices = new ArrayList<>();
        for (JsonNode price : value) {
            prices.add(price(price));
        }
        if (prices.isEmpty()) {
            throw BotApiException.tdlib("There must be at least one price");
        }
        return prices;
    }

    private static Price price(JsonNode price) {
        try {
            if (!price.isObject()) {
                throw new JsonFields.FieldException("LabeledPrice must be an Object");
            }
            String label = JsonFields.requiredString(price, "label");
            if (label.isEmpty()) {
                throw new JsonFields.FieldException("LabeledPrice label must be non-empty");
            }
            return new Price(label, JsonFields.requiredLong(price, "amount"));
        } catch (JsonFields.FieldException e) {
            throw BotApiException.badRequest("can't parse labeled price: " + e.getMessage());
        }
    }

    /** Client.cpp {@code get_required_string_arg}: absent and empty are the same. */
    private static String required(Params params, String name) {
        String value = params.arg(name);
        if (value.isEmpty()) {
            throw BotApiException.tdlib("Parameter \"" + name + "\" is required");
        }
        return value;
    }
}

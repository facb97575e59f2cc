package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Paying from the web chat: {@code POST /sandbox/api/payments} with {@code user_id} and either {@code link} (an
 * invoice link, {@code https://t.me/$…}) or {@code chat_id} and {@code message_id} (an invoice message). The bot
 * receives {@code pre_checkout_query}; the answer waits for its decision up to {@code wait} ms (11 s unless given, at
 * most 15 s: a bot has 10 s) and says {@code status} "paid" (with the charge id), "declined" (with the bot's {@code
 * error_message}), "expired" or, if the wait ended first, "pending". Misuse (no such invoice, already paid) is a 400
 * with {@code error}, as in {@link UserApi}.
 */
final class PaymentApi {
    private static final long DEFAULT_WAIT_MILLIS = 11_000;
    private static final long MAX_WAIT_MILLIS = 15_000;

    private final BotApiEmulator emulator;
    private final BiFunction<Long, JsonNode, UserProfile> profiles;

    /** {@code profiles} registers or updates the person named in a request, the way the rest of the user API does. */
    PaymentApi(BotApiEmulator emulator, BiFunction<Long, JsonNode, UserProfile> profiles) {
        this.emulator = emulator;
        this.profiles = profiles;
    }

    void register(RoutesConfig routes) {
        routes.post("/sandbox/api/payments", this::pay);
    }

    private void pay(Context ctx) {
        JsonNode body = Json.parseOrNull(ctx.body());
        long userId = body == null ? 0 : body.path("user_id").asLong(0);
        String link = body == null ? "" : body.path("link").asText("");
        long chatId = body == null ? 0 : body.path("chat_id").asLong(0);
        int messageId = body == null ? 0 : body.path("message_id").asInt(0);
        if (userId <= 0 || (link.isEmpty() && (chatId == 0 || messageId <= 0))) {
            error(ctx, 400, "expected a JSON object with user_id and either link or chat_id and message_id");
            return;
        }
        Optional<BotState> bot = emulator.defaultBotIfAny();
        if (bot.isEmpty()) {
            error(ctx, 404, "no bot is registered");
            return;
        }
        UserProfile user = profiles.apply(userId, body);
        PaymentSide side = emulator.userSide().payments();
        Checkout checkout;
        try {
            checkout = link.isEmpty()
                    ? side.payInvoice(bot.get(), user, chatId, messageId)
                    : side.payLink(bot.get(), user, link);
        } catch (IllegalArgumentException | IllegalStateException e) {
            error(ctx, 400, e.getMessage());
            return;
        }
        String waitParam = ctx.queryParam("wait");
        long wait = waitParam == null ? DEFAULT_WAIT_MILLIS : Math.clamp(Params.toLong(waitParam), 0, MAX_WAIT_MILLIS);
        ObjectNode result = Json.object();
        result.put("pre_checkout_query_id", checkout.queryId());
        Checkout.Outcome outcome;
        try {
            outcome = checkout.await(Duration.ofMillis(wait));
        } catch (IllegalStateException stillOpen) {
            result.put("status", "pending");
            json(ctx, result);
            return;
        }
        switch (outcome) {
            case Checkout.Paid(Payment payment) -> {
                result.put("status", "paid");
                result.put("telegram_payment_charge_id", payment.chargeId());
                result.put("currency", payment.currency());
                result.put("total_amount", payment.totalAmount());
            }
            case Checkout.Declined(String errorMessage) -> {
                result.put("status", "declined");
                result.put("error_message", errorMessage);
            }
            case Checkout.Expired expired -> result.put("status", "expired");
        }
        json(ctx, result);
    }

    private static void json(Context ctx, JsonNode body) {
        ctx.status(200).contentType("application/json").result(Json.write(body));
    }

    private static void error(Context ctx, int status, String message) {
        ObjectNode body = Json.object();
        body.put("error", message);
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }
}

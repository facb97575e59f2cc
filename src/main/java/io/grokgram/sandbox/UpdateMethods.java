package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

/**
 * getUpdates, setWebhook, deleteWebhook and getWebhookInfo, following Client.cpp. A long poll waits on the bot's
 * condition (never holding its lock) until an update arrives or the timeout (capped at 50 s, as Telegram does)
 * passes; a newer poll that is about to wait, or setWebhook, ends it with a 409. The timeout is real time, not the
 * emulator's clock. While a webhook is set, {@link WebhookDelivery} posts the queued updates to it instead.
 */
final class UpdateMethods {
    static final String CONFLICT_OTHER_POLL =
            "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running";
    static final String CONFLICT_WEBHOOK_ACTIVE = "Conflict: can't use getUpdates method while webhook is active;"
            + " use deleteWebhook to delete the webhook first";
    static final String CONFLICT_SET_WEBHOOK = "Conflict: terminated by setWebhook request";
    private static final int MAX_TIMEOUT_SECONDS = 50;

    private final SandboxContext context;
    private final WebhookDelivery delivery;

    UpdateMethods(SandboxContext context, WebhookDelivery delivery) {
        this.context = context;
        this.delivery = delivery;
    }

    Reply getUpdates(BotState bot, Params params) {
        bot.lock.lock();
        try {
            if (bot.webhook.isPresent()) {
                throw BotApiException.of(409, CONFLICT_WEBHOOK_ACTIVE);
            }
            long offset = Params.toInt(params.arg("offset"));
            int limit = params.integer("limit", 100, 1, 100);
            int timeout = params.integer("timeout", 0, 0, MAX_TIMEOUT_SECONDS);
            bot.updates.allow(params.arg("allowed_updates"));
            List<UpdateQueue.Pending> batch = bot.updates.take(offset, limit, context.clock.millis());
            if (batch.isEmpty() && timeout > 0) {
                batch = await(bot, offset, limit, TimeUnit.SECONDS.toNanos(timeout));
            }
            StringJoiner result = new StringJoiner(",", "[", "]");
            batch.forEach(update -> result.add(update.json()));
            return new Reply(result.toString(), Optional.empty());
        } finally {
            bot.lock.unlock();
        }
    }

    private List<UpdateQueue.Pending> await(BotState bot, long offset, int limit, long timeoutNanos) {
        bot.terminatePoll(CONFLICT_OTHER_POLL);
        BotState.LongPoll poll = new BotState.LongPoll();
        bot.activePoll = poll;
        long deadline = System.nanoTime() + timeoutNanos;
        try {
            while (true) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return List.of();
                }
                bot.changed.awaitNanos(remaining);
                if (poll.terminatedBy != null) {
                    throw BotApiException.of(409, poll.terminatedBy);
                }
                List<UpdateQueue.Pending> batch = bot.updates.take(offset, limit, context.clock.millis());
                if (!batch.isEmpty()) {
                    return batch;
                }
            }
        } catch (InterruptedException e) {
            // the server is stopping: answer with what there is and keep the interrupt for the caller
            Thread.currentThread().interrupt();
            return List.of();
        } finally {
            if (bot.activePoll == poll) {
                bot.activePoll = null;
            }
        }
    }

    Reply setWebhook(BotState bot, Params params) {
        String url = params.arg("url");
        if (url.isEmpty()) {
            return deleteWebhook(bot, params);
        }
        bot.lock.lock();
        try {
            if (!Links.isParsable(url)) {
                throw BotApiException.badRequest("invalid webhook URL specified");
            }
            String secret = params.arg("secret_token");
            if (secret.length() > 256) {
                throw BotApiException.badRequest("secret token is too long");
            }
            if (!secret.chars().allMatch(c -> Links.isAsciiAlnum(c) || c == '_' || c == '-')) {
                throw BotApiException.badRequest("secret token contains unallowed characters");
            }
            if (params.bool("drop_pending_updates")) {
                bot.updates.clear();
            }
            BotState.Webhook webhook = new BotState.Webhook(
                    url, secret, params.integer("max_connections", 40, 1, 100), params.arg("ip_address"));
            boolean same = bot.webhook.equals(Optional.of(webhook));
            if (!bot.webhook.map(BotState.Webhook::url).equals(Optional.of(url))) {
                bot.webhookError = Optional.empty();
            }
            bot.webhook = Optional.of(webhook);
            bot.updates.allow(params.arg("allowed_updates"));
            bot.terminatePoll(CONFLICT_SET_WEBHOOK);
            delivery.ensureRunning(bot);
            bot.changed.signalAll();
            return Reply.described(true, same ? "Webhook is already set" : "Webhook was set");
        } finally {
            bot.lock.unlock();
        }
    }

    Reply deleteWebhook(BotState bot, Params params) {
        bot.lock.lock();
        try {
            if (params.bool("drop_pending_updates")) {
                bot.updates.clear();
            }
            boolean wasSet = bot.webhook.isPresent();
            bot.webhook = Optional.empty();
            bot.webhookError = Optional.empty();
            // wakes the delivery thread, which sees the webhook gone and ends; what it did not deliver stays queued
            bot.changed.signalAll();
            return Reply.described(true, wasSet ? "Webhook was deleted" : "Webhook is already deleted");
        } finally {
            bot.lock.unlock();
        }
    }

    Reply getWebhookInfo(BotState bot) {
        bot.lock.lock();
        try {
            ObjectNode info = Json.object();
            info.put("url", bot.webhook.map(BotState.Webhook::url).orElse(""));
            info.put("has_custom_certificate", false);
            info.put("pending_update_count", bot.updates.size());
            bot.webhook.ifPresent(webhook -> {
                info.put("ip_address", webhook.ipAddress().isEmpty() ? "<unknown>" : webhook.ipAddress());
                bot.webhookError.ifPresent(error -> {
                    info.put("last_error_date", error.unixTime());
                    info.put("last_error_message", error.message());
                });
                info.put("max_connections", webhook.maxConnections());
            });
            bot.updates.allowedTypes().ifPresent(types -> {
                ArrayNode array = info.putArray("allowed_updates");
                types.forEach(array::add);
            });
            return Reply.of(info);
        } finally {
            bot.lock.unlock();
        }
    }
}

package io.grokgram.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inline-mode and guest-mode calls behind {@link Outbound}: answerInlineQuery, answerGuestQuery and
 * editMessageText by {@code inline_message_id}, with the same scheduling as chat calls.
 *
 * <p>Answers are urgent ({@link FloodControl#awaitUrgent}): Telegram takes them for about ten seconds only, so they
 * never queue behind finals or previews. An inline message gets its own lane at a private chat's pace: the bot never
 * learns which chat it sits in, and Telegram counts its edits against that chat, so one message a second is what
 * keeps a private chat inside its limit (a busy group may still answer 429, which pauses the message's lane). Finals
 * of a message wait their turn and retry; previews are skipped when the lane is not free. A refusal (400) is never
 * retried: an expired query or an unknown message stays so.
 *
 * <p>All three go as raw JSON: the client library has no answerGuestQuery, and one plain shape for results, keyboards
 * and entities serves all of them.
 */
final class InlineCalls {
    private static final Logger log = LoggerFactory.getLogger(InlineCalls.class);

    private final BotApi api;
    private final OutboundLimits limits;
    private final FloodControl flood;
    private final CallCounter calls;

    InlineCalls(BotApi api, OutboundLimits limits, FloodControl flood, CallCounter calls) {
        this.api = api;
        this.limits = limits;
        this.flood = flood;
        this.calls = calls;
    }

    void answerInline(String queryId, List<InlineArticle> results, InlineAnswerOptions options) {
        if (results.size() > 50) {
            throw new IllegalArgumentException("Telegram takes at most 50 inline results, got " + results.size());
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("inline_query_id", queryId);
        parameters.put("results", results.stream().map(InlineCalls::article).toList());
        parameters.put("cache_time", options.cacheSeconds());
        parameters.put("is_personal", options.personal());
        options.button()
                .ifPresent(button -> parameters.put(
                        "button", Map.of("text", button.text(), "start_parameter", button.startParameter())));
        urgent("answerInlineQuery", () -> api.callRaw("answerInlineQuery", parameters));
    }

    String answerGuest(String guestQueryId, InlineArticle result) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("guest_query_id", guestQueryId);
        parameters.put("result", article(result));
        JsonNode sent = urgent("answerGuestQuery", () -> api.callRaw("answerGuestQuery", parameters));
        String id = sent.path("inline_message_id").asText("");
        if (id.isEmpty()) {
            throw new TelegramException.Unavailable(
                    "answerGuestQuery", "no inline_message_id in the answer: " + sent, null);
        }
        return id;
    }

    /** Waits for the message's turn, retries transient failures; "not modified" counts as done. */
    void edit(String inlineMessageId, FormattedText text, Keyboard keyboard) {
        String method = "editMessageText";
        try (FloodControl.Turn turn = flood.awaitTurn(inlineMessageId)) {
            Duration backoff = Duration.ofMillis(500);
            for (int attempt = 1; ; attempt++) {
                FloodControl.Permit permit = turn.awaitSlot();
                try (permit) {
                    editOnce(inlineMessageId, text, keyboard);
                    calls.count(method, "ok");
                    return;
                } catch (TelegramException.RateLimited e) {
                    calls.count(method, "rate_limited");
                    slowDown(inlineMessageId, method, permit, e);
                    if (attempt >= limits.maxAttempts()) {
                        throw e;
                    }
                } catch (TelegramException e) {
                    calls.count(method, Outbound.outcome(e));
                    if (!e.retriable()) {
                        log.warn(
                                "Telegram refused {} of inline message {}: {}",
                                method,
                                inlineMessageId,
                                e.getMessage());
                        throw e;
                    }
                    if (attempt >= limits.maxAttempts()
                            || Thread.currentThread().isInterrupted()) {
                        throw e;
                    }
                    Backoff.pause(backoff);
                    backoff = backoff.multipliedBy(2);
                }
            }
        }
    }

    /**
     * A preview edit if the message's lane is free right now. {@link Outbound.PreviewResult#UNSUPPORTED} when Telegram
     * refused it (400, e.g. the message is gone): further previews would be refused too.
     */
    Outbound.PreviewResult editPreview(String inlineMessageId, FormattedText text, Keyboard keyboard) {
        String method = "editMessageText";
        FloodControl.Permit permit = flood.tryPreview(inlineMessageId).orElse(null);
        if (permit == null) {
            calls.count(method, "skipped");
            return Outbound.PreviewResult.SKIPPED;
        }
        try (permit) {
            editOnce(inlineMessageId, text, keyboard);
            calls.count(method, "ok");
            return Outbound.PreviewResult.SHOWN;
        } catch (TelegramException.RateLimited e) {
            calls.count(method, "rate_limited");
            slowDown(inlineMessageId, method, permit, e);
            return Outbound.PreviewResult.SKIPPED;
        } catch (TelegramException e) {
            calls.count(method, Outbound.outcome(e));
            if (e.retriable()) {
                log.debug("preview of inline message {} failed, skipped: {}", inlineMessageId, e.getMessage());
                return Outbound.PreviewResult.SKIPPED;
            }
            log.warn("Telegram refused a preview of inline message {}: {}", inlineMessageId, e.getMessage());
            return Outbound.PreviewResult.UNSUPPORTED;
        }
    }

    private void editOnce(String inlineMessageId, FormattedText text, Keyboard keyboard) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("inline_message_id", inlineMessageId);
        parameters.put("text", text.text());
        if (!text.entities().isEmpty()) {
            parameters.put("entities", entities(text));
        }
        // without reply_markup Telegram removes the keyboard, which is what Keyboard.NONE means
        if (!keyboard.isEmpty()) {
            parameters.put("reply_markup", keyboard(keyboard));
        }
        try {
            api.callRaw("editMessageText", parameters);
        } catch (TelegramException.BadRequest e) {
            if (!e.notModified()) {
                throw e;
            }
        }
    }

    /**
     * One attempt after another until it goes through, a refusal, or the attempts are spent; each waits only for a
     * bot-wide pause, never behind a chat's queue. Also for answerPreCheckoutQuery ({@link PaymentCalls}).
     */
    <T> T urgent(String method, Supplier<T> call) {
        Duration backoff = Duration.ofMillis(200);
        for (int attempt = 1; ; attempt++) {
            FloodControl.Permit permit = flood.awaitUrgent();
            try (permit) {
                T result = call.get();
                calls.count(method, "ok");
                return result;
            } catch (TelegramException.RateLimited e) {
                calls.count(method, "rate_limited");
                permit.rateLimited(e.retryAfter());
                log.warn(
                        "Telegram asked to slow down for {} s ({}); every chat pauses",
                        e.retryAfter().toSeconds(),
                        method);
                if (attempt >= limits.maxAttempts()) {
                    throw e;
                }
            } catch (TelegramException e) {
                calls.count(method, Outbound.outcome(e));
                if (!e.retriable()) {
                    log.warn("Telegram refused {}, not retrying: {}", method, e.getMessage());
                    throw e;
                }
                if (attempt >= limits.maxAttempts() || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                Backoff.pause(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    private static void slowDown(
            String inlineMessageId, String method, FloodControl.Permit permit, TelegramException.RateLimited e) {
        switch (permit.rateLimited(e.retryAfter())) {
            case CHAT ->
                log.warn(
                        "Telegram asked to slow down inline message {} for {} s ({})",
                        inlineMessageId,
                        e.retryAfter().toSeconds(),
                        method);
            case BOT ->
                log.warn(
                        "Telegram asked to slow down for {} s ({} of inline message {}); every chat pauses",
                        e.retryAfter().toSeconds(),
                        method,
                        inlineMessageId);
        }
    }

    static Map<String, Object> article(InlineArticle article) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("message_text", article.message().text());
        if (!article.message().entities().isEmpty()) {
            content.put("entities", entities(article.message()));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("type", "article");
        result.put("id", article.id());
        result.put("title", article.title());
        if (!article.description().isEmpty()) {
            result.put("description", article.description());
        }
        result.put("input_message_content", content);
        if (!article.keyboard().isEmpty()) {
            result.put("reply_markup", keyboard(article.keyboard()));
        }
        return result;
    }

    static Map<String, Object> keyboard(Keyboard keyboard) {
        List<List<Map<String, Object>>> rows = new ArrayList<>();
        for (List<Keyboard.Button> row : keyboard.rows()) {
            rows.add(row.stream().map(InlineCalls::button).toList());
        }
        return Map.of("inline_keyboard", rows);
    }

    private static Map<String, Object> button(Keyboard.Button button) {
        return switch (button) {
            case Keyboard.Callback callback -> Map.of("text", callback.text(), "callback_data", callback.data());
            case Keyboard.Url url -> Map.of("text", url.text(), "url", url.url());
            case Keyboard.WebApp app -> Map.of("text", app.text(), "web_app", Map.of("url", app.url()));
        };
    }

    private static List<Map<String, Object>> entities(FormattedText text) {
        return text.entities().stream()
                .map(entity -> {
                    Map<String, Object> wire = new LinkedHashMap<>();
                    wire.put("type", entity.type().wireName());
                    wire.put("offset", entity.offset());
                    wire.put("length", entity.length());
                    entity.url().ifPresent(url -> wire.put("url", url));
                    entity.language().ifPresent(language -> wire.put("language", language));
                    return wire;
                })
                .toList();
    }
}

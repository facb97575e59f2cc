package io.grokgram.telegram;

import io.grokgram.store.Database;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code telegram} room's façade: one bot's connection to a Bot API server, the outbound scheduler all sends go
 * through, and the intake that receives updates — by long polling or, when the bot has a public HTTPS address, by
 * webhook.
 */
public final class TelegramGateway implements AutoCloseable {
    private final BotToken token;
    private final BotApi api;
    private final Outbound outbound;
    private final Database database;
    private final Duration pollTimeout;
    private final Clock clock;

    /**
     * A gateway that tells {@code chatStatus} when Telegram refuses a chat (403), so the status can be recorded. Its
     * outbound limits and 429 pauses are shared with the bot's other workers when {@code scaleOut} is given (see
     * {@link ScaleOut}); without it they are this process's own.
     */
    public TelegramGateway(
            BotToken token,
            URI apiBase,
            OutboundLimits limits,
            Duration pollTimeout,
            Database database,
            MeterRegistry metrics,
            Clock clock,
            ChatStatusListener chatStatus,
            Optional<ScaleOut> scaleOut) {
        this.token = Objects.requireNonNull(token, "token");
        this.pollTimeout = Objects.requireNonNull(pollTimeout, "pollTimeout");
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
        // the HTTP read timeout must outlast the long poll, or every idle poll would look like a failure
        this.api = new BotApi(token, apiBase, pollTimeout.plusSeconds(15));
        Buckets buckets = scaleOut.map(scale -> Buckets.shared(limits, scale, token.botId()))
                .orElseGet(() -> Buckets.local(limits));
        this.outbound = new Outbound(api, buckets, Objects.requireNonNull(chatStatus, "chatStatus"), metrics);
    }

    /** Asks Telegram who the bot is; also proves the token works. */
    public BotIdentity identify() {
        return api.getMe();
    }

    public Outbound outbound() {
        return outbound;
    }

    /** A long-polling intake that hands updates to {@code sink}; call {@link Intake#start()} to begin. */
    public Intake intake(UpdateSink sink) {
        return new Intake(api, sink, database, token.botId(), pollTimeout, clock);
    }

    /**
     * A webhook intake that hands updates to {@code sink}; {@link WebhookIntake#start()} registers {@code url} with
     * Telegram. Whatever serves that URL must check the secret and pass each body to {@link WebhookIntake#accept}.
     */
    public WebhookIntake webhookIntake(URI url, WebhookSecret secret, UpdateSink sink) {
        return new WebhookIntake(api, sink, url, secret);
    }

    public long botId() {
        return token.botId();
    }

    @Override
    public void close() {
        outbound.close();
        api.close();
    }
}

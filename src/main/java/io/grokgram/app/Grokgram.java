package io.grokgram.app;

import io.grokgram.assistant.AnswerCache;
import io.grokgram.assistant.Assistant;
import io.grokgram.assistant.AssistantPrivacy;
import io.grokgram.assistant.Bundles;
import io.grokgram.assistant.Language;
import io.grokgram.assistant.TextsCheck;
import io.grokgram.assistant.ToolBox;
import io.grokgram.assistant.Triggers;
import io.grokgram.assistant.TurnStatistics;
import io.grokgram.billing.Billing;
import io.grokgram.console.ConsoleModule;
import io.grokgram.console.ConsoleRooms;
import io.grokgram.console.MiniAppModule;
import io.grokgram.console.Operators;
import io.grokgram.console.TelegramSignatures;
import io.grokgram.llm.ChainSettings;
import io.grokgram.llm.ProviderSettings;
import io.grokgram.privacy.AuditLog;
import io.grokgram.privacy.Consents;
import io.grokgram.privacy.ContentCipher;
import io.grokgram.privacy.DataRights;
import io.grokgram.privacy.PersonalDataHolder;
import io.grokgram.privacy.PrivacyPolicy;
import io.grokgram.privacy.PrivacyRecords;
import io.grokgram.privacy.ProviderGate;
import io.grokgram.privacy.Pseudonyms;
import io.grokgram.privacy.Redactor;
import io.grokgram.privacy.RetentionJob;
import io.grokgram.scaleout.KafkaSink;
import io.grokgram.scaleout.KafkaWorker;
import io.grokgram.scaleout.LeasedPolling;
import io.grokgram.scaleout.PollingLease;
import io.grokgram.shared.SharedState;
import io.grokgram.store.Database;
import io.grokgram.telegram.BotIdentity;
import io.grokgram.telegram.BotToken;
import io.grokgram.telegram.ChatStatusListener;
import io.grokgram.telegram.Intake;
import io.grokgram.telegram.ScaleOut;
import io.grokgram.telegram.TelegramException;
import io.grokgram.telegram.TelegramGateway;
import io.grokgram.telegram.TelegramMarkdown;
import io.grokgram.telegram.UpdateSink;
import io.grokgram.telegram.WebhookIntake;
import io.grokgram.tools.AddressPolicy;
import io.grokgram.tools.HttpSearch;
import io.grokgram.tools.Knowledge;
import io.grokgram.tools.PageReader;
import io.grokgram.tools.WebSearch;
import io.grokgram.web.HealthModule;
import io.grokgram.web.HttpModule;
import io.grokgram.web.HttpServer;
import io.grokgram.web.MetricsModule;
import io.grokgram.web.WebhookModule;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every room in dependency order, starts them, and closes them in reverse. The only place
 * where objects are wired; nothing depends on it.
 */
final class Grokgram implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Grokgram.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private HttpServer http;
    private BotIdentity identity;
    private Consents consents;
    private AuditLog audit;
    private DataRights dataRights;
    private Billing billing;
    private String leaseHolder;
    private final AtomicReference<ConsoleRooms> consoleRooms = new AtomicReference<>();

    private Grokgram() {}

    /**
     * Starts the bot: store, HTTP server (with {@code extraModules}, e.g. the sandbox), Telegram, the privacy room and
     * its gate over the provider chain {@code chain} describes, the assistant, then intake — last, so no update arrives
     * before its handlers exist (polling, or a webhook when configured).
     */
    static Grokgram start(
            Config config, BotToken token, ChainSettings chain, List<HttpModule> extraModules, Clock clock) {
        return start(config, token, chain, extraModules, clock, new Role.Whole());
    }

    /**
     * What this process is of a scaled-out installation: the whole bot (intake and assistant in one process), the
     * ingress (the webhook in front of Kafka, no assistant), or a worker (Kafka in front of the assistant, no intake of
     * its own).
     */
    sealed interface Role {
        record Whole() implements Role {}

        record Ingress(String kafkaBootstrapServers) implements Role {}

        record Worker(String kafkaBootstrapServers) implements Role {}
    }

    /** Starts one {@link Role} of the bot; {@link #start(Config, BotToken, ChainSettings, List, Clock)} the whole. */
    static Grokgram start(
            Config config, BotToken token, ChainSettings chain, List<HttpModule> extraModules, Clock clock, Role role) {
        Grokgram app = new Grokgram();
        try {
            app.wire(config, token, chain, extraModules, clock, role);
            return app;
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
    }

    private void wire(
            Config config, BotToken token, ChainSettings chain, List<HttpModule> extraModules, Clock clock, Role role) {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Database database =
                own(Database.open(config.store().database(), config.store().poolSize(), Duration.ofSeconds(30)));
        database.migrate();
        billing =
                new Billing(database, config.billing().plans(), config.billing().settings(), clock, metrics);

        List<HttpModule> modules = new ArrayList<>(extraModules);
        modules.add(new HealthModule(database::isReachable));
        modules.add(new MetricsModule(metrics::scrape));
        if (!(role instanceof Role.Ingress)) {
            // the console and the Mini App answer 503 until the rooms they read exist (set below, once built)
            TelegramSignatures signatures = new TelegramSignatures(token.value());
            Supplier<Optional<ConsoleRooms>> rooms = () -> Optional.ofNullable(consoleRooms.get());
            modules.add(new ConsoleModule(
                    new Operators(database, new SecureRandom(), clock),
                    signatures,
                    config.http().console(),
                    rooms,
                    () -> identity == null ? "" : identity.username(),
                    clock));
            modules.add(new MiniAppModule(signatures, config.http().console(), rooms, clock));
        }
        WebhookEndpoint webhook = new WebhookEndpoint();
        // a worker takes its updates from Kafka: a webhook route there would only answer errors
        config.telegram()
                .webhook()
                .filter(hook -> !(role instanceof Role.Worker))
                .ifPresent(hook ->
                        modules.add(new WebhookModule(hook.path(), hook.secret().value(), webhook)));
        http = own(HttpServer.start(config.http().host(), config.http().port(), modules));
        // modules that stream (the test provider) must stop before the server, or Jetty's stop can hang on them
        extraModules.stream()
                .filter(AutoCloseable.class::isInstance)
                .map(AutoCloseable.class::cast)
                .forEach(this::own);

        // Scale-out: the outbound limits, 429 pauses and inline answers are shared through Redis. Quota counters are
        // not: billing's conditional UPDATEs are atomic in the database, which on PostgreSQL every worker shares.
        Optional<SharedState> shared = config.scaleOut()
                .redisUrl()
                .map(url -> own(SharedState.connect(
                        URI.create(url.value()), config.scaleOut().redisTimeout())));
        Optional<ScaleOut> scaleOut =
                shared.map(state -> new ScaleOut(state, config.scaleOut().expectedWorkers()));

        // Outbound reports refused chats (403) to the assistant, which is built after it: the reference closes the loop
        AtomicReference<ChatStatusListener> chatStatus = new AtomicReference<>(ChatStatusListener.ignoring());
        TelegramGateway telegram = own(new TelegramGateway(
                token,
                config.telegram().apiBase(),
                config.telegram().limits(),
                config.telegram().pollTimeout(),
                database,
                metrics,
                clock,
                new ChatStatusListener() {
                    @Override
                    public void forbidden(io.grokgram.telegram.ChatId chat, String description) {
                        chatStatus.get().forbidden(chat, description);
                    }

                    @Override
                    public void migrated(io.grokgram.telegram.ChatId from, io.grokgram.telegram.ChatId to) {
                        chatStatus.get().migrated(from, to);
                    }
                },
                scaleOut));
        identity = identify(telegram);
        log.info("signed in to Telegram as @{} (id {})", identity.username(), identity.id());
        if (role instanceof Role.Ingress ingress) {
            // the ingress decides each update at once, without a store, and writes the triggers to Kafka
            BotIdentity bot = identity;
            KafkaSink sink = own(KafkaSink.connect(
                    config.scaleOut().kafka(ingress.kafkaBootstrapServers()),
                    update -> Triggers.triggers(update, bot)));
            if (config.telegram().webhook().isPresent()) {
                startIntake(config.telegram().webhook(), telegram, sink, webhook);
            } else {
                // several ingresses may run for availability; Telegram allows one getUpdates at a time per bot
                leaseHolder = leaseHolder();
                PollingLease lease = new PollingLease(
                        database, identity.id(), leaseHolder, config.scaleOut().pollingLease(), clock);
                own(new LeasedPolling(lease, () -> startedIntake(telegram, sink), clock))
                        .start();
            }
            return;
        }

        Privacy privacy = privacy(config, database, chain, identity.id(), metrics, clock);
        Assistant assistant = own(new Assistant(
                identity,
                database,
                privacy.gate(),
                privacy.forAssistant(),
                billing,
                telegram.outbound(),
                new TelegramMarkdown(),
                config.llm().prices(),
                config.assistant(),
                metrics,
                clock,
                shared.map(state -> AnswerCache.shared(state, identity.id(), clock))
                        .orElseGet(() -> AnswerCache.inMemory(clock)),
                // a knowledge index in PostgreSQL holds a pool: owned, so closing the bot closes it
                toolBox(
                        config.tools(),
                        config.tools()
                                .knowledgeIndex()
                                .map(KnowledgeIndexes::open)
                                .map(this::own)),
                bundles(config)));
        chatStatus.set(assistant.chatStatus());
        consoleRooms.set(new ConsoleRooms(
                billing,
                new TurnStatistics(database, identity.id()),
                consents,
                audit,
                dataRights,
                assistant.userRights(),
                () -> telegramCalls(metrics)));
        // a group upgraded to a supergroup: the scheduler already redirects calls; the assistant moves its records
        if (!(role instanceof Role.Worker)) {
            assistant.start();
        }
        if (role instanceof Role.Worker worker) {
            // the worker runs the turns of the chats of its partitions only, and follows them through rebalances
            Duration handBackWait = config.assistant().shutdownGrace().plusSeconds(5);
            KafkaWorker kafka = own(KafkaWorker.create(
                    config.scaleOut().kafka(worker.kafkaBootstrapServers()), assistant.sink(), new KafkaWorker.Chats() {
                        @Override
                        public void lost(KafkaWorker.ChatSet chats) {
                            assistant.handBack(chats::contains, handBackWait);
                        }

                        @Override
                        public void gained(KafkaWorker.ChatSet chats) {
                            assistant.resume(chats::contains);
                        }
                    }));
            assistant.startOwning(kafka::owns);
            kafka.start();
        } else {
            startIntake(config.telegram().webhook(), telegram, assistant.sink(), webhook);
        }
    }

    /** The tools the configuration enables, with the knowledge index it names, opened; plans choose among them. */
    static ToolBox toolBox(Config.Tools tools, Optional<Knowledge> knowledge) {
        return new ToolBox(
                tools.searchUrl().map(url -> (WebSearch) new HttpSearch(url, tools.callTimeout())),
                tools.api() == ProviderSettings.Api.RESPONSES,
                Optional.of(new PageReader(
                        new AddressPolicy(tools.readPrivate()), tools.readMaxBytes(), 20_000, tools.callTimeout())),
                knowledge,
                tools.rounds(),
                tools.callTimeout(),
                tools.turnTime(),
                tools.inlineTime(),
                tools.fees());
    }

    /**
     * The built-in message bundles plus the operator's (GROKGRAM_LANGUAGES_DIR). A flawed bundle does not stop the bot
     * (a missing text shows in English): each problem is logged, as {@code grokgram i18n check --dir} would print it.
     */
    private static Bundles bundles(Config config) {
        Bundles bundles = Bundles.load(config.languages());
        Map<Language, Map<String, String>> all = new LinkedHashMap<>();
        bundles.languages().forEach(language -> all.put(language, bundles.texts(language)));
        TextsCheck.check(all, key -> true).forEach(problem -> log.warn("message bundles: {}", problem.describe()));
        log.info("speaking {}", bundles.languages());
        return bundles;
    }

    /**
     * The privacy room: consents, pseudonyms, the audit log, per-user encryption when a master key is configured, the
     * gate (which alone builds the provider clients), data rights and the retention job.
     */
    private record Privacy(ProviderGate gate, AssistantPrivacy forAssistant) {}

    private Privacy privacy(
            Config config,
            Database database,
            ChainSettings chain,
            long botId,
            PrometheusMeterRegistry metrics,
            Clock clock) {
        Config.Privacy settings = config.privacy();
        // workers on one PostgreSQL each take consents given, withdrawn or erased through another: no cache there
        consents = new Consents(database, settings.policyVersion(), clock, database.kind() == Database.Kind.SQLITE);
        Pseudonyms pseudonyms = new Pseudonyms(database, new SecureRandom(), clock);
        audit = new AuditLog(database, pseudonyms);
        ContentCipher cipher = settings.masterKey()
                .map(key -> ContentCipher.withMasterKey(database, key, clock))
                .orElseGet(ContentCipher::disabled);
        Redactor redactor = Redactor.of(settings.detectors(), settings.redactPatterns());
        if (redactor.enabled()) {
            log.info("redacting before requests leave: {}", redactor.detectors());
        }
        PrivacyPolicy policy = Providers.policy(settings, chain);
        ProviderGate gate = ProviderGate.open(chain, consents, pseudonyms, redactor, audit, policy, metrics, clock);
        // every room that holds personal data answers for its own tables in /mydata, /forget and retention
        List<PersonalDataHolder> holders = List.of(
                new PrivacyRecords(pseudonyms, consents, audit, cipher),
                Assistant.personalData(botId, cipher),
                billing.personalData());
        dataRights = new DataRights(database, holders, clock);
        own(new RetentionJob(database, holders, settings.messageRetention(), clock))
                .start();
        return new Privacy(
                gate, new AssistantPrivacy(consents, audit, dataRights, policy.statement(gate.provider()), cipher, (int)
                        settings.messageRetention().toDays()));
    }

    /** Bot API calls by outcome since start ({@code ok}, {@code rate_limited}, ...), from the telegram room's counter. */
    private static Map<String, Double> telegramCalls(PrometheusMeterRegistry metrics) {
        Map<String, Double> calls = new TreeMap<>();
        metrics.find("grokgram_telegram_calls")
                .counters()
                .forEach(counter -> calls.merge(
                        Optional.ofNullable(counter.getId().getTag("outcome")).orElse("unknown"),
                        counter.count(),
                        Double::sum));
        return calls;
    }

    /** By webhook when one is configured, else by long polling (which deletes a webhook left from an earlier run). */
    private void startIntake(
            Optional<Config.Webhook> webhook, TelegramGateway telegram, UpdateSink sink, WebhookEndpoint endpoint) {
        if (webhook.isPresent()) {
            WebhookIntake intake = own(
                    telegram.webhookIntake(webhook.get().url(), webhook.get().secret(), sink));
            endpoint.connect(intake);
            intake.start();
        } else {
            Intake intake = own(telegram.intake(sink));
            intake.start();
        }
    }

    private static Intake startedIntake(TelegramGateway telegram, UpdateSink sink) {
        Intake intake = telegram.intake(sink);
        intake.start();
        return intake;
    }

    /** Names this process in the polling lease, so an operator sees which ingress polls. */
    private static String leaseHolder() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid() + "/" + java.util.UUID.randomUUID();
    }

    /** getMe proves the token; a wrong token stops the start, an unreachable server is retried for a while. */
    private static BotIdentity identify(TelegramGateway telegram) {
        Duration delay = Duration.ofSeconds(1);
        for (int attempt = 1; ; attempt++) {
            try {
                return telegram.identify();
            } catch (TelegramException.Unavailable e) {
                if (attempt == 6) {
                    throw new IllegalStateException("cannot reach the Bot API: " + e.getMessage(), e);
                }
                log.warn("cannot reach the Bot API ({}); retrying in {} s", e.getMessage(), delay.toSeconds());
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while starting", interrupted);
                }
                delay = delay.multipliedBy(2);
            } catch (TelegramException e) {
                throw new IllegalStateException(
                        "Telegram refused the bot token: " + e.getMessage() + " (check GROKGRAM_BOT_TOKEN)", e);
            }
        }
    }

    private <T extends AutoCloseable> T own(T component) {
        started.push(component);
        return component;
    }

    HttpServer http() {
        return http;
    }

    BotIdentity identity() {
        return identity;
    }

    /** How this process names itself in the polling lease, if it is an ingress that polls when it holds it. */
    Optional<String> pollingLeaseHolder() {
        return Optional.ofNullable(leaseHolder);
    }

    /** The running bot's consents: tests grant them here, so the bot's own cache sees the grant at once. */
    Consents consents() {
        return consents;
    }

    /** The running bot's audit log: tests read what left for providers and search services. */
    AuditLog audit() {
        return audit;
    }

    DataRights dataRights() {
        return dataRights;
    }

    Billing billing() {
        return billing;
    }

    /**
     * What {@code grokgram payments refund} calls to refund a payment through Telegram: refundStarPayment(user id,
     * charge id), throwing when Telegram refuses. Not wired to Telegram yet.
     */
    static BiConsumer<Long, String> starRefunder(Config config) {
        return (user, charge) -> {
            BotToken token = config.telegram()
                    .token()
                    .orElseThrow(() -> new IllegalStateException(
                            "refunding through Telegram needs the bot's token: set GROKGRAM_BOT_TOKEN"));
            try (Database database = Database.open(config.store().database(), 1, Duration.ofSeconds(30));
                    TelegramGateway telegram = new TelegramGateway(
                            token,
                            config.telegram().apiBase(),
                            config.telegram().limits(),
                            config.telegram().pollTimeout(),
                            database,
                            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                            Clock.systemUTC(),
                            ChatStatusListener.ignoring(),
                            Optional.empty())) {
                telegram.outbound().refundStarPayment(new io.grokgram.telegram.UserId(user), charge);
            }
        };
    }

    /** Closes everything in reverse start order; one failing close does not keep the others open. */
    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable component = started.pop();
            try {
                component.close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", component.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}

package io.grokgram.privacy;

import io.grokgram.llm.ChainSettings;
import io.grokgram.llm.ModelId;
import io.grokgram.llm.ProviderSettings;
import io.grokgram.llm.RetryPolicy;
import io.grokgram.llm.RouteSettings;
import io.grokgram.sandbox.MutableClock;
import io.grokgram.sandbox.Pace;
import io.grokgram.sandbox.TestProvider;
import io.grokgram.sandbox.TestProviderSettings;
import io.grokgram.store.Database;
import io.grokgram.store.TestDatabases;
import io.grokgram.web.HttpModule;
import io.grokgram.web.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The privacy room against real parts: a store (SQLite or PostgreSQL) and the sandbox's test provider over HTTP on
 * port 0, with the gate built from settings exactly as the composition root builds it.
 */
final class GateRig implements AutoCloseable {
    static final ModelId MODEL = new ModelId("grok-4.3");

    final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    final Database database;
    final TestProvider provider;
    final HttpServer server;
    final Consents consents;
    final Pseudonyms pseudonyms;
    final AuditLog audit;
    final ProviderGate gate;

    GateRig(String kind, Path dir) {
        this(kind, dir, TestProviderSettings.defaults(), Redactor.none(), List.of());
    }

    /** @param extra modules served beside the test provider (a provider of the test's own goes first to win a route) */
    GateRig(String kind, Path dir, TestProviderSettings fake, Redactor redactor, List<HttpModule> extra) {
        database = TestDatabases.open(kind, dir);
        provider = new TestProvider(fake.withPace(Pace.INSTANT));
        server = HttpServer.start("127.0.0.1", 0, extra.isEmpty() ? List.of(provider) : extra);
        consents = new Consents(database, 1, clock);
        pseudonyms = new Pseudonyms(database, new SecureRandom(), clock);
        audit = new AuditLog(database, pseudonyms);
        gate = ProviderGate.open(
                chain(server.baseUrl()),
                consents,
                pseudonyms,
                redactor,
                audit,
                new PrivacyPolicy(1, List.of(RetentionStatement.xai(false))),
                metrics,
                clock);
    }

    static ChainSettings chain(String baseUrl) {
        ProviderSettings xai = ProviderSettings.of("xai", URI.create(baseUrl + "/v1"), Optional.empty())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
        return new ChainSettings(
                List.of(RouteSettings.asRequested(xai)), new RetryPolicy(1, Duration.ZERO, Duration.ZERO));
    }

    static GateRequest request(DataSubject subject, GatedMessage... messages) {
        return new GateRequest(subject, Purpose.ANSWER, MODEL, List.of(messages), "conv-7f3a", OptionalInt.empty());
    }

    long auditRequests() {
        return count("audit_requests");
    }

    long auditOutcomes() {
        return count("audit_outcomes");
    }

    long count(String table) {
        return database.<List<Long>>inTransaction(
                        tx -> tx.query("SELECT COUNT(*) AS n FROM " + table, row -> row.getLong("n")))
                .getFirst();
    }

    double refused(Origin origin) {
        var counter = metrics.find("grokgram_gate_refused")
                .tag("origin", origin.name().toLowerCase(Locale.ROOT))
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        provider.close();
        server.close();
        database.close();
    }
}

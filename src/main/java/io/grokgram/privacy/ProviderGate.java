package io.grokgram.privacy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grokgram.llm.ChainSettings;
import io.grokgram.llm.ChatProvider;
import io.grokgram.llm.Completion;
import io.grokgram.llm.FinishReason;
import io.grokgram.llm.LlmException;
import io.grokgram.llm.ProviderRequest;
import io.grokgram.llm.Role;
import io.grokgram.llm.StreamObserver;
import io.grokgram.llm.Usage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single path from Grokgram to any model provider, and the wall around it. For each request, in this order:
 *
 * <ol>
 *   <li>no service consent under the current policy version: {@link ConsentRequiredException}, and nothing leaves;
 *   <li>each message is admitted or refused by its {@link Origin} alone ({@link Admission}): refused ones are logged,
 *       counted and left out, and the request goes on without them;
 *   <li>the operator's redaction detectors run over everything but the operator's own text;
 *   <li>the audit record (messages by reference, payload hash and size, redactions, the retention terms in force) is
 *       committed — if that fails, nothing leaves;
 *   <li>the request goes out with the user's pseudonym as {@code user}, and {@code store: false};
 *   <li>the outcome, with the provider's {@code x-zero-data-retention} header, is appended to the audit log.
 * </ol>
 *
 * <p>Only this class holds provider clients ({@link #open} builds them from settings), and an architecture test keeps
 * it that way.
 */
public final class ProviderGate {
    private static final Logger log = LoggerFactory.getLogger(ProviderGate.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Cloned per use: cheaper than looking the algorithm up among the security providers each time. */
    private static final MessageDigest SHA256 = sha256Prototype();

    private final ChatProvider provider;
    private final Consents consents;
    private final Pseudonyms pseudonyms;
    private final Redactor redactor;
    private final AuditLog audit;
    private final PrivacyPolicy policy;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final IssuedCalls issued = new IssuedCalls();

    private ProviderGate(
            ChatProvider provider,
            Consents consents,
            Pseudonyms pseudonyms,
            Redactor redactor,
            AuditLog audit,
            PrivacyPolicy policy,
            MeterRegistry metrics,
            Clock clock) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.consents = Objects.requireNonNull(consents, "consents");
        this.pseudonyms = Objects.requireNonNull(pseudonyms, "pseudonyms");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (consents.policyVersion() != policy.version()) {
            throw new IllegalArgumentException("consents count under policy version " + consents.policyVersion()
                    + " but the policy is version " + policy.version());
        }
    }

    /**
     * The gate over the provider chain {@code chain} describes: the clients are built here, from settings, and never
     * leave this room. Retry and fallback counters of the chain join {@code metrics}.
     */
    public static ProviderGate open(
            ChainSettings chain,
            Consents consents,
            Pseudonyms pseudonyms,
            Redactor redactor,
            AuditLog audit,
            PrivacyPolicy policy,
            MeterRegistry metrics,
            Clock clock) {
        ChatProvider provider = ProviderClients.chain(Objects.requireNonNull(chain, "chain"), clock);
        if (provider instanceof MeterBinder binder) {
            binder.bindTo(metrics);
        }
        return new ProviderGate(provider, consents, pseudonyms, redactor, audit, policy, metrics, clock);
    }

    /** The primary provider's short name, e.g. {@code xai}: the one users are told about. */
    public String provider() {
        return provider.name();
    }

    /**
     * Sends what the gate admits of {@code request} and streams the answer to {@code observer}.
     *
     * @throws ConsentRequiredException when the user has no service consent under the current policy (nothing sent)
     * @throws LlmException when the provider fails (the audit log records the failure)
     * @throws IllegalArgumentException when nothing a user said is left to send (nothing sent)
     */
    public Completion ask(GateRequest request, StreamObserver observer) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(observer, "observer");
        if (!consents.serviceGranted(request.subject())) {
            metrics.counter("grokgram_gate_consent_required", "purpose", purpose(request))
                    .increment();
            throw new ConsentRequiredException(request.subject(), consents.policyVersion());
        }
        Admission admission = Admission.of(request.messages(), redactor, issued.of(request.conversationId()));
        admission.withheld().forEach(refused -> refuse(request, refused));
        if (admission.messages().stream().noneMatch(m -> m.role() == Role.USER)) {
            throw new IllegalArgumentException("nothing addressed to the assistant is left in the request");
        }
        if (Thread.currentThread().isInterrupted()) {
            return cancelledBeforeStart(request); // the user pressed Stop already: nothing leaves, nothing to audit
        }
        String pseudonym = pseudonyms.of(request.subject());
        RetentionStatement retention = policy.statement(provider.name());
        byte[] payload = payload(admission);
        AuditEntry entry = new AuditEntry(
                UUID.randomUUID().toString(),
                clock.instant(),
                pseudonym,
                request.conversationId(),
                request.purpose(),
                provider.name(),
                request.model(),
                admission.included(),
                admission.withheld(),
                sha256(payload),
                payload.length,
                admission.redactions(),
                retention.provider(),
                retention.zeroDataRetention(),
                policy.version(),
                Optional.empty());
        audit.recordRequest(entry);
        metrics.counter("grokgram_provider_requests", "purpose", purpose(request), "provider", provider.name())
                .increment();
        return send(request, admission, pseudonym, entry.id(), observer);
    }

    private Completion send(
            GateRequest request, Admission admission, String pseudonym, String auditId, StreamObserver observer) {
        ProviderRequest outgoing = new ProviderRequest(
                request.model(),
                admission.messages(),
                request.conversationId(),
                request.maxOutputTokens(),
                Optional.of(pseudonym),
                false,
                request.tools(),
                request.serverSearch());
        Completion completion;
        try {
            completion = provider.stream(outgoing, observer);
        } catch (RuntimeException e) { // an LlmException, or the observer's own failure
            outcome(
                    auditId,
                    Optional.empty(),
                    AuditOutcome.Status.FAILED,
                    e.getClass().getSimpleName());
            throw e;
        }
        issued.record(request.conversationId(), completion.toolCalls());
        completion.searches().forEach(search -> providerSearch(request, pseudonym, search));
        outcome(
                auditId,
                completion.zeroDataRetention(),
                completion.finishReason() == FinishReason.CANCELLED
                        ? AuditOutcome.Status.CANCELLED
                        : AuditOutcome.Status.OK,
                completion.finishReason().name().toLowerCase(Locale.ROOT));
        return completion;
    }

    /**
     * Clears a query that a tool is about to send to a search service (or a link it is about to fetch) for {@code
     * subject}'s turn: the user must hold service consent, the operator's redaction runs over it, and the audit records
     * it — committed before this returns, so nothing leaves unrecorded. Returns the query to send.
     *
     * @throws ConsentRequiredException when the user has no service consent (nothing may leave)
     */
    public String clearQuery(
            DataSubject subject, String conversationId, Purpose purpose, String tool, String backend, String query) {
        if (!consents.serviceGranted(Objects.requireNonNull(subject, "subject"))) {
            throw new ConsentRequiredException(subject, consents.policyVersion());
        }
        String cleared = redactor.redact(Objects.requireNonNull(query, "query")).text();
        audit.recordSearch(new AuditedSearch(
                UUID.randomUUID().toString(),
                clock.instant(),
                pseudonyms.of(subject),
                conversationId,
                purpose,
                tool,
                backend,
                java.util.List.of(cleared),
                java.util.List.of()));
        metrics.counter("grokgram_tool_queries", "tool", tool).increment();
        return cleared;
    }

    /** The provider searched itself: the audit keeps what it reported. Best effort, as the outcome is. */
    private void providerSearch(GateRequest request, String pseudonym, io.grokgram.llm.ServerSearch search) {
        try {
            audit.recordSearch(new AuditedSearch(
                    UUID.randomUUID().toString(),
                    clock.instant(),
                    pseudonym,
                    request.conversationId(),
                    request.purpose(),
                    search.tool(),
                    provider.name(),
                    search.queries(),
                    search.sources()));
            metrics.counter("grokgram_provider_searches", "provider", provider.name())
                    .increment();
        } catch (RuntimeException e) {
            log.warn("could not record a search the provider reported: {}", e.getMessage());
        }
    }

    /**
     * Best effort: the request has left and its record is committed; a store failure now must not take the answer from
     * the user. A cancelled call keeps the thread's interrupt flag, which the pool would take for a reason to fail, so
     * it is set aside for the write and restored after.
     */
    private void outcome(String auditId, Optional<Boolean> header, AuditOutcome.Status status, String detail) {
        boolean interrupted = Thread.interrupted();
        try {
            audit.recordOutcome(auditId, new AuditOutcome(clock.instant(), header, status, detail));
        } catch (RuntimeException e) {
            log.warn("could not append the outcome of audited request {} ({}): {}", auditId, status, e.getMessage());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void refuse(GateRequest request, AuditedMessage message) {
        metrics.counter(
                        "grokgram_gate_refused",
                        "origin",
                        message.origin().name().toLowerCase(Locale.ROOT))
                .increment();
        log.warn(
                "privacy gate refused message {} of origin {} for purpose {}; the request goes on without it",
                message.ref(),
                message.origin(),
                request.purpose());
    }

    private Completion cancelledBeforeStart(GateRequest request) {
        return new Completion(request.model(), "", FinishReason.CANCELLED, Usage.NONE, Duration.ZERO, Duration.ZERO);
    }

    /**
     * The admitted messages as canonical JSON: what the audit record's hash and size describe. Written straight to
     * bytes, field by field in the order a tree of them would print, rather than built as a tree first.
     */
    private static byte[] payload(Admission admission) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (JsonGenerator json = JSON.getFactory().createGenerator(bytes)) {
            json.writeStartArray();
            for (var message : admission.messages()) {
                json.writeStartObject();
                json.writeStringField("role", message.role().name().toLowerCase(Locale.ROOT));
                json.writeStringField("content", message.content());
                if (message.toolCallId().isPresent()) {
                    json.writeStringField("tool_call_id", message.toolCallId().get());
                }
                if (!message.toolCalls().isEmpty()) {
                    json.writeArrayFieldStart("tool_calls");
                    for (var call : message.toolCalls()) {
                        json.writeStartObject();
                        json.writeStringField("id", call.id());
                        json.writeStringField("name", call.name());
                        json.writeStringField("arguments", call.arguments());
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new IllegalStateException("the payload could not be written as JSON", e);
        }
        return bytes.toByteArray();
    }

    private static String sha256(byte[] payload) {
        try {
            return HexFormat.of().formatHex(((MessageDigest) SHA256.clone()).digest(payload));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
        }
    }

    private static MessageDigest sha256Prototype() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String purpose(GateRequest request) {
        return request.purpose().name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "ProviderGate[" + provider + "]";
    }
}

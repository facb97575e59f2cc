package io.grokgram.assistant;

import io.grokgram.privacy.AuditEntry;
import io.grokgram.privacy.AuditLog;
import io.grokgram.privacy.ConsentKind;
import io.grokgram.privacy.Consents;
import io.grokgram.privacy.DataRights;
import io.grokgram.privacy.DataSubject;
import io.grokgram.privacy.ErasureReport;
import io.grokgram.privacy.RetentionStatement;
import io.grokgram.telegram.Keyboard;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The user's side of the privacy promise, in the chat: the consent question, {@code /privacy} (consents, what the
 * provider keeps, the last requests sent on the user's behalf), {@code /mydata} and {@code /forget}. The data itself
 * belongs to the {@code privacy} room; this class only words it and offers the buttons.
 */
final class PrivacyDesk {
    static final String ACCEPT = "c:s:1";
    static final String DECLINE = "c:s:0";
    static final String TRAINING_ON = "c:t:1";
    static final String TRAINING_OFF = "c:t:0";
    static final String WITHDRAW = "p:s:0";
    static final String FORGET = "f:1";
    static final String KEEP = "f:0";
    private static final int SHOWN_REQUESTS = 5;
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Consents consents;
    private final AuditLog audit;
    private final DataRights rights;
    private final RetentionStatement retention;
    private final int keptDays;
    private final String providerName;
    private final Texts texts;

    PrivacyDesk(
            Consents consents,
            AuditLog audit,
            DataRights rights,
            RetentionStatement retention,
            int keptDays,
            String providerName,
            Texts texts) {
        this.consents = consents;
        this.audit = audit;
        this.rights = rights;
        this.retention = retention;
        this.keptDays = keptDays;
        this.providerName = providerName;
        this.texts = texts;
    }

    boolean serviceGranted(long user) {
        return consents.serviceGranted(new DataSubject(user));
    }

    boolean trainingGranted(long user) {
        return consents.trainingGranted(new DataSubject(user));
    }

    /** The consent question: what is sent, what the provider keeps, what is kept here; Accept or Decline. */
    Reply consentPrompt(String firstName) {
        return new Reply(
                texts.text(
                        "consent.prompt",
                        Commands.literal(firstName),
                        providerName,
                        retentionText(),
                        Math.max(keptDays, 0), // 0: kept until erased
                        consents.policyVersion()),
                new Keyboard(List.of(List.of(
                        new Keyboard.Callback(texts.text("consent.accept"), ACCEPT),
                        new Keyboard.Callback(texts.text("consent.decline"), DECLINE)))));
    }

    /** Records the answer to the consent question; returns the text the question's message turns into. */
    String answerConsent(long user, boolean accepted, boolean pending) {
        record(user, ConsentKind.SERVICE, accepted);
        if (!accepted) {
            return texts.text("consent.declined");
        }
        return texts.text(pending ? "consent.accepted.pending" : "consent.accepted", consents.policyVersion());
    }

    /** {@code /privacy}: consents with buttons to change them, the provider's retention, the last requests. */
    Reply overview(long user) {
        DataSubject subject = new DataSubject(user);
        StringBuilder text = new StringBuilder(texts.text("privacy.title")).append("\n\n");
        boolean service = consents.serviceGranted(subject);
        boolean training = consents.trainingGranted(subject);
        text.append(
                        service
                                ? texts.text(
                                        "privacy.service.on",
                                        since(subject, ConsentKind.SERVICE),
                                        consents.policyVersion())
                                : texts.text("privacy.service.off"))
                .append('\n')
                .append(
                        training
                                ? texts.text("privacy.training.on", since(subject, ConsentKind.TRAINING))
                                : texts.text("privacy.training.off"))
                .append("\n\n")
                .append(texts.text("privacy.retention", retentionText()))
                .append("\n\n")
                .append(texts.text("privacy.kept", Math.max(keptDays, 0)))
                .append("\n\n")
                .append(texts.text("privacy.requests.title"))
                .append('\n');
        List<AuditEntry> requests = audit.recent(subject, SHOWN_REQUESTS);
        if (requests.isEmpty()) {
            text.append(texts.text("privacy.requests.none"));
        }
        for (AuditEntry request : requests) {
            int redactions = request.redactions().values().stream()
                    .mapToInt(Integer::intValue)
                    .sum();
            text.append(texts.text(
                            "privacy.request",
                            WHEN.format(request.sentAt()),
                            request.model(),
                            texts.text("privacy.purpose."
                                    + request.purpose().name().toLowerCase(Locale.ROOT)),
                            request.messages().size(),
                            request.payloadBytes(),
                            redactions == 0 ? "" : texts.text("privacy.request.redacted", redactions)))
                    .append('\n');
        }
        Keyboard.Button trainingButton = training
                ? new Keyboard.Callback(texts.text("privacy.button.training.off"), TRAINING_OFF)
                : new Keyboard.Callback(texts.text("privacy.button.training.on"), TRAINING_ON);
        Keyboard.Button serviceButton = service
                ? new Keyboard.Callback(texts.text("privacy.button.service.off"), WITHDRAW)
                : new Keyboard.Callback(texts.text("privacy.button.service.on"), ACCEPT);
        return new Reply(
                text.toString().strip(), new Keyboard(List.of(List.of(trainingButton), List.of(serviceButton))));
    }

    /** Switches training use; takes effect for every later export at once. */
    void setTraining(long user, boolean allowed) {
        record(user, ConsentKind.TRAINING, allowed);
    }

    void withdrawService(long user) {
        record(user, ConsentKind.SERVICE, false);
    }

    /**
     * A consent given or withdrawn from the texts the user reads now: it records their language and that language's
     * consent text version, so the record says which wording the user agreed to.
     */
    private void record(long user, ConsentKind kind, boolean granted) {
        Language language = texts.current();
        consents.record(
                new DataSubject(user),
                kind,
                granted,
                language.tag(),
                Integer.parseInt(texts.text(language, "consent.text.version").strip()));
    }

    /**
     * What the provider keeps, in the user's language when it is one of the built-in statements; an operator's own
     * statement is shown as written (they wrote it for their users).
     */
    private String retentionText() {
        if (retention.equals(RetentionStatement.xai(retention.zeroDataRetention()))) {
            return texts.text(retention.zeroDataRetention() ? "retention.xai.zdr" : "retention.xai");
        }
        return retention.text();
    }

    byte[] export(long user) {
        return rights.exportJson(new DataSubject(user));
    }

    Reply forgetQuestion() {
        return new Reply(
                texts.text("forget.confirm"),
                new Keyboard(List.of(List.of(
                        new Keyboard.Callback(texts.text("forget.yes"), FORGET),
                        new Keyboard.Callback(texts.text("forget.no"), KEEP)))));
    }

    /** Erases everything held about the user, in one transaction; returns what the confirmation says. */
    String forget(long user) {
        ErasureReport report = rights.erase(new DataSubject(user));
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        report.deleted().values().forEach(tables -> tables.forEach((table, n) -> counts.merge(table, n, Integer::sum)));
        String listed = counts.entrySet().stream()
                .filter(entry -> entry.getValue() > 0)
                .map(entry -> entry.getValue() + " " + entry.getKey().replace('_', ' '))
                .collect(Collectors.joining(", "));
        return listed.isEmpty() ? texts.text("forget.nothing") : texts.text("forget.done", listed);
    }

    private String since(DataSubject subject, ConsentKind kind) {
        return consents.latest(subject, kind)
                .map(record -> WHEN.format(record.recordedAt()))
                .orElse(WHEN.format(Instant.EPOCH));
    }
}

package io.grokgram.privacy;

import io.grokgram.llm.ModelId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one request to a provider carried, as the audit log recorded it before the request left: who it was for (by
 * pseudonym only), which messages by reference and why each was admitted, a hash and size of the exact payload, the
 * redactions applied, and the retention terms it was sent under. No content.
 *
 * @param withheld the messages the gate refused, with their origins
 * @param payloadSha256 hex SHA-256 of the payload the gate handed the client: the admitted messages as canonical JSON
 *     ({@code [{"role":…,"content":…},…]}, UTF-8)
 * @param redactions replacements per detector, e.g. {@code card=1}
 * @param retentionStatement the provider whose {@link RetentionStatement} was in force
 * @param zeroDataRetention whether the operator had zero data retention configured for that provider
 * @param outcome how it ended; empty while in flight, or when the process died before it ended
 */
public record AuditEntry(
        String id,
        Instant sentAt,
        String pseudonym,
        String conversationId,
        Purpose purpose,
        String provider,
        ModelId model,
        List<AuditedMessage> messages,
        List<AuditedMessage> withheld,
        String payloadSha256,
        long payloadBytes,
        Map<String, Integer> redactions,
        String retentionStatement,
        boolean zeroDataRetention,
        int policyVersion,
        Optional<AuditOutcome> outcome) {
    public AuditEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(pseudonym, "pseudonym");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(messages);
        withheld = List.copyOf(withheld);
        Objects.requireNonNull(payloadSha256, "payloadSha256");
        redactions = Map.copyOf(redactions);
        Objects.requireNonNull(retentionStatement, "retentionStatement");
        Objects.requireNonNull(outcome, "outcome");
    }
}

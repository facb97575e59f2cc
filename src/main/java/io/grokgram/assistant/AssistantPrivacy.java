package io.grokgram.assistant;

import io.grokgram.privacy.AuditLog;
import io.grokgram.privacy.Consents;
import io.grokgram.privacy.ContentCipher;
import io.grokgram.privacy.DataRights;
import io.grokgram.privacy.RetentionStatement;
import java.util.Objects;

/**
 * What the assistant needs of the {@code privacy} room to keep its promise in the chat: consents, the audit it shows
 * in {@code /privacy}, export and erasure, the provider's retention statement, the cipher for message content at rest,
 * and how many days messages are kept (0 = no limit).
 */
public record AssistantPrivacy(
        Consents consents,
        AuditLog audit,
        DataRights rights,
        RetentionStatement retention,
        ContentCipher cipher,
        int keptDays) {
    public AssistantPrivacy {
        Objects.requireNonNull(consents, "consents");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(rights, "rights");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(cipher, "cipher");
        if (keptDays < 0) {
            throw new IllegalArgumentException("kept days must not be negative");
        }
    }
}

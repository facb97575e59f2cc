package io.grokgram.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grokgram.store.Tx;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The privacy room's own personal data: the pseudonym, the consent history, the content key, and (export only) the
 * audit records of the user's requests. Erasure deletes the consents, the pseudonym's mapping and the key; the audit
 * records stay, append-only, holding no content and a pseudonym that nothing links to the user any more.
 */
public final class PrivacyRecords implements PersonalDataHolder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Pseudonyms pseudonyms;
    private final Consents consents;
    private final AuditLog audit;
    private final ContentCipher cipher;

    public PrivacyRecords(Pseudonyms pseudonyms, Consents consents, AuditLog audit, ContentCipher cipher) {
        this.pseudonyms = Objects.requireNonNull(pseudonyms, "pseudonyms");
        this.consents = Objects.requireNonNull(consents, "consents");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
    }

    @Override
    public String name() {
        return "privacy";
    }

    @Override
    public JsonNode export(Tx tx, DataSubject subject) {
        ObjectNode section = JSON.createObjectNode();
        pseudonyms
                .find(tx, subject)
                .ifPresentOrElse(p -> section.put("pseudonym", p), () -> section.putNull("pseudonym"));
        ArrayNode history = section.putArray("consents");
        consents.history(tx, subject)
                .forEach(record -> history.addObject()
                        .put("kind", record.kind().name().toLowerCase(Locale.ROOT))
                        .put("granted", record.granted())
                        .put("policy_version", record.policyVersion())
                        .put("language", record.language())
                        .put("text_version", record.textVersion())
                        .put("recorded_at", record.recordedAt().toString()));
        section.put("content_encryption_key", cipher.hasKey(tx, subject) ? "present (not exported)" : "none");
        ArrayNode requests = section.putArray("provider_requests");
        audit.all(tx, subject).forEach(entry -> requests.add(AuditLog.toJson(entry)));
        ArrayNode searches = section.putArray("searches");
        audit.searches(tx, subject).forEach(search -> {
            ObjectNode node = searches.addObject()
                    .put("sent_at", search.sentAt().toString())
                    .put("purpose", search.purpose().name().toLowerCase(Locale.ROOT))
                    .put("tool", search.tool())
                    .put("backend", search.backend());
            search.queries().forEach(node.putArray("queries")::add);
            search.sources().forEach(node.putArray("sources")::add);
        });
        return section;
    }

    @Override
    public Map<String, Integer> erase(Tx tx, DataSubject subject) {
        Map<String, Integer> deleted = new LinkedHashMap<>();
        // before the pseudonym goes: the search texts are found by it
        deleted.put("audit_search_texts", audit.forgetSearchTexts(tx, subject));
        deleted.put("consents", consents.erase(tx, subject));
        deleted.put("pseudonyms", pseudonyms.erase(tx, subject));
        deleted.put("user_keys", cipher.erase(tx, subject));
        return deleted;
    }
}

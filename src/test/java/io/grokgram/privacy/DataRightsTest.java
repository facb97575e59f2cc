package io.grokgram.privacy;

import static io.grokgram.privacy.GateRig.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.grokgram.llm.StreamObserver;
import io.grokgram.store.Tx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataRightsTest {
    private static final DataSubject ADA = new DataSubject(987_654_321_012L);
    private static final DataSubject BOB = new DataSubject(987_654_321_013L);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void the_export_is_one_json_document_with_a_section_per_holder(String kind) throws Exception {
        try (GateRig rig = new GateRig(kind, dir)) {
            ContentCipher cipher = ContentCipher.withMasterKey(rig.database, masterKey(), rig.clock);
            rig.consents.record(ADA, ConsentKind.SERVICE, true, "de");
            rig.gate.ask(request(ADA, new GatedMessage("update:5", Origin.ADDRESSED, "Hallo")), StreamObserver.IGNORE);
            cipher.seal(ADA, "anything");
            DataRights rights = new DataRights(
                    rig.database, List.of(records(rig, cipher), new NotesHolder(List.of("a note"))), rig.clock);

            JsonNode export = new ObjectMapper().readTree(rights.exportJson(ADA));

            assertThat(export.path("generated_at").asText()).isEqualTo("2026-03-01T10:00:00Z");
            assertThat(export.at("/subject/telegram_user_id").asLong()).isEqualTo(ADA.telegramUserId());
            JsonNode privacy = export.at("/data/privacy");
            assertThat(privacy.path("pseudonym").asText())
                    .isEqualTo(rig.pseudonyms.find(ADA).orElseThrow());
            assertThat(privacy.at("/consents/0/kind").asText()).isEqualTo("service");
            assertThat(privacy.at("/consents/0/granted").asBoolean()).isTrue();
            assertThat(privacy.at("/consents/0/language").asText()).isEqualTo("de");
            assertThat(privacy.path("content_encryption_key").asText()).startsWith("present");
            JsonNode request = privacy.at("/provider_requests/0");
            assertThat(request.at("/messages/0/ref").asText()).isEqualTo("update:5");
            assertThat(request.path("payload_sha256").asText()).hasSize(64);
            assertThat(request.at("/outcome/status").asText()).isEqualTo("ok");
            assertThat(request.at("/outcome/zero_data_retention_header").asText())
                    .isEqualTo("false");
            assertThat(new String(rights.exportJson(ADA), StandardCharsets.UTF_8))
                    .as("the audit holds no content")
                    .doesNotContain("Hallo");
            assertThat(export.at("/data/notes/0").asText()).isEqualTo("a note");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void erasure_deletes_consents_pseudonym_and_key_keeps_the_unlinkable_audit_and_reports_counts(String kind) {
        try (GateRig rig = new GateRig(kind, dir)) {
            ContentCipher cipher = ContentCipher.withMasterKey(rig.database, masterKey(), rig.clock);
            rig.consents.record(ADA, ConsentKind.SERVICE, true, "en");
            rig.consents.record(ADA, ConsentKind.TRAINING, true, "en");
            rig.consents.record(BOB, ConsentKind.SERVICE, true, "en");
            rig.gate.ask(request(ADA, new GatedMessage("update:1", Origin.ADDRESSED, "Hi")), StreamObserver.IGNORE);
            rig.gate.ask(request(BOB, new GatedMessage("update:2", Origin.ADDRESSED, "Yo")), StreamObserver.IGNORE);
            String pseudonym = rig.pseudonyms.find(ADA).orElseThrow();
            String sealed = cipher.seal(ADA, "Ada's secret");
            DataRights rights = new DataRights(
                    rig.database, List.of(records(rig, cipher), new NotesHolder(List.of("n1", "n2"))), rig.clock);

            ErasureReport report = rights.erase(ADA);

            assertThat(report.deleted())
                    .containsExactly(
                            Map.entry(
                                    "privacy",
                                    Map.of("audit_search_texts", 0, "consents", 2, "pseudonyms", 1, "user_keys", 1)),
                            Map.entry("notes", Map.of("notes", 2)));
            assertThat(report.total()).isEqualTo(6);
            assertThat(rig.consents.serviceGranted(ADA))
                    .as("at once, in this process")
                    .isFalse();
            assertThat(new Consents(rig.database, 1, rig.clock).serviceGranted(ADA))
                    .as("and in the store")
                    .isFalse();
            assertThat(rig.pseudonyms.find(ADA)).isEmpty();
            assertThatThrownBy(() -> cipher.open(ADA, sealed)).isInstanceOf(UnreadableContentException.class);
            assertThat(rig.auditRequests()).as("audit rows are never deleted").isEqualTo(2);
            assertThat(rig.auditOutcomes()).isEqualTo(2);
            assertThat(rig.audit.all(ADA))
                    .as("but nothing links them to the user any more")
                    .isEmpty();
            assertThat(auditPseudonyms(rig)).contains(pseudonym);
            assertThat(rig.consents.serviceGranted(BOB)).isTrue();
            assertThat(rig.audit.all(BOB)).hasSize(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void erasure_is_all_or_nothing(String kind) {
        try (GateRig rig = new GateRig(kind, dir)) {
            rig.consents.record(ADA, ConsentKind.SERVICE, true, "en");
            rig.pseudonyms.of(ADA);
            PersonalDataHolder failing = new NotesHolder(List.of()) {
                @Override
                public Map<String, Integer> erase(Tx tx, DataSubject subject) {
                    throw new IllegalStateException("notes table is locked");
                }
            };
            DataRights rights =
                    new DataRights(rig.database, List.of(records(rig, ContentCipher.disabled()), failing), rig.clock);

            assertThatThrownBy(() -> rights.erase(ADA)).hasMessage("notes table is locked");

            assertThat(rig.pseudonyms.find(ADA)).as("rolled back with the rest").isPresent();
            assertThat(new Consents(rig.database, 1, rig.clock).serviceGranted(ADA))
                    .isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void two_holders_may_not_share_a_name(String kind) {
        try (GateRig rig = new GateRig(kind, dir)) {
            assertThatThrownBy(() -> new DataRights(
                            rig.database, List.of(new NotesHolder(List.of()), new NotesHolder(List.of())), rig.clock))
                    .hasMessageContaining("notes");
        }
    }

    private static PrivacyRecords records(GateRig rig, ContentCipher cipher) {
        return new PrivacyRecords(rig.pseudonyms, rig.consents, rig.audit, cipher);
    }

    private static List<String> auditPseudonyms(GateRig rig) {
        return rig.database.inTransaction(
                tx -> tx.query("SELECT pseudonym FROM audit_requests", row -> row.getString("pseudonym")));
    }

    private static MasterKey masterKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return MasterKey.fromBase64(Base64.getEncoder().encodeToString(bytes));
    }

    /** Another room's holder as the privacy room sees one: it exports and erases what it keeps. */
    private static class NotesHolder implements PersonalDataHolder {
        private final List<String> notes;

        NotesHolder(List<String> notes) {
            this.notes = notes;
        }

        @Override
        public String name() {
            return "notes";
        }

        @Override
        public JsonNode export(Tx tx, DataSubject subject) {
            var array = JsonNodeFactory.instance.arrayNode();
            notes.forEach(array::add);
            return array;
        }

        @Override
        public Map<String, Integer> erase(Tx tx, DataSubject subject) {
            return Map.of("notes", notes.size());
        }
    }
}

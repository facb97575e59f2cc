package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokgram.privacy.DataSubject;
import io.grokgram.sandbox.RecordedRequest;
import io.grokgram.sandbox.SandboxUser;
import io.grokgram.store.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The privacy wall as the composition root wires it: emulator ↔ Grokgram ↔ test provider over real HTTP. What the
 * provider receives is read from its own record of the request, byte for byte.
 */
class PrivacyEndToEndTest {
    private static final AtomicLong NEXT_USER = new AtomicLong(7_310_000_000L);

    @AutoClose
    static SandboxRig rig;

    @BeforeAll
    static void start(@TempDir Path dir) {
        rig = new SandboxRig(dir, Map.of());
    }

    @Test
    void the_provider_sees_a_pseudonym_never_the_telegram_identity_and_is_asked_not_to_store() {
        long id = NEXT_USER.incrementAndGet();
        SandboxUser user = rig.consentingUser(id, "Zebediah", Optional.of("zebediah_q"), "en");

        user.send("CANARY-CONSENTED-9013 hello");
        rig.awaitBotMessages(user, 1);

        RecordedRequest request = rig.provider.requests().stream()
                .filter(r -> r.rawBody().contains("CANARY-CONSENTED-9013"))
                .findFirst()
                .orElseThrow();
        assertThat(request.user()).get().asString().matches("u-[0-9a-f]{32}");
        assertThat(request.store()).contains(false);
        assertThat(request.rawBody() + request.headers())
                .doesNotContain(Long.toString(id))
                .doesNotContain("Zebediah")
                .doesNotContain("zebediah_q");
        try (Database store = rig.store()) {
            List<String> audited = store.inTransaction(tx -> tx.query(
                    "SELECT pseudonym FROM audit_requests WHERE pseudonym = ?",
                    row -> row.getString("pseudonym"),
                    request.user().orElseThrow()));
            assertThat(audited).hasSize(1);
        }
    }

    @Test
    void the_bot_keeps_an_audit_record_the_user_can_be_shown() {
        long id = NEXT_USER.incrementAndGet();
        SandboxUser user = rig.consentingUser(id, "Ida", Optional.empty(), "en");

        user.send("tell me about tea");
        rig.awaitBotMessages(user, 1);

        String export = new String(rig.bot.dataRights().exportJson(new DataSubject(id)), StandardCharsets.UTF_8);
        assertThat(export).contains("tell me about tea").as("the conversation is theirs to see");
        String audit;
        try {
            audit = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(export)
                    .path("data")
                    .path("privacy")
                    .path("provider_requests")
                    .toPrettyString();
        } catch (java.io.IOException e) {
            throw new AssertionError("the export is not JSON", e);
        }
        assertThat(audit).contains("\"status\" : \"ok\"").doesNotContain("tea").as("the audit holds no content");
    }
}

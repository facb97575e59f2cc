package io.grokgram.privacy;

import static io.grokgram.privacy.GateRig.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.grokgram.llm.StreamObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the privacy room shows an operator, on SQLite and PostgreSQL: consents counted per policy version by each
 * user's newest record, the audit log searched by pseudonym and time, and export and erasure requests by pseudonym.
 */
class OperatorViewsTest {
    private static final DataSubject ADA = new DataSubject(4_300_001L);
    private static final DataSubject BOB = new DataSubject(4_300_002L);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void consents_are_tallied_by_each_users_newest_record(String kind) {
        try (GateRig rig = new GateRig(kind, dir)) {
            rig.consents.record(ADA, ConsentKind.SERVICE, true, "en");
            rig.consents.record(ADA, ConsentKind.TRAINING, true, "en");
            rig.consents.record(ADA, ConsentKind.TRAINING, false, "en");
            rig.consents.record(BOB, ConsentKind.SERVICE, true, "en");

            List<Consents.ConsentTally> tally = rig.consents.tally();

            assertThat(tally)
                    .containsExactly(
                            new Consents.ConsentTally(1, ConsentKind.SERVICE, 2, 0),
                            new Consents.ConsentTally(1, ConsentKind.TRAINING, 0, 1));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void the_audit_log_is_searched_by_pseudonym_and_time(String kind) {
        try (GateRig rig = new GateRig(kind, dir)) {
            rig.consents.record(ADA, ConsentKind.SERVICE, true, "en");
            rig.consents.record(BOB, ConsentKind.SERVICE, true, "en");
            Instant start = rig.clock.instant();
            rig.gate.ask(request(ADA, new GatedMessage("update:1", Origin.ADDRESSED, "Hi")), StreamObserver.IGNORE);
            rig.clock.advance(Duration.ofHours(2));
            rig.gate.ask(request(BOB, new GatedMessage("update:2", Origin.ADDRESSED, "Hey")), StreamObserver.IGNORE);
            rig.gate.ask(request(ADA, new GatedMessage("update:3", Origin.ADDRESSED, "Again")), StreamObserver.IGNORE);
            String ada = rig.pseudonyms.of(ADA);
            Instant end = rig.clock.instant().plusSeconds(1);

            assertThat(rig.audit.search(Optional.empty(), start, end, 100)).hasSize(3);
            assertThat(rig.audit.search(Optional.of(ada), start, end, 100))
                    .hasSize(2)
                    .allSatisfy(entry -> assertThat(entry.pseudonym()).isEqualTo(ada));
            assertThat(rig.audit.search(Optional.of(ada), start, start.plus(Duration.ofHours(1)), 100))
                    .hasSize(1);
            assertThat(rig.audit.search(Optional.of("no-such-pseudonym"), start, end, 100))
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void export_and_erasure_requests_are_listed_by_pseudonym_never_by_telegram_id(String kind) {
        try (GateRig rig = new GateRig(kind, dir)) {
            String ada = rig.pseudonyms.of(ADA);
            DataRights rights = new DataRights(
                    rig.database,
                    List.of(new PrivacyRecords(rig.pseudonyms, rig.consents, rig.audit, ContentCipher.disabled())),
                    rig.clock);

            rights.exportJson(ADA);
            rig.clock.advance(Duration.ofMinutes(1));
            rights.erase(ADA);

            List<DataRights.DataRequest> requests = rights.requests(10);
            assertThat(requests).extracting(DataRights.DataRequest::kind).containsExactly("erasure", "export");
            assertThat(requests).allSatisfy(request -> {
                assertThat(request.pseudonym()).isEqualTo(ada);
                assertThat(request.status()).isEqualTo("done");
                assertThat(request.finishedAt()).isPresent();
            });
            assertThat(requests.toString()).doesNotContain(Long.toString(ADA.telegramUserId()));
            assertThat(rig.pseudonyms.find(ADA)).isEmpty();
        }
    }
}

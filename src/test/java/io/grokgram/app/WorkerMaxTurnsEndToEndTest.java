package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokgram.sandbox.RateLimits;
import io.grokgram.sandbox.RecordedRequest;
import io.grokgram.sandbox.SandboxUser;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GROKGRAM_WORKER_MAX_TURNS}: with a cap of two, six chats asking at once against a slow provider are all
 * answered, but never more than two of their requests are at the provider together; the others wait their turn.
 */
class WorkerMaxTurnsEndToEndTest {
    private static final int CAP = 2;
    private static final Duration FIRST_TOKEN = Duration.ofMillis(600);

    @AutoClose
    static SandboxRig rig;

    @BeforeAll
    static void start(@TempDir Path dir) {
        rig = new SandboxRig(
                dir,
                Map.of(
                        "GROKGRAM_WORKER_MAX_TURNS", Integer.toString(CAP),
                        "GROKGRAM_LIMIT_CHAT_PER_SECOND", "1000",
                        "GROKGRAM_LIMIT_BOT_PER_SECOND", "100000"));
        rig.telegram.setRateLimits(RateLimits.off());
    }

    @Test
    void past_the_cap_turns_wait_for_a_running_one_to_end_and_all_are_answered() {
        List<SandboxUser> users = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            users.add(rig.consentingUser(7_800_000_001L + i, "Capped" + i, Optional.empty(), "en"));
        }
        rig.provider.setPace(FIRST_TOKEN, Duration.ofMillis(10), 16);
        rig.provider.clearRequests();

        users.forEach(user -> user.send("CAPPED question, please answer"));

        users.forEach(user -> assertThat(rig.awaitBotMessages(user, 1)).isNotEmpty());
        List<Instant> arrivals = rig.provider.requests().stream()
                .filter(request -> request.rawBody().contains("CAPPED question"))
                .map(RecordedRequest::at)
                .sorted()
                .toList();
        assertThat(arrivals).hasSize(users.size());
        // a third request can only start once one of the two before it has had its whole (slow) answer
        for (int i = 0; i + CAP < arrivals.size(); i++) {
            assertThat(Duration.between(arrivals.get(i), arrivals.get(i + CAP)))
                    .as("request %d reached the provider while %d were still being answered", i + CAP, CAP)
                    .isGreaterThanOrEqualTo(FIRST_TOKEN);
        }
    }
}

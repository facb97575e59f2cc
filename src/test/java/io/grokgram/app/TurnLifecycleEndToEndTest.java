package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grokgram.sandbox.BotEvent;
import io.grokgram.sandbox.ChatMessage;
import io.grokgram.sandbox.SandboxUser;
import io.grokgram.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A turn's life beyond the happy path, end to end over real HTTP: Stop, edits, floods, blocked users, broken updates,
 * cut streams, servers without drafts, and a restart in the middle of an answer.
 */
class TurnLifecycleEndToEndTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final AtomicLong NEXT_USER = new AtomicLong(700_000);

    @TempDir
    Path dir;

    @Test
    void pressing_stop_ends_the_provider_call_and_keeps_what_was_written() {
        try (SandboxRig rig = new SandboxRig(dir, Map.of())) {
            rig.provider.setPace(Duration.ZERO, Duration.ofMillis(40), 8);
            SandboxUser user = newUser(rig);

            user.send("#long 4000");
            rig.telegram.awaitEvent(user.chatId(), e -> e.kind() == BotEvent.Kind.DRAFT, PATIENCE);
            Instant pressed = Instant.now();
            user.pressStop();

            ChatMessage answer = awaitBotMessages(rig, user, 1).getFirst();
            assertThat(Duration.between(pressed, answer.date())).isLessThan(Duration.ofSeconds(3));
            assertThat(answer.text().length()).isBetween(1, 3000);
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> botMessages(rig, user).size() == 1);
        }
    }

    @Test
    void an_edit_before_the_answer_is_answered_and_a_later_edit_gets_a_note() {
        try (SandboxRig rig = new SandboxRig(dir, Map.of())) {
            rig.provider.setPace(Duration.ofMillis(300), Duration.ofMillis(40), 4);
            SandboxUser user = newUser(rig);

            long question = user.send("#tokens 60 a question with a typo");
            rig.telegram.awaitEvent(user.chatId(), e -> e.kind() == BotEvent.Kind.ACTION, PATIENCE);
            user.edit((int) question, "the corrected question");

            ChatMessage answer = awaitBotMessages(rig, user, 1).getFirst();
            assertThat(answer.text()).contains("the corrected question");
            rig.provider.setPace(Duration.ZERO, Duration.ZERO, 64);
            user.edit((int) question, "changed my mind again");
            assertThat(awaitBotMessages(rig, user, 2).getLast().text()).contains("already answered");
            assertThat(botMessages(rig, user)).hasSize(2);
        }
    }

    @Test
    void a_user_over_the_flood_limit_is_asked_once_to_slow_down() {
        try (SandboxRig rig = new SandboxRig(dir, Map.of("GROKGRAM_FLOOD_PER_MINUTE", "3"))) {
            SandboxUser user = newUser(rig);

            for (int i = 1; i <= 7; i++) {
                user.send("message number " + i);
            }

            await().atMost(PATIENCE).until(() -> botMessages(rig, user).size() >= 4);
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> botMessages(rig, user).size() == 4);
            List<String> texts =
                    botMessages(rig, user).stream().map(ChatMessage::text).toList();
            assertThat(texts)
                    .filteredOn(t -> t.contains("faster than I can answer"))
                    .hasSize(1);
            assertThat(texts).filteredOn(t -> t.contains("You said")).hasSize(3);
        }
    }

    @Test
    void a_blocked_user_gets_nothing_more_sent() {
        try (SandboxRig rig = new SandboxRig(dir, Map.of())) {
            rig.provider.setPace(Duration.ofMillis(1500), Duration.ZERO, 64);
            SandboxUser user = newUser(rig);

            user.send("answer me slowly");
            rig.telegram.awaitEvent(user.chatId(), e -> e.kind() == BotEvent.Kind.ACTION, PATIENCE);
            user.blockBot();
            Instant blocked = Instant.now();

            await().pollDelay(Duration.ofSeconds(3)).atMost(PATIENCE).until(() -> true);
            assertThat(rig.telegram.events(user.chatId()))
                    .filteredOn(e -> e.byBot() && e.at().isAfter(blocked))
                    .isEmpty();
            assertThat(rig.telegram.rejections())
                    .filteredOn(r -> r.errorCode() == 403)
                    .hasSizeLessThanOrEqualTo(1);
        }
    }

    @Test
    void a_malformed_update_is_kept_aside_and_the_chat_goes_on() {
        try (SandboxRig rig = new SandboxRig(dir, Map.of())) {
            SandboxUser user = newUser(rig);

            rig.telegram.injectRawUpdate(SandboxRig.TOKEN, "{\"message\":{\"message_id\":\"x\",\"chat\":{}}}");
            user.send("are you still there?");

            assertThat(awaitBotMessages(rig, user, 1).getFirst().text()).contains("are you still there?");
            try (Database store = rig.store()) {
                List<String> reasons = store.inTransaction(
                        tx -> tx.query("SELECT reason FROM failed_intake", row -> row.getString("reason")));
                assertThat(reasons).singleElement().asString().contains("message_id");
            }
        }
    }

    @Test
    void a_stream_cut_halfway_keeps_what_was_written_and_says_it_is_incomplete() {
        try (SandboxRig rig = new SandboxRig(dir, Map.of())) {
            SandboxUser user = newUser(rig);

            user.send("#cut 50 #long 1200");

            ChatMessage answer = awaitBotMessages(rig, user, 1).getFirst();
            assertThat(answer.text()).contains("cut off").hasSizeGreaterThan(300);
        }
    }

    @Test
    void without_drafts_the_answer_streams_by_editing_one_message() {
        try (SandboxRig rig = new SandboxRig(dir, Map.of())) {
            rig.telegram.setDraftsEnabled(false);
            rig.provider.setPace(Duration.ZERO, Duration.ofMillis(30), 8);
            SandboxUser user = newUser(rig);

            user.send("#markdown");

            await().atMost(PATIENCE)
                    .until(() -> rig.telegram.events(user.chatId()).stream()
                                    .filter(e -> e.kind() == BotEvent.Kind.EDITED)
                                    .count()
                            >= 2);
            await().atMost(PATIENCE)
                    .until(() -> botMessages(rig, user).getFirst().text().contains("A link"));
            assertThat(botMessages(rig, user)).hasSize(1);
            assertThat(rig.telegram.events(user.chatId())).noneMatch(e -> e.kind() == BotEvent.Kind.DRAFT);
            assertThat(rig.telegram.rejections())
                    .allMatch(r -> r.method().equalsIgnoreCase("sendMessageDraft")
                            || r.description().contains("not modified"));
        }
    }

    @Test
    void a_turn_in_flight_at_shutdown_is_handed_back_and_answered_once_after_the_restart() {
        try (SandboxRig rig = new SandboxRig(dir, Map.of("GROKGRAM_SHUTDOWN_GRACE", "0s"))) {
            rig.provider.setPace(Duration.ofSeconds(2), Duration.ZERO, 64);
            SandboxUser user = newUser(rig);

            user.send("a question asked just before a deploy");
            rig.telegram.awaitEvent(user.chatId(), e -> e.kind() == BotEvent.Kind.ACTION, PATIENCE);
            rig.restartBot();
            rig.provider.setPace(Duration.ZERO, Duration.ZERO, 64);

            ChatMessage answer = awaitBotMessages(rig, user, 1).getFirst();
            assertThat(answer.text()).contains("a question asked just before a deploy");
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> botMessages(rig, user).size() == 1);
        }
    }

    @Test
    void a_long_conversation_keeps_its_thread_through_a_rolling_summary() {
        // a budget that holds the persona, the summary allowance and only a few short turns
        try (SandboxRig rig = new SandboxRig(
                dir, Map.of("GROKGRAM_FREE_CONTEXT_TOKENS", "1400", "GROKGRAM_CONTEXT_TRIM_STEP", "4"))) {
            SandboxUser user = newUser(rig);

            for (int turn = 1; turn <= 12; turn++) {
                user.send("#tokens 40 fact number " + turn + " is about zebras");
                awaitBotMessages(rig, user, turn);
            }

            List<String> bodies = rig.provider.requests().stream()
                    .map(r -> r.body().toString())
                    .toList();
            assertThat(bodies).anyMatch(b -> b.contains("running summary of a conversation"));
            String lastAnswerRequest = bodies.stream()
                    .filter(b -> b.contains("fact number 12"))
                    .reduce((a, b) -> b)
                    .orElseThrow();
            assertThat(lastAnswerRequest)
                    .contains("Summary of the earlier part of this conversation")
                    .doesNotContain("fact number 1 is");
        }
    }

    private static SandboxUser newUser(SandboxRig rig) {
        return rig.consentingUser(NEXT_USER.incrementAndGet(), "Tester", Optional.empty(), "en");
    }

    private static List<ChatMessage> botMessages(SandboxRig rig, SandboxUser user) {
        return rig.botMessages(user);
    }

    private static List<ChatMessage> awaitBotMessages(SandboxRig rig, SandboxUser user, int count) {
        return rig.awaitBotMessages(user, count);
    }
}

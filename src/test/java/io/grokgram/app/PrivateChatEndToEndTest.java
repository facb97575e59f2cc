package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokgram.sandbox.BotEvent;
import io.grokgram.sandbox.ChatMessage;
import io.grokgram.sandbox.SandboxUser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One private-chat turn end to end: emulator ↔ Grokgram ↔ test provider, all over real HTTP. */
class PrivateChatEndToEndTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final AtomicLong NEXT_USER = new AtomicLong(500_000);

    @AutoClose
    static SandboxRig rig;

    @BeforeAll
    static void start(@TempDir Path dir) {
        rig = new SandboxRig(dir, Map.of());
    }

    @Test
    void a_message_gets_a_streamed_answer_and_one_final_message() {
        rig.provider.setPace(Duration.ofMillis(50), Duration.ofMillis(25), 8);
        try {
            SandboxUser user = newUser();

            user.send("#markdown please show me some formatting");

            List<ChatMessage> answers = awaitBotMessages(user, 1);
            assertThat(answers).hasSize(1);
            ChatMessage answer = answers.getFirst();
            assertThat(answer.entities()).extracting(e -> e.type()).contains("bold", "pre");
            assertThat(answer.text()).doesNotContain("**", "```");
            List<BotEvent> events = rig.telegram.events(user.chatId());
            assertThat(events)
                    .anyMatch(e -> e.kind() == BotEvent.Kind.ACTION && e.text().equals("typing"));
            assertThat(events).filteredOn(e -> e.kind() == BotEvent.Kind.DRAFT).hasSizeGreaterThanOrEqualTo(2);
            BotEvent lastDraft = events.stream()
                    .filter(e -> e.kind() == BotEvent.Kind.DRAFT)
                    .reduce((a, b) -> b)
                    .orElseThrow();
            BotEvent sent = events.stream()
                    .filter(e -> e.kind() == BotEvent.Kind.SENT)
                    .findFirst()
                    .orElseThrow();
            assertThat(lastDraft.seq()).isLessThan(sent.seq());
            assertThat(rig.telegram.activeDrafts(user.chatId())).isEmpty();
            assertNoRejections();
        } finally {
            rig.provider.setPace(Duration.ZERO, Duration.ZERO, 64);
        }
    }

    @Test
    void a_fast_answer_shows_typing_and_then_the_message_without_drafts() {
        SandboxUser user = newUser();

        user.send("What is the capital of France?");

        awaitBotMessages(user, 1);
        assertThat(rig.telegram.events(user.chatId())).noneMatch(e -> e.kind() == BotEvent.Kind.DRAFT);
    }

    @Test
    void start_help_and_new_behave() {
        SandboxUser user = newUser();

        user.send("/start");
        ChatMessage greeting = awaitBotMessages(user, 1).getLast();
        assertThat(greeting.text()).contains("Hi Tester", "model provider (the sandbox provider)", "/new");
        assertThat(greeting.text()).doesNotContain("**");

        user.send("/help");
        assertThat(awaitBotMessages(user, 2).getLast().text()).contains("What I can do", "/new");

        user.send("remember the word kumquat");
        awaitBotMessages(user, 3);
        user.send("/new");
        assertThat(awaitBotMessages(user, 4).getLast().text()).contains("new conversation");
        rig.provider.clearRequests();
        user.send("what word did I ask you to remember?");
        awaitBotMessages(user, 5);

        String lastRequest = rig.provider.requests().getLast().body().toString();
        assertThat(lastRequest).contains("what word did I ask you to remember").doesNotContain("kumquat");
    }

    @Test
    void the_conversation_history_goes_back_to_the_provider_with_a_stable_cache_key() {
        SandboxUser user = newUser();

        user.send("first question about tea");
        awaitBotMessages(user, 1);
        user.send("second question about coffee");
        awaitBotMessages(user, 2);

        var requests = rig.provider.requests().stream()
                .filter(r -> r.body().toString().contains("question about"))
                .toList();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).body().toString()).contains("first question about tea");
        assertThat(requests.get(0).conversationKey())
                .isPresent()
                .isEqualTo(requests.get(1).conversationKey());
        assertThat(requests.get(1).conversationKey().orElseThrow()).doesNotContain(Long.toString(user.chatId()));
    }

    @Test
    void a_ten_thousand_character_answer_arrives_as_valid_parts() {
        SandboxUser user = newUser();

        user.send("#long 10000");

        List<ChatMessage> parts = awaitBotMessages(user, 3);
        assertThat(parts).allSatisfy(part -> assertThat(part.text().length()).isBetween(1, 4096));
        assertThat(parts.stream().mapToInt(p -> p.text().length()).sum()).isGreaterThan(8000);
        assertNoRejections();
    }

    @Test
    void a_repeated_update_is_answered_once() {
        SandboxUser user = newUser();
        user.send("hello once");
        long updateId = rig.telegram.lastUpdateId(SandboxRig.TOKEN);
        awaitBotMessages(user, 1);

        rig.telegram.redeliver(SandboxRig.TOKEN, updateId);
        user.send("and hello twice");
        awaitBotMessages(user, 2);

        assertThat(botMessages(user)).hasSize(2);
    }

    @Test
    void a_photo_gets_a_short_note_about_what_the_assistant_reads() {
        SandboxUser user = newUser();

        user.sendPhoto();

        assertThat(awaitBotMessages(user, 1).getFirst().text()).contains("text messages", "a photo");
    }

    private static SandboxUser newUser() {
        return rig.consentingUser(NEXT_USER.incrementAndGet(), "Tester", Optional.of("tester"), "en");
    }

    private static List<ChatMessage> botMessages(SandboxUser user) {
        return rig.botMessages(user);
    }

    private static List<ChatMessage> awaitBotMessages(SandboxUser user, int count) {
        return rig.awaitBotMessages(user, count);
    }

    private static void assertNoRejections() {
        assertThat(rig.telegram.rejections()).isEmpty();
    }
}

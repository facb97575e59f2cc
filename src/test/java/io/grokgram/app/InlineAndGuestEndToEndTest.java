package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grokgram.sandbox.ChatMessage;
import io.grokgram.sandbox.ChosenResult;
import io.grokgram.sandbox.InlineAnswer;
import io.grokgram.sandbox.InlineMessage;
import io.grokgram.sandbox.RecordedRequest;
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

/**
 * The assistant where the user is, not where the bot is: inline mode ({@code @bot question} in any chat, the answer
 * written into the sent message) and guest mode (summoned in a chat the bot is not a member of). Only the request itself
 * reaches the provider; identical requests come from the cache; nobody without consent causes a provider call.
 */
class InlineAndGuestEndToEndTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final AtomicLong NEXT_USER = new AtomicLong(9_300_000_000L);

    @AutoClose
    static SandboxRig rig;

    @BeforeAll
    static void start(@TempDir Path dir) {
        rig = new SandboxRig(dir, Map.of());
    }

    @Test
    void an_inline_question_becomes_a_message_that_is_filled_with_the_answer() {
        SandboxUser user = rig.consentedUser(NEXT_USER.incrementAndGet(), "Inlina");
        SandboxUser friend = rig.telegram.user(NEXT_USER.incrementAndGet(), "Friendo", Optional.empty(), "en");
        long friends = user.createGroupWithoutBot("Friends");
        friend.joinGroup(friends);
        int before = rig.provider.requests().size();

        String queryId = user.inlineQuery("what is INLINE-CANARY-1?", "private");
        InlineAnswer answer = user.inlineResults(queryId);

        assertThat(answer.results()).hasSize(1);
        InlineAnswer.Result article = answer.results().getFirst();
        assertThat(article.title()).isEqualTo("Ask the assistant: what is INLINE-CANARY-1?");
        assertThat(answer.personal()).isTrue();
        assertThat(answer.cacheTime()).isZero();
        assertThat(rig.provider.requests()).as("typing costs no provider call").hasSize(before);

        ChosenResult chosen = user.chooseInlineResult(queryId, article.id(), friends);

        String inlineId = chosen.inlineMessageId().orElseThrow();
        InlineMessage filled = await().atMost(PATIENCE)
                .until(
                        () -> rig.telegram.inlineMessage(inlineId).orElseThrow(),
                        m -> !m.text().contains("Writing"));
        assertThat(filled.text()).contains("INLINE-CANARY-1");
        assertThat(filled.replyMarkup()).as("the writing button is gone").isEmpty();
        List<RecordedRequest> sent = sentTo("INLINE-CANARY-1");
        assertThat(sent).hasSize(1);
        assertThat(sent.getFirst().body().path("messages").size())
                .as("persona and the question, nothing else")
                .isEqualTo(2);

        // the same question again is served from the cache
        String again = user.inlineQuery("what is INLINE-CANARY-1?", "private");
        InlineAnswer second = user.inlineResults(again);
        ChosenResult chosenAgain =
                user.chooseInlineResult(again, second.results().getFirst().id(), friends);
        await().atMost(PATIENCE)
                .until(() -> !rig.telegram
                        .inlineMessage(chosenAgain.inlineMessageId().orElseThrow())
                        .orElseThrow()
                        .text()
                        .contains("Writing"));
        assertThat(sentTo("INLINE-CANARY-1")).hasSize(1);
    }

    @Test
    void inline_mode_without_consent_offers_the_consent_step_and_sends_nothing() {
        SandboxUser user = rig.telegram.user(NEXT_USER.incrementAndGet(), "Nocon", Optional.empty(), "en");

        String queryId = user.inlineQuery("INLINE-NOCONSENT-1 please", "group");
        InlineAnswer answer = user.inlineResults(queryId);

        assertThat(answer.results()).isEmpty();
        assertThat(answer.button().orElseThrow().startParameter()).hasValue("consent");
        assertThat(sentTo("INLINE-NOCONSENT")).isEmpty();
    }

    @Test
    void a_guest_question_is_answered_in_a_chat_the_bot_is_not_in_with_only_the_summoning_message() {
        SandboxUser user = rig.consentedUser(NEXT_USER.incrementAndGet(), "Guestina");
        SandboxUser other = rig.telegram.user(NEXT_USER.incrementAndGet(), "Otherly", Optional.empty(), "en");
        long group = user.createGroupWithoutBot("No bot here");
        other.joinGroup(group);
        other.sendToGroup(group, "GUEST-CHATTER-1 something private between us");

        user.summonAsGuest(group, "@grokgram_test_bot what is GUEST-CANARY-1?");

        ChatMessage answer = await().atMost(PATIENCE)
                .until(
                        () -> rig.telegram.messages(group).stream()
                                .filter(m -> m.text().contains("GUEST-CANARY-1")
                                        && !m.text().contains("Writing"))
                                .filter(m -> m.fromId() != user.userId())
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        assertThat(answer.text()).contains("GUEST-CANARY-1");
        assertThat(sentTo("GUEST-CANARY-1")).hasSize(1);
        assertThat(sentTo("GUEST-CHATTER")).isEmpty();
        assertThat(sentTo("grokgram_test_bot"))
                .as("the mention is not part of the question")
                .isEmpty();
    }

    @Test
    void a_guest_without_consent_gets_a_pointer_and_no_provider_call() {
        SandboxUser user = rig.telegram.user(NEXT_USER.incrementAndGet(), "Guestless", Optional.empty(), "en");
        long group = user.createGroupWithoutBot("Still no bot");

        user.summonAsGuest(group, "@grokgram_test_bot GUEST-NOCONSENT-1");

        await().atMost(PATIENCE)
                .until(() -> rig.telegram.messages(group).stream()
                        .anyMatch(m -> m.text().contains("accept how your data is handled")));
        assertThat(sentTo("GUEST-NOCONSENT")).isEmpty();
    }

    private static List<RecordedRequest> sentTo(String text) {
        return rig.provider.requests().stream()
                .filter(request -> request.rawBody().contains(text))
                .toList();
    }
}

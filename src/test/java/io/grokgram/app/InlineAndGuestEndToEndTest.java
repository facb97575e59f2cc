package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grokgram.llm.ModelId;
import io.grokgram.llm.Usage;
import io.grokgram.privacy.DataSubject;
import io.grokgram.privacy.Purpose;
import io.grokgram.sandbox.ChatMessage;
import io.grokgram.sandbox.ChosenResult;
import io.grokgram.sandbox.InlineAnswer;
import io.grokgram.sandbox.InlineMessage;
import io.grokgram.sandbox.MessageEntity;
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
 * reaches the provider; identical requests come from the cache; nobody without consent causes a provider call. Both may
 * search, on a smaller budget than chats, and cite their sources as chat answers do.
 */
class InlineAndGuestEndToEndTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final AtomicLong NEXT_USER = new AtomicLong(9_300_000_000L);

    @AutoClose
    static SandboxRig rig;

    @BeforeAll
    static void start(@TempDir Path dir) {
        rig = new SandboxRig(
                dir,
                Map.of(
                        // Premium without tools, to show that a plan's tool list binds inline answers too
                        "GROKGRAM_PREMIUM_TOOLS", "",
                        "GROKGRAM_INLINE_TOOL_TIME", "1500ms",
                        "GROKGRAM_LLM_PRICES", "grok-test=1/0.25/2"));
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

    @Test
    void an_inline_question_that_asks_to_search_ends_with_numbered_source_links_and_the_query_is_audited() {
        SandboxUser user = rig.consentedUser(NEXT_USER.incrementAndGet(), "Searcha");
        long friends = user.createGroupWithoutBot("Search party");
        long searches = rig.web.searches();

        String queryId = user.inlineQuery("What is new about Aurora?", "private");
        InlineAnswer offered = user.inlineResults(queryId);
        assertThat(rig.web.searches()).as("typing searches nothing").isEqualTo(searches);
        ChosenResult chosen =
                user.chooseInlineResult(queryId, offered.results().getFirst().id(), friends);

        InlineMessage filled = filled(chosen, text -> text.contains("\nSources\n"));
        assertThat(filled.text())
                .startsWith("\u2753 What is new about Aurora?")
                .contains("Aurora 2.0 released with offline maps")
                .contains("[1]");
        assertThat(sourcesOf(filled.text())).first().asString().startsWith("1. Aurora 2.0 released with offline maps");
        assertThat(filled.text()).doesNotContain("](http"); // links are entities, not raw Markdown
        assertThat(links(filled.entities())).contains(rig.services.baseUrl() + "/pages/aurora-2-release");
        assertThat(rig.web.searches()).isEqualTo(searches + 1);
        assertThat(rig.bot.audit().searches(new DataSubject(user.userId())))
                .singleElement()
                .satisfies(search -> {
                    assertThat(search.purpose()).isEqualTo(Purpose.INLINE);
                    assertThat(search.tool()).isEqualTo("web_search");
                    assertThat(search.queries()).containsExactly("Aurora");
                });
        // the search fee is metered with the inline turn's tokens, as in chats
        long[] turn = usage(user, "inline");
        long tokens = rig.config
                .llm()
                .prices()
                .costNanoUsd(
                        new ModelId("grok-test"), new Usage((int) turn[0], (int) turn[1], (int) turn[2], (int) turn[3]))
                .orElseThrow();
        assertThat(turn[4]).isEqualTo(tokens + 5_000_000L);
    }

    @Test
    void a_guest_question_that_asks_to_search_is_answered_with_its_sources() {
        SandboxUser user = rig.consentedUser(NEXT_USER.incrementAndGet(), "Gsearch");
        long group = user.createGroupWithoutBot("Searching guests");

        user.summonAsGuest(group, "@grokgram_test_bot search for the night trains GUEST-SEARCH-1");

        ChatMessage answer = await().atMost(PATIENCE)
                .until(
                        () -> rig.telegram.messages(group).stream()
                                .filter(m -> m.fromId() != user.userId())
                                .filter(m -> m.text().contains("Sources"))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        assertThat(answer.text()).contains("Night trains return to the Alps");
        assertThat(sourcesOf(answer.text())).isNotEmpty().allMatch(line -> line.matches("\\d+\\. .+"));
        assertThat(links(answer.entities())).contains(rig.services.baseUrl() + "/pages/rust-trains");
        assertThat(rig.bot.audit().searches(new DataSubject(user.userId())))
                .singleElement()
                .satisfies(search -> {
                    assertThat(search.purpose()).isEqualTo(Purpose.GUEST);
                    assertThat(search.queries()).singleElement().asString().contains("night trains");
                });
    }

    @Test
    void an_inline_search_that_runs_out_of_its_short_time_still_answers() {
        SandboxUser user = rig.consentedUser(NEXT_USER.incrementAndGet(), "Slowly");
        long friends = user.createGroupWithoutBot("Patience");

        String queryId = user.inlineQuery("Search for #slow aurora news", "private");
        ChosenResult chosen = user.chooseInlineResult(
                queryId, user.inlineResults(queryId).results().getFirst().id(), friends);

        // GROKGRAM_INLINE_TOOL_TIME is 1.5 s here, the chats' GROKGRAM_TOOL_TIMEOUT 10 s; the backend stalls 5 s
        // the answer streams into the message: wait for the whole sentence, not the first edit that shows its start
        InlineMessage filled = filled(chosen, text -> text.contains("I could not find that") && text.contains(" ms"));
        assertThat(filled.text()).containsPattern("did not finish within 1\\d{3} ms");
    }

    @Test
    void a_plan_without_tools_answers_inline_without_any_search() {
        SandboxUser user = rig.consentedUser(NEXT_USER.incrementAndGet(), "Toolless");
        rig.bot
                .billing()
                .grantPlan(user.userId(), "premium", rig.clock.instant().plus(Duration.ofDays(3)), "test");
        long friends = user.createGroupWithoutBot("No search here");
        long searches = rig.web.searches();

        String queryId = user.inlineQuery("What is new about Aurora NOTOOLS-CANARY-1?", "private");
        ChosenResult chosen = user.chooseInlineResult(
                queryId, user.inlineResults(queryId).results().getFirst().id(), friends);

        InlineMessage filled = filled(chosen, text -> !text.contains("Writing"));
        assertThat(filled.text()).contains("NOTOOLS-CANARY-1").doesNotContain("Sources");
        assertThat(rig.web.searches()).as("no query reached the search backend").isEqualTo(searches);
        assertThat(sentTo("NOTOOLS-CANARY-1"))
                .singleElement()
                .satisfies(request -> assertThat(request.body().has("tools"))
                        .as("no tools offered")
                        .isFalse());
        assertThat(rig.bot.audit().searches(new DataSubject(user.userId()))).isEmpty();
    }

    /** The chosen result's message once it reads as {@code done} says a finished answer does (previews come first). */
    private static InlineMessage filled(ChosenResult chosen, java.util.function.Predicate<String> done) {
        String inlineId = chosen.inlineMessageId().orElseThrow();
        return await().atMost(PATIENCE)
                .until(() -> rig.telegram.inlineMessage(inlineId).orElseThrow(), m -> done.test(m.text()));
    }

    /** The numbered lines under the "Sources" heading at the end of an answer. */
    private static List<String> sourcesOf(String text) {
        int heading = text.lastIndexOf("\nSources\n");
        assertThat(heading).as("a sources heading in: %s", text).isPositive();
        return text.substring(heading + "\nSources\n".length()).strip().lines().toList();
    }

    private static List<String> links(List<MessageEntity> entities) {
        return entities.stream()
                .filter(entity -> entity.type().equals("text_link"))
                .map(entity -> entity.url().orElseThrow())
                .toList();
    }

    /** The user's turn of {@code purpose}: prompt, cached, completion and reasoning tokens, and its cost. */
    private static long[] usage(SandboxUser user, String purpose) {
        List<long[]> turns = rig.turnUsage(user.userId(), purpose);
        assertThat(turns).hasSize(1);
        return turns.getFirst();
    }

    private static List<RecordedRequest> sentTo(String text) {
        return rig.provider.requests().stream()
                .filter(request -> request.rawBody().contains(text))
                .toList();
    }
}

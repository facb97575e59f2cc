package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grokgram.sandbox.ChatMessage;
import io.grokgram.sandbox.RateLimits;
import io.grokgram.sandbox.RecordedRequest;
import io.grokgram.sandbox.SandboxUser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assistant in groups, end to end with Telegram's privacy mode on (its default): it introduces itself when added,
 * answers a mention, a reply to its own message, a text mention and {@code /ask@bot} as replies in the same topic,
 * ignores commands for other bots, follows its admins' settings, and keeps its conversations when the group becomes a
 * supergroup.
 */
class GroupsEndToEndTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final AtomicLong NEXT_USER = new AtomicLong(9_500_000_000L);

    @AutoClose
    static SandboxRig rig;

    @BeforeAll
    static void start(@TempDir Path dir) {
        rig = new SandboxRig(dir, Map.of("GROKGRAM_LIMIT_GROUP_PER_MINUTE", "600"));
        rig.telegram.setRateLimits(RateLimits.off());
    }

    @Test
    void added_to_a_group_it_says_how_to_address_it_and_answers_every_way_of_addressing_it() {
        SandboxUser alice = rig.consentedUser(NEXT_USER.incrementAndGet(), "Alicia");
        long group = alice.createGroupWithBot("Ways to ask");

        ChatMessage welcome = rig.awaitBotMessage(group, m -> m.text().contains("@grokgram_test_bot"));
        assertThat(welcome.text()).contains("/ask@grokgram_test_bot", "never stored");

        long mention = alice.sendToGroup(group, "@grokgram_test_bot what is MENTION-1?");
        ChatMessage first = awaitReplyTo(group, mention);
        assertThat(first.text()).isNotBlank();

        long followUp = alice.replyInGroup(group, first.messageId(), "and REPLY-1?");
        awaitReplyTo(group, followUp);
        assertThat(sentTo("REPLY-1").getFirst().rawBody())
                .as("the conversation goes on")
                .contains("MENTION-1");

        long textMention = alice.sendToGroupMentioningBot(group, "Grok please explain TEXTMENTION-1");
        awaitReplyTo(group, textMention);

        long ask = alice.sendToGroup(group, "/ask@grokgram_test_bot ASK-1 in one line");
        awaitReplyTo(group, ask);
        assertThat(sentTo("ASK-1").getFirst().rawBody()).doesNotContain("/ask");

        alice.sendToGroup(group, "/ask@some_other_bot OTHERBOT-1");
        alice.sendToGroup(group, "just chatting OTHERBOT-2");
        long last = alice.sendToGroup(group, "@grokgram_test_bot LAST-1");
        awaitReplyTo(group, last);
        assertThat(sentTo("OTHERBOT")).isEmpty();
    }

    @Test
    void forum_topics_are_separate_conversations_answered_in_their_topic() {
        SandboxUser alice = rig.consentedUser(NEXT_USER.incrementAndGet(), "Topica");
        long forum = alice.createForumSupergroupWithBot("Topics");
        int cooking = alice.createTopic(forum, "Cooking");
        int travel = alice.createTopic(forum, "Travel");

        long q1 = alice.sendToTopic(forum, cooking, "@grokgram_test_bot COOK-1?");
        ChatMessage a1 = awaitReplyTo(forum, q1);
        long q2 = alice.sendToTopic(forum, travel, "@grokgram_test_bot TRAVEL-1?");
        ChatMessage a2 = awaitReplyTo(forum, q2);
        long q3 = alice.sendToTopic(forum, cooking, "@grokgram_test_bot COOK-2?");
        awaitReplyTo(forum, q3);

        assertThat(a1.threadId()).hasValue(cooking);
        assertThat(a2.threadId()).hasValue(travel);
        String cook2 = sentTo("COOK-2").getFirst().rawBody();
        assertThat(cook2).contains("COOK-1").doesNotContain("TRAVEL-1");
    }

    @Test
    void admins_switch_the_assistant_off_and_on_and_others_cannot() {
        SandboxUser admin = rig.consentedUser(NEXT_USER.incrementAndGet(), "Adminia");
        SandboxUser member = rig.consentedUser(NEXT_USER.incrementAndGet(), "Membero");
        long group = admin.createGroupWithBot("Settings");
        member.joinGroup(group);

        member.sendToGroup(group, "/settings@grokgram_test_bot");
        rig.awaitBotMessage(group, m -> m.text().contains("Only the group's admins"));

        admin.sendToGroup(group, "/settings@grokgram_test_bot");
        ChatMessage settings = rig.awaitButton(group, "g:off");
        String denied = member.pressButton(group, settings.messageId(), "g:off");
        await().atMost(PATIENCE).until(() -> rig.telegram.callbackAnswer(denied).isPresent());
        admin.pressButton(group, settings.messageId(), "g:off");
        rig.awaitButton(group, "g:on");

        member.sendToGroup(group, "@grokgram_test_bot SWITCHEDOFF-1");
        long probe = admin.sendToGroup(group, "/settings@grokgram_test_bot");
        awaitReplyTo(group, probe);
        assertThat(sentTo("SWITCHEDOFF")).isEmpty();

        ChatMessage again = rig.awaitButton(group, "g:on");
        admin.pressButton(group, again.messageId(), "g:on");
        rig.awaitButton(group, "g:adm");
        long back = member.sendToGroup(group, "@grokgram_test_bot SWITCHEDON-1");
        awaitReplyTo(group, back);
        assertThat(sentTo("SWITCHEDON-1")).hasSize(1);
    }

    @Test
    void a_group_that_becomes_a_supergroup_keeps_its_conversation() {
        SandboxUser alice = rig.consentedUser(NEXT_USER.incrementAndGet(), "Migra");
        long group = alice.createGroupWithBot("Growing");
        long before = alice.sendToGroup(group, "@grokgram_test_bot remember MIGRATE-1");
        awaitReplyTo(group, before);

        long supergroup = alice.upgradeToSupergroup(group);

        long after = alice.sendToGroup(supergroup, "@grokgram_test_bot what did I ask to remember? MIGRATE-2");
        awaitReplyTo(supergroup, after);
        assertThat(sentTo("MIGRATE-2").getFirst().rawBody()).contains("MIGRATE-1");
    }

    @Test
    void with_the_per_user_setting_each_member_has_a_conversation_of_their_own(@TempDir Path own) {
        try (SandboxRig perUser = new SandboxRig(own, Map.of("GROKGRAM_GROUP_CONVERSATION_PER_USER", "true"))) {
            SandboxUser ann = perUser.consentedUser(NEXT_USER.incrementAndGet(), "Annika");
            SandboxUser ben = perUser.consentedUser(NEXT_USER.incrementAndGet(), "Benno");
            long group = ann.createGroupWithBot("Each their own");
            ben.joinGroup(group);

            awaitReplyTo(perUser, group, ann.sendToGroup(group, "@grokgram_test_bot PERUSER-ANN-1"));
            awaitReplyTo(perUser, group, ben.sendToGroup(group, "@grokgram_test_bot PERUSER-BEN-1"));
            awaitReplyTo(perUser, group, ann.sendToGroup(group, "@grokgram_test_bot PERUSER-ANN-2"));

            String second = perUser.provider.requests().stream()
                    .filter(request -> request.rawBody().contains("PERUSER-ANN-2"))
                    .findFirst()
                    .orElseThrow()
                    .rawBody();
            assertThat(second).contains("PERUSER-ANN-1").doesNotContain("PERUSER-BEN-1");
        }
    }

    private static ChatMessage awaitReplyTo(long chat, long messageId) {
        return awaitReplyTo(rig, chat, messageId);
    }

    private static ChatMessage awaitReplyTo(SandboxRig on, long chat, long messageId) {
        return on.awaitBotMessage(chat, m -> m.replyToMessageId().orElse(-1) == messageId);
    }

    private static List<RecordedRequest> sentTo(String text) {
        return rig.provider.requests().stream()
                .filter(request -> request.rawBody().contains(text))
                .toList();
    }
}

package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grokgram.sandbox.ChatMessage;
import io.grokgram.sandbox.RateLimits;
import io.grokgram.sandbox.RecordedRequest;
import io.grokgram.sandbox.SandboxUser;
import io.grokgram.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The privacy promise, proven with canaries: in sandbox groups and forum topics ten people talk, each message carrying
 * a unique canary string, and two of them address the assistant. Telegram's privacy mode is off, so the bot receives
 * every message; the test provider's record of every request it ever got must hold no canary of a message that was not
 * given to the assistant, the one message a user deliberately quoted must appear marked as quoted, a private
 * conversation must never show up in anyone else's request or in a group's, and no Telegram id, username or name may
 * appear anywhere in any request.
 */
class CanaryEndToEndTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Pattern CANARY = Pattern.compile("(?:CHATTER|NOCONSENT|PRIVATE|ASKED|QUOTED)-[A-Z0-9-]+");

    @AutoClose
    static SandboxRig rig;

    @BeforeAll
    static void start(@TempDir Path dir) {
        // content is encrypted at rest here too: the conversations must still follow, and the store show no canary
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        rig = new SandboxRig(
                dir,
                Map.of(
                        "GROKGRAM_LIMIT_GROUP_PER_MINUTE",
                        "600",
                        "GROKGRAM_MASTER_KEY",
                        java.util.Base64.getEncoder().encodeToString(key)));
        rig.telegram.setGroupPrivacy(false);
        rig.telegram.setRateLimits(RateLimits.off());
    }

    @Test
    void only_what_users_gave_the_assistant_reaches_the_provider() {
        List<SandboxUser> people = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            people.add(rig.telegram.user(
                    7_431_118_000L + i, "Zorblatine" + (char) ('A' + i), Optional.of("zorb_user_" + i), "en"));
        }
        SandboxUser alice = people.get(0);
        SandboxUser bob = people.get(1);
        SandboxUser carol = people.get(2); // never accepts the consent
        rig.accept(alice);
        rig.accept(bob);
        int written = 0;

        // private conversations first: they must never leak into anyone else's request
        alice.send("Remember PRIVATE-ALICE-1 for me, please.");
        bob.send("Remember PRIVATE-BOB-1 for me, please.");
        written += 2;
        rig.awaitBotMessages(alice, 2);
        rig.awaitBotMessages(bob, 2);

        // a basic group where everyone talks and two people ask the assistant
        long group = alice.createGroupWithBot("Canary club");
        people.subList(1, 10).forEach(person -> person.joinGroup(group));
        Map<Integer, Long> chatterOf = new HashMap<>();
        for (int round = 1; round <= 3; round++) {
            for (int i = 0; i < people.size(); i++) {
                long id = people.get(i).sendToGroup(group, "CHATTER-G-U" + i + "-R" + round + " is my news of the day");
                chatterOf.putIfAbsent(i, id);
                written++;
            }
        }
        alice.sendToGroup(group, "@grokgram_test_bot what does ASKED-G-ALICE-1 mean?");
        // Bob quotes person 5's first message to the assistant on purpose: only that one may appear, marked as quoted
        bob.replyInGroup(group, chatterOf.get(5).intValue(), "@grokgram_test_bot is this true? ASKED-G-BOB-1");
        carol.sendToGroup(group, "@grokgram_test_bot NOCONSENT-CAROL-1 tell me a secret");
        written += 3;
        for (int i = 0; i < people.size(); i++) {
            people.get(i).sendToGroup(group, "CHATTER-G-U" + i + "-R4 after the questions");
            written++;
        }
        awaitGroupMessages(group, 3); // two answers and Carol's pointer to the consent step

        // a forum: each topic is its own conversation
        long forum = alice.createForumSupergroupWithBot("Canary forum");
        people.subList(1, 10).forEach(person -> person.joinGroup(forum));
        int topicA = alice.createTopic(forum, "Topic A");
        int topicB = bob.createTopic(forum, "Topic B");
        for (int i = 0; i < people.size(); i++) {
            people.get(i).sendToTopic(forum, topicA, "CHATTER-TA-U" + i + " in topic A");
            people.get(i).sendToTopic(forum, topicB, "CHATTER-TB-U" + i + " in topic B");
            written += 2;
        }
        alice.sendToTopic(forum, topicA, "@grokgram_test_bot first ASKED-TA-ALICE-1");
        awaitGroupMessages(forum, 1);
        bob.sendToTopic(forum, topicB, "@grokgram_test_bot second ASKED-TB-BOB-1");
        awaitGroupMessages(forum, 2);
        alice.sendToTopic(forum, topicA, "@grokgram_test_bot third ASKED-TA-ALICE-2");
        awaitGroupMessages(forum, 3);
        written += 3;
        List<ChatMessage> forumAnswers = botMessages(forum);
        assertThat(forumAnswers.get(0).threadId()).hasValue(topicA);
        assertThat(forumAnswers.get(1).threadId()).hasValue(topicB);

        List<RecordedRequest> requests = rig.provider.requests().stream()
                .filter(request -> request.path().endsWith("/chat/completions"))
                .toList();
        Map<String, String> pseudonyms = pseudonyms();
        int leaked = 0;
        for (RecordedRequest request : requests) {
            String body = request.rawBody();
            List<String> canaries = canaries(body);
            for (String canary : canaries) {
                boolean allowed = canary.startsWith("ASKED-")
                        || canary.equals("CHATTER-G-U5-R1") && quotedIn(request, canary)
                        || canary.startsWith("PRIVATE-ALICE")
                                && request.user().equals(Optional.ofNullable(pseudonyms.get("alice")))
                                && canaries.stream().noneMatch(c -> c.startsWith("ASKED-"))
                        || canary.startsWith("PRIVATE-BOB")
                                && request.user().equals(Optional.ofNullable(pseudonyms.get("bob")))
                                && canaries.stream().noneMatch(c -> c.startsWith("ASKED-"));
                if (!allowed) {
                    leaked++;
                }
                assertThat(allowed)
                        .as("canary %s in a request: %s", canary, body)
                        .isTrue();
            }
            // topics are separate conversations
            assertThat(canaries.contains("ASKED-TA-ALICE-1") && canaries.contains("ASKED-TB-BOB-1"))
                    .as("topic A and topic B in one request")
                    .isFalse();
            for (SandboxUser person : people) {
                assertThat(body)
                        .doesNotContain(Long.toString(person.userId()))
                        .doesNotContain("zorb_user_")
                        .doesNotContain("Zorblatine");
            }
            assertThat(body).doesNotContain(Long.toString(group)).doesNotContain(Long.toString(forum));
            assertThat(request.user()).isPresent().isNotEqualTo(Optional.of(Long.toString(alice.userId())));
        }
        // what must be there is there: the quote, and the first topic question in the topic's next request
        assertThat(requests).anyMatch(request -> quotedIn(request, "CHATTER-G-U5-R1"));
        assertThat(requests)
                .anyMatch(request -> request.rawBody().contains("ASKED-TA-ALICE-2")
                        && request.rawBody().contains("ASKED-TA-ALICE-1"));
        assertThat(requests).noneMatch(request -> request.rawBody().contains("NOCONSENT"));
        try (Database store = rig.store()) {
            List<String> contents = store.inTransaction(
                    tx -> tx.query("SELECT content FROM conversation_messages", row -> row.getString("content")));
            assertThat(contents).isNotEmpty().allMatch(content -> content.startsWith("enc1:"));
        }
        System.out.printf(
                "canary test: %d messages written by %d people, %d requests made, %d canaries leaked%n",
                written, people.size(), requests.size(), leaked);
    }

    /** The canary sits in a user message that the gate marked as quoted. */
    private static boolean quotedIn(RecordedRequest request, String canary) {
        for (var message : request.body().path("messages")) {
            String content = message.path("content").asText();
            if (content.contains(canary)) {
                return message.path("role").asText().equals("user")
                        && content.toLowerCase(java.util.Locale.ROOT).contains("quoted");
            }
        }
        return false;
    }

    private static List<String> canaries(String body) {
        List<String> found = new ArrayList<>();
        Matcher matcher = CANARY.matcher(body);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }

    private static Map<String, String> pseudonyms() {
        Map<String, String> names = new HashMap<>();
        try (Database store = rig.store()) {
            store.useTransaction(tx -> tx.query(
                            "SELECT user_id, pseudonym FROM pseudonyms",
                            row -> Map.entry(row.getLong("user_id"), row.getString("pseudonym")))
                    .forEach(entry -> {
                        if (entry.getKey() == 7_431_118_000L) {
                            names.put("alice", entry.getValue());
                        } else if (entry.getKey() == 7_431_118_001L) {
                            names.put("bob", entry.getValue());
                        }
                    }));
        }
        return names;
    }

    /** The bot's replies in a group (answers and pointers reply to the message that asked; the welcome does not). */
    private static List<ChatMessage> botMessages(long chat) {
        return rig.telegram.messages(chat).stream()
                .filter(ChatMessage::fromBot)
                .filter(message -> message.content() == ChatMessage.Content.TEXT)
                .filter(message -> message.replyToMessageId().isPresent())
                .toList();
    }

    private static void awaitGroupMessages(long chat, int count) {
        await().atMost(PATIENCE).until(() -> botMessages(chat).size() >= count);
    }
}

package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grokgram.privacy.ConsentKind;
import io.grokgram.privacy.ConsentRecord;
import io.grokgram.privacy.Consents;
import io.grokgram.privacy.DataSubject;
import io.grokgram.sandbox.ChatMessage;
import io.grokgram.sandbox.RecordedRequest;
import io.grokgram.sandbox.SandboxUser;
import io.grokgram.store.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consent, {@code /privacy}, {@code /mydata} and {@code /forget} as a user meets them, end to end: nothing reaches the
 * provider before the user accepts, wherever they first meet the assistant; what they see and download is what is
 * held; after erasure no table holds their content, ids or pseudonym mapping.
 */
class PrivacyControlsEndToEndTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String RETENTION = "The sandbox provider keeps requests for 30 days to detect abuse.";
    private static final AtomicLong NEXT_USER = new AtomicLong(8_120_000_000L);

    @AutoClose
    static SandboxRig rig;

    @BeforeAll
    static void start(@TempDir Path dir) {
        rig = new SandboxRig(dir, Map.of("GROKGRAM_PROVIDER_RETENTION", RETENTION));
    }

    @Test
    void nothing_is_sent_before_consent_and_the_held_message_is_answered_after_it() {
        SandboxUser user = newUser("Heldina");

        user.send("What is HELD-CANARY-1?");

        ChatMessage question = rig.awaitButton(user, SandboxRig.ACCEPT);
        assertThat(question.text()).contains("What is sent", "What the provider keeps", RETENTION);
        assertThat(sentTo("HELD-CANARY-1")).isEmpty();
        user.send("And HELD-CANARY-2?");
        await().pollDelay(Duration.ofMillis(500)).atMost(PATIENCE).until(() -> true);
        assertThat(rig.botMessages(user))
                .as("the consent question is asked once")
                .hasSize(1);
        assertThat(sentTo("HELD-CANARY")).isEmpty();

        user.pressButton(user.chatId(), question.messageId(), SandboxRig.ACCEPT);

        rig.awaitBotMessages(user, 3);
        assertThat(sentTo("HELD-CANARY-1")).isNotEmpty();
        assertThat(sentTo("HELD-CANARY-2")).isNotEmpty();
        assertThat(rig.telegram.unansweredCallbacks()).isEmpty();
    }

    @Test
    void declining_deletes_what_was_held_and_sends_nothing() {
        SandboxUser user = newUser("Nayna");
        user.send("Please look at DECLINED-CANARY-1");
        ChatMessage question = rig.awaitButton(user, "c:s:0");

        user.pressButton(user.chatId(), question.messageId(), "c:s:0");

        await().atMost(PATIENCE)
                .until(() -> rig.botMessages(user).getFirst().text().startsWith("Understood"));
        assertThat(sentTo("DECLINED-CANARY")).isEmpty();
        assertThat(tablesContaining("DECLINED-CANARY-1")).isEmpty();
    }

    @Test
    void someone_who_first_meets_the_assistant_in_a_group_gets_a_pointer_and_no_provider_call() {
        SandboxUser admin = rig.consentedUser(NEXT_USER.incrementAndGet(), "Admina");
        SandboxUser stranger = newUser("Strangeling");
        long group = admin.createGroupWithBot("First contact");
        stranger.joinGroup(group);

        stranger.sendToGroup(group, "@grokgram_test_bot GROUP-FIRST-CANARY what is this?");

        ChatMessage pointer = await().atMost(PATIENCE)
                .until(
                        () -> rig.telegram.messages(group).stream()
                                .filter(ChatMessage::fromBot)
                                .filter(m -> m.text().startsWith("To use the assistant"))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        assertThat(pointer.replyMarkup().orElseThrow().toString()).contains("?start=consent");
        assertThat(sentTo("GROUP-FIRST-CANARY")).isEmpty();
        assertThat(tablesContaining("GROUP-FIRST-CANARY"))
                .as("the request is not kept")
                .isEmpty();
    }

    @Test
    void privacy_shows_the_consents_the_retention_and_the_last_requests_and_training_switches_at_once() {
        SandboxUser user = rig.consentedUser(NEXT_USER.incrementAndGet(), "Priva");
        user.send("A question for the audit");
        rig.awaitBotMessages(user, 2);

        user.send("/privacy");
        ChatMessage overview = rig.awaitButton(user, "c:t:1");
        assertThat(overview.text()).contains("accepted on", "policy version 1", "off", RETENTION, "grok-test (answer)");

        user.pressButton(user.chatId(), overview.messageId(), "c:t:1");
        await().atMost(PATIENCE).until(() -> trainingGranted(user).orElse(false));
        ChatMessage switched = rig.awaitButton(user, "c:t:0");
        assertThat(switched.text()).contains("**on**".replace("*", ""));

        user.pressButton(user.chatId(), switched.messageId(), "c:t:0");
        await().atMost(PATIENCE).until(() -> !trainingGranted(user).orElse(true));
        assertThat(rig.telegram.unansweredCallbacks()).isEmpty();
    }

    @Test
    void mydata_is_a_json_file_with_everything_and_forget_leaves_nothing_behind() throws Exception {
        long id = NEXT_USER.incrementAndGet();
        SandboxUser user = rig.telegram.user(id, "Forgettina", Optional.of("forget_me_please"), "en");
        rig.accept(user);
        user.send("Keep FORGET-CANARY-1 in mind");
        rig.awaitBotMessages(user, 2);
        long group = user.createGroupWithBot("Forget group");
        user.sendToGroup(group, "@grokgram_test_bot and FORGET-CANARY-2 here");
        await().atMost(PATIENCE)
                .until(() -> rig.telegram.messages(group).stream()
                        .anyMatch(m -> m.fromBot() && m.replyToMessageId().isPresent()));

        user.send("/mydata");
        var document = await().atMost(PATIENCE)
                .until(() -> rig.telegram.documents(user.chatId()), docs -> !docs.isEmpty())
                .getFirst();
        assertThat(document.fileName()).endsWith(".json");
        JsonNode data = new ObjectMapper().readTree(new String(document.content(), StandardCharsets.UTF_8));
        assertThat(data.toString()).contains("FORGET-CANARY-1", "FORGET-CANARY-2", "grok-test");
        assertThat(tablesContaining("FORGET-CANARY-1")).isNotEmpty();

        user.send("/forget");
        ChatMessage confirm = rig.awaitButton(user, "f:1");
        user.pressButton(user.chatId(), confirm.messageId(), "f:1");
        await().atMost(PATIENCE)
                .until(() -> rig.telegram.messages(user.chatId()).stream()
                        .anyMatch(m ->
                                m.messageId() == confirm.messageId() && m.text().startsWith("Erased")));

        List<String> left = new ArrayList<>();
        left.addAll(tablesContaining("FORGET-CANARY"));
        left.addAll(tablesContaining(Long.toString(id)));
        left.addAll(tablesContaining("forget_me_please"));
        left.addAll(tablesContaining("Forgettina"));
        assertThat(left).as("rows that still hold the user's content or ids").isEmpty();
        assertThat(count("SELECT COUNT(*) AS n FROM pseudonyms WHERE user_id = " + id))
                .isZero();
    }

    private static SandboxUser newUser(String name) {
        return rig.telegram.user(NEXT_USER.incrementAndGet(), name, Optional.empty(), "en");
    }

    private static List<RecordedRequest> sentTo(String text) {
        return rig.provider.requests().stream()
                .filter(request -> request.rawBody().contains(text))
                .toList();
    }

    /** What the store says now, read by a fresh {@link Consents} (no cache of its own). */
    private static Optional<Boolean> trainingGranted(SandboxUser user) {
        try (Database store = rig.store()) {
            return new Consents(store, 1, Clock.systemUTC())
                    .latest(new DataSubject(user.userId()), ConsentKind.TRAINING)
                    .map(ConsentRecord::granted);
        }
    }

    private static long count(String sql) {
        try (Database store = rig.store()) {
            return store.inTransaction(
                    tx -> tx.queryOne(sql, row -> row.getLong("n")).orElse(0L));
        }
    }

    /** "table.column" for every value in the whole database that contains {@code needle}. */
    private static List<String> tablesContaining(String needle) {
        return tablesContaining(rig, needle);
    }

    /** "table.column" for every value in the whole database of {@code on} that contains {@code needle}. */
    static List<String> tablesContaining(SandboxRig on, String needle) {
        List<String> hits = new ArrayList<>();
        try (Database store = on.store()) {
            store.useTransaction(tx -> {
                List<String> tables = tx.query(
                        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                                + " AND name <> 'flyway_schema_history'",
                        row -> row.getString("name"));
                for (String table : tables) {
                    List<String> columns = tx.query(
                            "SELECT name FROM pragma_table_info('" + table + "')", row -> row.getString("name"));
                    for (String column : columns) {
                        tx.query(
                                        "SELECT 1 AS hit FROM " + table + " WHERE CAST(" + column
                                                + " AS TEXT) LIKE ? LIMIT 1",
                                        row -> table + "." + column,
                                        "%" + needle + "%")
                                .forEach(hits::add);
                    }
                }
            });
        }
        return hits;
    }
}

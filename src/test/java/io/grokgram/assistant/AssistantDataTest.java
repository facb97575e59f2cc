package io.grokgram.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.grokgram.privacy.ContentCipher;
import io.grokgram.privacy.DataSubject;
import io.grokgram.privacy.MasterKey;
import io.grokgram.privacy.Origin;
import io.grokgram.sandbox.MutableClock;
import io.grokgram.store.Database;
import io.grokgram.store.TestDatabases;
import io.grokgram.telegram.ChatId;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The assistant's part of {@code /mydata}, {@code /forget} and retention, on both engines, with content encrypted at
 * rest: a person's private conversation and their turns in a shared group conversation are exported readable, erased
 * without touching other people's turns, and expired by age.
 */
class AssistantDataTest {
    private static final long BOT = 42;
    private static final DataSubject ADA = new DataSubject(1001);
    private static final DataSubject BEN = new DataSubject(1002);
    private static final ChatId GROUP = new ChatId(-5005);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T10:00:00Z"));

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_language_choice_is_exported_and_erased_while_a_groups_stays(String kind) {
        try (Database database = TestDatabases.open(kind, dir)) {
            ContentCipher cipher = ContentCipher.withMasterKey(database, randomKey(), clock);
            LanguageChoices choices = new LanguageChoices(database, BOT, clock);
            AssistantData data = new AssistantData(BOT, cipher);
            choices.choose(new ChatId(ADA.telegramUserId()), java.util.Optional.of(new Language("uk")));
            choices.choose(GROUP, java.util.Optional.of(new Language("pt-BR")));

            JsonNode exported = database.inTransaction(tx -> data.export(tx, ADA));
            Map<String, Integer> erased = database.inTransaction(tx -> data.erase(tx, ADA));
            choices.forget(ADA.telegramUserId());

            assertThat(exported.path("language_choice").path("language").asText())
                    .isEqualTo("uk");
            assertThat(erased).containsEntry("language_choice", 1);
            assertThat(choices.of(new ChatId(ADA.telegramUserId()))).isEmpty();
            assertThat(choices.of(GROUP)).contains(new Language("pt-BR"));
            assertThat(database.inTransaction(tx -> data.export(tx, ADA)).has("language_choice"))
                    .isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_person_is_exported_readable_and_erased_without_touching_others(String kind) {
        try (Database database = TestDatabases.open(kind, dir)) {
            ContentCipher cipher = ContentCipher.withMasterKey(database, randomKey(), clock);
            Conversations conversations = new Conversations(database, clock, cipher);
            AssistantData data = new AssistantData(BOT, cipher);
            ChatKey adaChat = new ChatKey(BOT, new ChatId(ADA.telegramUserId()), 0);
            ChatKey group = new ChatKey(BOT, GROUP, 0);
            String privateConversation = conversations.current(adaChat, 0);
            String groupConversation = conversations.current(group, 0);
            database.useTransaction(tx -> {
                conversations.append(
                        tx, privateConversation, adaChat, 1, ADA.telegramUserId(), Origin.ADDRESSED, "ADA-PRIVATE", 3);
                conversations.append(
                        tx,
                        privateConversation,
                        adaChat,
                        1,
                        ADA.telegramUserId(),
                        Origin.ASSISTANT,
                        "answer to ada",
                        3);
                conversations.append(
                        tx, groupConversation, group, 2, BEN.telegramUserId(), Origin.ADDRESSED, "BEN-IN-GROUP", 3);
                conversations.append(
                        tx, groupConversation, group, 2, BEN.telegramUserId(), Origin.ASSISTANT, "answer to ben", 3);
                conversations.append(
                        tx, groupConversation, group, 3, ADA.telegramUserId(), Origin.ADDRESSED, "ADA-IN-GROUP", 3);
                conversations.append(
                        tx,
                        groupConversation,
                        group,
                        3,
                        ADA.telegramUserId(),
                        Origin.ASSISTANT,
                        "answer to ada in group",
                        3);
            });
            conversations.saveSummary(groupConversation, new Conversations.Summary("Ada said ADA-IN-GROUP", 6));
            assertThat(rawContents(database))
                    .noneMatch(content -> content.contains("ADA-") || content.contains("BEN-"));

            JsonNode exported = database.inTransaction(tx -> data.export(tx, ADA));
            assertThat(exported.toString())
                    .contains("ADA-PRIVATE", "ADA-IN-GROUP")
                    .doesNotContain("BEN-IN-GROUP")
                    .as("a group summary may retell other people")
                    .doesNotContain("Ada said");

            Map<String, Integer> erased = database.inTransaction(tx -> data.erase(tx, ADA));

            assertThat(erased).containsEntry("messages", 4).containsEntry("conversations", 1);
            List<StoredMessage> left = conversations.messages(groupConversation);
            assertThat(left).extracting(StoredMessage::content).containsExactly("BEN-IN-GROUP", "answer to ben");
            assertThat(conversations.summary(groupConversation).text())
                    .as("a summary may retell Ada")
                    .isEmpty();
            assertThat(database.inTransaction(tx -> data.export(tx, ADA)).path("conversations"))
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void messages_older_than_the_retention_are_deleted_with_the_summary_that_retells_them(String kind) {
        try (Database database = TestDatabases.open(kind, dir)) {
            Conversations conversations = new Conversations(database, clock, ContentCipher.disabled());
            AssistantData data = new AssistantData(BOT, ContentCipher.disabled());
            ChatKey chat = new ChatKey(BOT, new ChatId(ADA.telegramUserId()), 0);
            String conversation = conversations.current(chat, 0);
            database.useTransaction(tx -> conversations.append(
                    tx, conversation, chat, 1, ADA.telegramUserId(), Origin.ADDRESSED, "old question", 2));
            conversations.saveSummary(conversation, new Conversations.Summary("about the old question", 1));
            clock.advance(Duration.ofDays(40));
            database.useTransaction(tx -> conversations.append(
                    tx, conversation, chat, 2, ADA.telegramUserId(), Origin.ADDRESSED, "new question", 2));

            int expired = database.inTransaction(
                    tx -> data.expire(tx, clock.millis() - Duration.ofDays(30).toMillis()));

            assertThat(expired).isEqualTo(1);
            assertThat(conversations.messages(conversation))
                    .extracting(StoredMessage::content)
                    .containsExactly("new question");
            assertThat(conversations.summary(conversation).text()).isEmpty();
        }
    }

    private static List<String> rawContents(Database database) {
        return database.inTransaction(
                tx -> tx.query("SELECT content FROM conversation_messages", row -> row.getString("content")));
    }

    private static MasterKey randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return MasterKey.fromBase64(Base64.getEncoder().encodeToString(key));
    }
}

package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grokgram.privacy.DataSubject;
import io.grokgram.sandbox.CallbackAnswer;
import io.grokgram.sandbox.ChatMessage;
import io.grokgram.sandbox.InlineAnswer;
import io.grokgram.sandbox.RateLimits;
import io.grokgram.sandbox.RecordedRequest;
import io.grokgram.sandbox.SandboxUser;
import io.grokgram.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training dataset end to end: users press the feedback buttons under answers in the emulator, switch training use
 * on and off in {@code /privacy}, and {@code grokgram dataset export} then holds exactly the turns of those who
 * consented when they asked and still do, in private chats and groups, with the preference pair their regeneration and
 * choice made.
 */
class DatasetEndToEndTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final AtomicLong NEXT_USER = new AtomicLong(9_700_000_000L);
    private static final ObjectMapper JSON = new ObjectMapper();

    @AutoClose
    static SandboxRig rig;

    static Path store;

    @BeforeAll
    static void start(@TempDir Path dir) {
        store = dir;
        rig = new SandboxRig(dir, Map.of("GROKGRAM_LIMIT_GROUP_PER_MINUTE", "600"));
        rig.telegram.setRateLimits(RateLimits.off());
    }

    @Test
    void the_export_holds_exactly_the_consented_turns_and_the_pair_a_regeneration_made(@TempDir Path out)
            throws Exception {
        Set<String> expected = new HashSet<>();
        Set<String> excluded = new HashSet<>();
        SandboxUser ada = rig.consentedUser(NEXT_USER.incrementAndGet(), "Ada");
        SandboxUser ben = rig.consentedUser(NEXT_USER.incrementAndGet(), "Ben");
        SandboxUser cleo = rig.consentedUser(NEXT_USER.incrementAndGet(), "Cleo");
        SandboxUser dora = rig.consentedUser(NEXT_USER.incrementAndGet(), "Dora");
        training(ada, true);
        training(cleo, true);

        // private chats: Ada consented to training, Ben only to the service
        expected.add(turn(askPrivately(ada, "How do tides depend on the phases of the Moon and the Sun together?")));
        excluded.add(turn(askPrivately(ben, "Which houseplants survive in a dark north-facing flat all winter?")));
        // Cleo consented, asked, and withdrew: none of her turns may remain
        excluded.add(turn(askPrivately(cleo, "What is a good first programming language for a curious teenager?")));
        training(cleo, false);
        // Dora asked before she consented: only her later turn counts
        excluded.add(turn(askPrivately(dora, "Why does bread go stale faster in the fridge than on the counter?")));
        training(dora, true);
        expected.add(turn(askPrivately(dora, "How do bees find their way back to the hive after a long flight?")));

        // personal data of every kind the scrubber knows, planted in a consented turn (the answer echoes it)
        List<String> planted = List.of(
                "ada.l@example.org",
                "+44 20 7946 0958",
                "4111 1111 1111 1111",
                "GB82 WEST 1234 5698 7654 32",
                "221B Baker Street",
                "@ada_lovelace",
                "t.me/ada_lovelace");
        ada.send("Remember my details: " + String.join(", ", planted));
        expected.add(turn(rig.awaitBotMessage(
                ada.chatId(), m -> m.text().contains("Remember my details") && hasButton(m, "r:g:"))));

        // an inline answer is no conversation turn: it never enters the export, though Ada consented
        long friends = ada.createGroupWithoutBot("Inline friends");
        String queryId = ada.inlineQuery("what is INLINE-DATASET-CANARY made of?", "private");
        InlineAnswer offered = ada.inlineResults(queryId);
        String inlineId = ada.chooseInlineResult(
                        queryId, offered.results().getFirst().id(), friends)
                .inlineMessageId()
                .orElseThrow();
        await().atMost(PATIENCE)
                .until(
                        () -> rig.telegram.inlineMessage(inlineId).orElseThrow(),
                        m -> !m.text().contains("Writing"));

        // a group: the turn counts where the addressing user consented
        long group = ada.createGroupWithBot("Dataset group");
        ben.joinGroup(group);
        ChatMessage adaInGroup = askInGroup(ada, group, "what makes a good sourdough starter smell slightly sour?");
        expected.add(turn(adaInGroup));
        excluded.add(turn(askInGroup(ben, group, "how many moons does Jupiter have according to recent counts?")));

        // Ada regenerates an answer, rates the first down and keeps the second
        ChatMessage first = askPrivately(ada, "Suggest a cheerful name for a small bakery next to the harbour.");
        String bakery = turn(first);
        expected.add(bakery);
        long update = updateOf(first);
        int regenerationsBefore = regenerations();
        press(ada, first, "r:g:" + update + ":0");
        ChatMessage second = rig.awaitBotMessage(ada.chatId(), m -> hasButton(m, "r:k:" + update + ":1"));
        assertThat(second.text()).isNotEqualTo(first.text());
        assertThat(regenerations()).isEqualTo(regenerationsBefore + 1);
        assertThat(toast(press(ada, first, "r:d:" + update + ":0"))).contains("Thanks for telling me");
        assertThat(toast(press(ada, first, "r:d:" + update + ":0"))).contains("Thanks for telling me");
        assertThat(toast(press(ada, second, "r:k:" + update + ":1"))).contains("you keep");
        // a second 🔄 on the same answer costs nothing: it was answered again already
        assertThat(toast(press(ada, first, "r:g:" + update + ":0"))).contains("already");
        assertThat(regenerations()).isEqualTo(regenerationsBefore + 1);
        // in the group everyone sees the buttons; someone else's press counts for nothing
        assertThat(toast(press(ben, adaInGroup, "r:u:" + updateOf(adaInGroup) + ":0", group)))
                .contains("Only the person who asked");
        assertThat(count("SELECT COUNT(*) AS n FROM turn_ratings WHERE user_id = " + ben.userId()))
                .isZero();

        // an erased user's buttons do nothing harmful
        SandboxUser eve = rig.consentedUser(NEXT_USER.incrementAndGet(), "Eve");
        training(eve, true);
        ChatMessage eves = askPrivately(eve, "Is it safe to swim in the Baltic Sea in early October at all?");
        excluded.add(turn(eves));
        press(eve, eves, "r:g:" + updateOf(eves) + ":0");
        rig.awaitBotMessage(eve.chatId(), m -> hasButton(m, "r:k:" + updateOf(eves) + ":1"));
        assertThat(toast(press(eve, eves, "r:u:" + updateOf(eves) + ":0"))).contains("Glad it helped");
        eve.send("/forget");
        ChatMessage confirm = rig.awaitButton(eve, "f:1");
        eve.pressButton(eve.chatId(), confirm.messageId(), "f:1");
        await().atMost(PATIENCE).until(() -> !rig.bot.consents().trainingGranted(new DataSubject(eve.userId())));
        assertThat(toast(press(eve, eves, "r:u:" + updateOf(eves) + ":0"))).contains("no longer applies");
        assertThat(count("SELECT COUNT(*) AS n FROM turn_ratings WHERE user_id = " + eve.userId()))
                .isZero();
        assertThat(count("SELECT COUNT(*) AS n FROM turn_answers WHERE user_id = " + eve.userId()))
                .as("her regenerated answer is erased with the rest")
                .isZero();

        // the operator exports
        LocalDate today = LocalDate.ofInstant(rig.clock.instant(), ZoneOffset.UTC);
        Map<String, String> env =
                Map.of("GROKGRAM_DATABASE", store.resolve("grokgram.db").toString());
        String[] args = {
            "dataset",
            "export",
            "--since",
            today.minusDays(1).toString(),
            "--until",
            today.plusDays(1).toString(),
            "--out",
            out.toString()
        };
        String progress = ConsoleCapture.err(() ->
                ConsoleCapture.out(() -> assertThat(Main.execute(env, args)).isZero()));

        List<JsonNode> chat = lines(out.resolve("chat.jsonl"));
        assertThat(chat).extracting(record -> record.path("id").asText()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(chat).extracting(record -> record.path("id").asText()).doesNotContainAnyElementsOf(excluded);
        assertThat(Files.readString(out.resolve("chat.jsonl")))
                .doesNotContain(Long.toString(ada.userId()), Long.toString(dora.userId()));
        String everything =
                Files.readString(out.resolve("chat.jsonl")) + Files.readString(out.resolve("preferences.jsonl"));
        for (String value : planted) {
            assertThat(everything).doesNotContain(value);
        }
        assertThat(everything).doesNotContain("INLINE-DATASET-CANARY");
        JsonNode kept = chat.stream()
                .filter(r -> r.path("id").asText().equals(bakery))
                .findFirst()
                .orElseThrow();
        // the record holds the answer as the model wrote it (Markdown); the chat shows it rendered
        assertThat(kept.path("messages").get(2).path("content").asText().replaceAll("[*`]", ""))
                .isEqualTo(second.text().strip());
        assertThat(kept.path("user").asText()).startsWith("u-");
        List<JsonNode> pairs = lines(out.resolve("preferences.jsonl"));
        assertThat(pairs).hasSize(1);
        assertThat(pairs.getFirst().path("id").asText()).isEqualTo(bakery);
        assertThat(pairs.getFirst().path("chosen").path("content").asText()).contains("turn");
        assertThat(pairs.getFirst().path("rejected").path("content").asText())
                .isNotEqualTo(pairs.getFirst().path("chosen").path("content").asText());
        assertThat(progress).contains("dataset export:", "turns (100%)");

        String card = Files.readString(out.resolve("dataset-card.md"));
        System.out.println("---- sample dataset card ----\n" + card);
        assertThat(card)
                .contains("| chat_records | " + expected.size() + " |", "| preferences.jsonl | 1 |")
                .contains("| [EMAIL] | 2 |", "| [PHONE] | 2 |", "| [CARD] | 2 |", "| [IBAN] | 2 |")
                .contains("| [ADDRESS] | 2 |", "| [USERNAME] | 2 |", "| [PROFILE_LINK] | 2 |");

        // the same store and arguments give the same bytes
        Path again = out.resolve("again");
        String[] rerun = args.clone();
        rerun[rerun.length - 1] = again.toString();
        ConsoleCapture.err(() ->
                ConsoleCapture.out(() -> assertThat(Main.execute(env, rerun)).isZero()));
        for (String file : List.of("chat.jsonl", "preferences.jsonl", "dataset-card.md", "dataset-card.json")) {
            assertThat(Files.readAllBytes(again.resolve(file)))
                    .as(file)
                    .isEqualTo(Files.readAllBytes(out.resolve(file)));
        }
    }

    @Test
    void privacy_says_that_switching_training_off_removes_every_turn_from_later_exports() {
        SandboxUser user = rig.consentedUser(NEXT_USER.incrementAndGet(), "Pria");
        training(user, true);

        user.send("/privacy");
        ChatMessage overview = rig.awaitButton(user, "c:t:0");

        assertThat(overview.text()).contains("every later training export leaves out all of your turns");
        user.pressButton(user.chatId(), overview.messageId(), "c:t:0");
        ChatMessage off = rig.awaitButton(user, "c:t:1");
        assertThat(off.text()).contains("no training export includes any of your turns");
    }

    private static void training(SandboxUser user, boolean on) {
        user.send("/privacy");
        String button = on ? "c:t:1" : "c:t:0";
        ChatMessage overview = rig.awaitButton(user, button);
        user.pressButton(user.chatId(), overview.messageId(), button);
        await().atMost(PATIENCE).until(() -> rig.bot.consents().trainingGranted(new DataSubject(user.userId())) == on);
    }

    private static ChatMessage askPrivately(SandboxUser user, String question) {
        user.send(question);
        return rig.awaitBotMessage(user.chatId(), m -> m.text().contains(question) && hasButton(m, "r:g:"));
    }

    private static ChatMessage askInGroup(SandboxUser user, long group, String question) {
        user.sendToGroup(group, "@grokgram_test_bot " + question);
        return rig.awaitBotMessage(group, m -> m.text().contains(question) && hasButton(m, "r:g:"));
    }

    private static boolean hasButton(ChatMessage message, String dataPrefix) {
        return message.replyMarkup()
                .map(markup ->
                        markup.findValuesAsText("callback_data").stream().anyMatch(data -> data.startsWith(dataPrefix)))
                .orElse(false);
    }

    /** The update that asked, from the answer's regenerate button ({@code r:g:<update>:0}). */
    private static long updateOf(ChatMessage answer) {
        String data = answer.replyMarkup().orElseThrow().findValuesAsText("callback_data").stream()
                .filter(d -> d.startsWith("r:g:"))
                .findFirst()
                .orElseThrow();
        return Long.parseLong(data.split(":")[2]);
    }

    private static String turn(ChatMessage answer) {
        return "t" + rig.bot.identity().id() + "-" + updateOf(answer);
    }

    private static String press(SandboxUser user, ChatMessage message, String data) {
        return press(user, message, data, user.chatId());
    }

    private static String press(SandboxUser user, ChatMessage message, String data, long chat) {
        return user.pressButton(chat, message.messageId(), data);
    }

    /** The toast the bot answered a press with (it answers every press). */
    private static String toast(String queryId) {
        return await().atMost(PATIENCE)
                .until(() -> rig.telegram.callbackAnswer(queryId), Optional::isPresent)
                .flatMap(CallbackAnswer::text)
                .orElse("");
    }

    private static int regenerations() {
        return (int) rig.provider.requests().stream()
                .map(RecordedRequest::rawBody)
                .filter(body -> body.contains("asked for another answer"))
                .count();
    }

    private static long count(String sql) {
        try (Database database = rig.store()) {
            return database.inTransaction(
                    tx -> tx.queryOne(sql, row -> row.getLong("n")).orElseThrow());
        }
    }

    private static List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }
}

package io.grokgram.sandbox;

import static io.grokgram.sandbox.BotApiClient.params;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GetUpdatesTest {
    private Sandbox sandbox;
    private BotApiClient api;
    private SandboxUser ann;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start();
        api = sandbox.api;
        ann = sandbox.emulator.user(42, "Ann", Optional.of("ann"), "en");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private JsonNode updates(Map<String, Object> params) {
        var response = api.json("getUpdates", params);
        assertThat(response.ok()).as(response.raw()).isTrue();
        return response.result();
    }

    private static List<Long> ids(JsonNode updates) {
        List<Long> ids = new ArrayList<>();
        updates.forEach(update -> ids.add(update.path("update_id").asLong()));
        return ids;
    }

    @Test
    void a_users_message_arrives_as_a_message_update() {
        // given
        ann.send("/start@grokgram_bot hello");

        // when
        JsonNode update = updates(params()).get(0);

        // then
        JsonNode message = update.path("message");
        assertThat(update.path("update_id").asLong()).isPositive();
        assertThat(message.path("message_id").asInt()).isEqualTo(1);
        assertThat(message.path("from").path("id").asLong()).isEqualTo(42);
        assertThat(message.path("from").path("is_bot").asBoolean()).isFalse();
        assertThat(message.path("from").path("language_code").asText()).isEqualTo("en");
        assertThat(message.path("chat").toString())
                .isEqualTo("{\"id\":42,\"first_name\":\"Ann\",\"username\":\"ann\",\"type\":\"private\"}");
        assertThat(message.path("text").asText()).isEqualTo("/start@grokgram_bot hello");
        assertThat(message.path("entities").toString())
                .isEqualTo("[{\"offset\":0,\"length\":19,\"type\":\"bot_command\"}]");
    }

    @Test
    void a_long_poll_returns_as_soon_as_a_user_writes() throws Exception {
        // given
        var poll = CompletableFuture.supplyAsync(() -> api.json("getUpdates", params("timeout", 10)));
        Thread.sleep(200);
        assertThat(poll).isNotDone();
        long before = System.nanoTime();

        // when
        ann.send("are you there?");

        // then
        var response = poll.get(5, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(2));
        assertThat(response.result().get(0).path("message").path("text").asText())
                .isEqualTo("are you there?");
    }

    @Test
    void a_long_poll_without_updates_waits_for_its_timeout() {
        // when
        long before = System.nanoTime();
        JsonNode result = updates(params("timeout", 1));

        // then
        assertThat(result).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - before))
                .isBetween(Duration.ofMillis(900), Duration.ofSeconds(3));
    }

    @Test
    void an_offset_confirms_earlier_updates_and_a_limit_caps_the_batch() {
        // given
        ann.send("one");
        ann.send("two");
        ann.send("three");
        List<Long> all = ids(updates(params()));

        // when
        List<Long> firstTwo = ids(updates(params("limit", 2)));
        List<Long> afterConfirming = ids(updates(params("offset", all.get(1) + 1)));
        List<Long> again = ids(updates(params()));

        // then
        assertThat(all).hasSize(3);
        assertThat(all.get(1)).isEqualTo(all.get(0) + 1);
        assertThat(firstTwo).containsExactly(all.get(0), all.get(1));
        assertThat(afterConfirming).containsExactly(all.get(2));
        assertThat(again).as("confirmed updates are gone").containsExactly(all.get(2));
    }

    @Test
    void a_negative_offset_keeps_only_the_last_updates() {
        // given
        ann.send("one");
        ann.send("two");
        ann.send("three");

        // when
        JsonNode last = updates(params("offset", -1));
        JsonNode afterwards = updates(params());

        // then
        assertThat(last).hasSize(1);
        assertThat(last.get(0).path("message").path("text").asText()).isEqualTo("three");
        assertThat(afterwards).hasSize(1);
    }

    /** Waits until a getUpdates call is parked in the emulator, so the next step really races a waiting poll. */
    private void awaitWaitingPoll() {
        BotState bot = sandbox.emulator.defaultBot();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
            bot.lock.lock();
            try {
                return bot.activePoll != null;
            } finally {
                bot.lock.unlock();
            }
        });
    }

    @Test
    void a_second_long_poll_terminates_the_first_with_409() throws Exception {
        // given
        var first = CompletableFuture.supplyAsync(() -> api.json("getUpdates", params("timeout", 10)));
        awaitWaitingPoll();

        // when
        var second = CompletableFuture.supplyAsync(() -> api.json("getUpdates", params("timeout", 10)));

        // then
        var terminated = first.get(5, TimeUnit.SECONDS);
        assertThat(terminated.status()).isEqualTo(409);
        assertThat(terminated.description())
                .isEqualTo("Conflict: terminated by other getUpdates request; make sure that only one bot instance is"
                        + " running");
        ann.send("for the survivor");
        assertThat(second.get(5, TimeUnit.SECONDS)
                        .result()
                        .get(0)
                        .path("message")
                        .path("text")
                        .asText())
                .isEqualTo("for the survivor");
    }

    @Test
    void get_updates_conflicts_with_an_active_webhook() {
        // given
        var set = api.json("setWebhook", params("url", "https://bot.example/hook", "secret_token", "s3cr3t-token_1"));

        // when
        var poll = api.json("getUpdates", params());
        JsonNode info = api.json("getWebhookInfo", params()).result();
        var deleted = api.json("deleteWebhook", params());
        var pollAfterwards = api.json("getUpdates", params());

        // then
        assertThat(set.result().asBoolean()).isTrue();
        assertThat(set.description()).isEqualTo("Webhook was set");
        assertThat(poll.status()).isEqualTo(409);
        assertThat(poll.description())
                .isEqualTo("Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to"
                        + " delete the webhook first");
        assertThat(info.path("url").asText()).isEqualTo("https://bot.example/hook");
        assertThat(info.path("max_connections").asInt()).isEqualTo(40);
        assertThat(deleted.description()).isEqualTo("Webhook was deleted");
        assertThat(pollAfterwards.ok()).isTrue();
        assertThat(api.json("getWebhookInfo", params()).result().path("url").asText())
                .isEmpty();
    }

    @Test
    void setting_a_webhook_terminates_a_waiting_poll() throws Exception {
        // given
        var poll = CompletableFuture.supplyAsync(() -> api.json("getUpdates", params("timeout", 10)));
        awaitWaitingPoll();

        // when
        api.json("setWebhook", params("url", "https://bot.example/hook"));

        // then
        var terminated = poll.get(5, TimeUnit.SECONDS);
        assertThat(terminated.status()).isEqualTo(409);
        assertThat(terminated.description()).isEqualTo("Conflict: terminated by setWebhook request");
    }

    @Test
    void set_webhook_checks_the_secret_token() {
        // when
        var badCharacters =
                api.json("setWebhook", params("url", "https://bot.example/hook", "secret_token", "no spaces"));
        var tooLong =
                api.json("setWebhook", params("url", "https://bot.example/hook", "secret_token", "a".repeat(257)));
        var badUrl = api.json("setWebhook", params("url", "ftp://bot.example/hook"));

        // then
        assertThat(badCharacters.description()).isEqualTo("Bad Request: secret token contains unallowed characters");
        assertThat(tooLong.description()).isEqualTo("Bad Request: secret token is too long");
        assertThat(badUrl.description()).isEqualTo("Bad Request: invalid webhook URL specified");
    }

    @Test
    void allowed_updates_filter_new_updates_and_an_omitted_list_keeps_the_previous_one() {
        // given: only callback queries are wanted
        updates(params("allowed_updates", List.of("callback_query")));

        // when
        ann.send("ignored: not a callback query");
        JsonNode whileFiltered = updates(params());
        updates(params("allowed_updates", List.of()));
        ann.send("delivered again");
        JsonNode afterReset = updates(params());

        // then
        assertThat(whileFiltered).isEmpty();
        assertThat(afterReset).hasSize(1);
        assertThat(afterReset.get(0).path("message").path("text").asText()).isEqualTo("delivered again");
    }

    @Test
    void redelivery_repeats_a_confirmed_update_with_the_same_id() {
        // given
        ann.send("once");
        long id = updates(params()).get(0).path("update_id").asLong();
        assertThat(updates(params("offset", id + 1))).isEmpty();

        // when
        sandbox.emulator.redeliver(Sandbox.TOKEN, id);
        JsonNode duplicate = updates(params("offset", id + 1));

        // then
        assertThat(ids(duplicate)).containsExactly(id);
        assertThat(duplicate.get(0).path("message").path("text").asText()).isEqualTo("once");
        assertThat(updates(params("offset", id + 1))).isEmpty();
    }

    @Test
    void an_injected_raw_update_is_delivered_verbatim() {
        // given
        String raw = "{\"update_id\":5,\"message\":{\"message_id\":\"not a number\",\"chat\":null}}";

        // when
        sandbox.emulator.injectRawUpdate(Sandbox.TOKEN, raw);
        var response = api.json("getUpdates", params());

        // then
        assertThat(response.raw()).isEqualTo("{\"ok\":true,\"result\":[" + raw + "]}");
    }

    @Test
    void text_that_is_not_even_json_is_delivered_verbatim_too() {
        // when
        sandbox.emulator.injectRawUpdate(Sandbox.TOKEN, "{\"update_id\":9,\"message\":{");
        var response = api.json("getUpdates", params());

        // then
        assertThat(response.raw()).isEqualTo("{\"ok\":true,\"result\":[{\"update_id\":9,\"message\":{]}");
    }

    @Test
    void an_injected_update_without_an_id_gets_the_next_one() {
        // given
        ann.send("first");
        long first = updates(params()).get(0).path("update_id").asLong();

        // when
        long id = sandbox.emulator.injectRawUpdate(Sandbox.TOKEN, "{\"poll\":{\"id\":\"1\"}}");
        JsonNode result = updates(params("offset", first + 1));

        // then
        assertThat(id).isEqualTo(first + 1);
        assertThat(result.get(0).toString()).isEqualTo("{\"update_id\":" + id + ",\"poll\":{\"id\":\"1\"}}");
    }

    @Test
    void photos_and_stickers_look_like_telegrams() {
        // when
        ann.sendPhoto("look");
        ann.sendSticker();
        JsonNode result = updates(params());

        // then
        JsonNode photo = result.get(0).path("message");
        assertThat(photo.path("photo")).hasSize(4);
        assertThat(photo.path("photo").get(3).path("width").asInt()).isEqualTo(1280);
        assertThat(photo.path("photo").get(0).path("file_id").asText()).isNotBlank();
        assertThat(photo.path("caption").asText()).isEqualTo("look");
        assertThat(photo.has("text")).isFalse();
        JsonNode sticker = result.get(1).path("message").path("sticker");
        assertThat(sticker.path("emoji").asText()).isEqualTo("\uD83D\uDC4D");
        assertThat(sticker.path("type").asText()).isEqualTo("regular");
        assertThat(sticker.path("file_unique_id").asText()).isNotBlank();
    }

    @Test
    void a_reply_carries_the_replied_message() {
        // given
        ann.send("first");
        api.json("sendMessage", params("chat_id", 42, "text", "answer"));

        // when
        ann.reply(2, "about that answer");
        JsonNode result = updates(params());

        // then
        JsonNode reply = result.get(1).path("message");
        assertThat(reply.path("reply_to_message").path("message_id").asInt()).isEqualTo(2);
        assertThat(reply.path("reply_to_message").path("from").path("is_bot").asBoolean())
                .isTrue();
    }

    @Test
    void blocking_the_bot_sends_my_chat_member() {
        // given
        ann.send("hi");

        // when
        ann.blockBot();
        JsonNode result = updates(params());

        // then
        JsonNode member = result.get(1).path("my_chat_member");
        assertThat(member.path("old_chat_member").path("status").asText()).isEqualTo("member");
        assertThat(member.path("new_chat_member").path("status").asText()).isEqualTo("kicked");
        assertThat(member.path("new_chat_member").path("user").path("id").asLong())
                .isEqualTo(Sandbox.BOT_ID);
    }

    @Test
    void in_groups_the_bot_only_hears_commands_mentions_and_replies() {
        // given
        long group = ann.createGroupWithBot("Friends");
        assertThat(group).isNegative();
        updates(params("offset", -1));
        long since = updates(params()).get(0).path("update_id").asLong() + 1;

        // when
        ann.sendToGroup(group, "just chatting");
        ann.sendToGroup(group, "@grokgram_bot what do you think?");
        ann.sendToGroup(group, "/ask@other_bot not for us");
        ann.sendToGroup(group, "/ask what now");
        JsonNode result = updates(params("offset", since));

        // then
        assertThat(result)
                .extracting(u -> u.path("message").path("text").asText())
                .containsExactly("@grokgram_bot what do you think?", "/ask what now");
        assertThat(result.get(0).path("message").path("chat").path("type").asText())
                .isEqualTo("group");
    }

    @Test
    void many_concurrent_senders_each_get_a_distinct_message_id() throws Exception {
        // given
        ann.send("hi");
        int senders = 40;

        // when
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<BotApiClient.Response>> sent = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                int n = i;
                sent.add(executor.submit(() -> api.json("sendMessage", params("chat_id", 42, "text", "n" + n))));
            }
            for (var future : sent) {
                assertThat(future.get().ok()).isTrue();
            }
        }

        // then
        Awaitility.await()
                .atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(sandbox.emulator.messages(42))
                        .extracting(ChatMessage::messageId)
                        .doesNotHaveDuplicates()
                        .hasSize(senders + 1));
    }
}

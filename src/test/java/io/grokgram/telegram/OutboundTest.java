package io.grokgram.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grokgram.sandbox.BotApiEmulator;
import io.grokgram.sandbox.ChatMessage;
import io.grokgram.sandbox.SandboxUser;
import io.grokgram.web.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outbound scheduler and the Bot API client against the emulator, over real HTTP. */
class OutboundTest {
    private static final String TOKEN = "4242:outbound-test-token-abcdefghijkl";

    private final BotApiEmulator emulator = new BotApiEmulator(Clock.systemUTC());
    private final HttpServer server;
    private final BotApi api;
    private final Outbound outbound;
    private final SandboxUser user;

    OutboundTest() {
        emulator.registerBot(TOKEN, "outbound_bot", "Out");
        server = HttpServer.start("127.0.0.1", 0, List.of(emulator));
        api = new BotApi(new BotToken(TOKEN), URI.create(server.baseUrl()), Duration.ofSeconds(10));
        outbound = new Outbound(
                api, new OutboundLimits(50, 100, 100, 3), ChatStatusListener.ignoring(), new SimpleMeterRegistry());
        user = emulator.user(777, "Ann", Optional.empty(), "en");
        user.send("hi");
    }

    @AfterEach
    void stop() {
        api.close();
        server.close();
    }

    @Test
    void a_message_with_entities_arrives_as_sent() {
        FormattedText text = new TelegramMarkdown().render("**bold** and `code` 🙂 [link](https://example.org)");

        MessageId id = outbound.send(new ChatId(777), OptionalInt.empty(), text, Optional.empty());

        ChatMessage message = lastBotMessage();
        assertThat(message.messageId()).isEqualTo(id.value());
        assertThat(message.text()).isEqualTo(text.text());
        assertThat(message.entities()).extracting(e -> e.type()).containsExactly("bold", "code", "text_link");
    }

    @Test
    void menus_and_descriptions_go_out_per_language_and_a_bad_code_is_refused() {
        outbound.setMyCommands(List.of(new BotCommandSpec("language", "Выбрать язык бота")), Optional.of("ru"));
        outbound.setMyDescription("ИИ-ассистент в Telegram", Optional.of("ru"));
        outbound.setMyShortDescription("AI assistant", Optional.empty());

        assertThat(api.callRaw("getMyCommands", java.util.Map.of("language_code", "ru"))
                        .toString())
                .isEqualTo("[{\"command\":\"language\",\"description\":\"Выбрать язык бота\"}]");
        assertThat(api.callRaw("getMyCommands", java.util.Map.of())).isEmpty();
        assertThat(api.callRaw("getMyDescription", java.util.Map.of("language_code", "ru"))
                        .path("description")
                        .asText())
                .isEqualTo("ИИ-ассистент в Telegram");
        assertThat(api.callRaw("getMyShortDescription", java.util.Map.of("language_code", "de"))
                        .path("short_description")
                        .asText())
                .isEqualTo("AI assistant");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> outbound.setMyDescription("Assistente", Optional.of("pt-BR")))
                .isInstanceOf(TelegramException.class)
                .hasMessageContaining("invalid language code");
    }

    @Test
    void editing_to_the_same_text_counts_as_done() {
        FormattedText text = FormattedText.plain("same");
        MessageId id = outbound.send(new ChatId(777), OptionalInt.empty(), text, Optional.empty());

        outbound.edit(new ChatId(777), id, text);

        assertThat(emulator.rejections())
                .singleElement()
                .satisfies(r -> assertThat(r.description()).contains("message is not modified"));
    }

    @Test
    void a_429_is_waited_out_and_the_final_message_still_arrives() {
        emulator.failNext("sendMessage", 429, "Too Many Requests: retry after 1");
        long started = System.nanoTime();

        outbound.send(new ChatId(777), OptionalInt.empty(), FormattedText.plain("after the pause"), Optional.empty());

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(lastBotMessage().text()).isEqualTo("after the pause");
    }

    @Test
    void a_blocked_user_is_reported_as_forbidden_and_not_retried() {
        emulator.blockBy(777);

        assertThatThrownBy(() -> outbound.send(
                        new ChatId(777), OptionalInt.empty(), FormattedText.plain("anyone there?"), Optional.empty()))
                .isInstanceOf(TelegramException.Forbidden.class)
                .hasMessageNotContaining(TOKEN);
        assertThat(emulator.rejections()).hasSize(1);
    }

    @Test
    void a_server_without_drafts_reports_them_unsupported() {
        emulator.setDraftsEnabled(false);

        assertThat(outbound.draft(new ChatId(777), OptionalInt.empty(), 5, FormattedText.plain("partial")))
                .isEqualTo(Outbound.PreviewResult.UNSUPPORTED);
    }

    @Test
    void a_draft_is_shown_and_cleared_by_the_final_message() {
        assertThat(outbound.draft(new ChatId(777), OptionalInt.empty(), 5, FormattedText.plain("partial")))
                .isEqualTo(Outbound.PreviewResult.SHOWN);
        assertThat(emulator.activeDrafts(777)).hasSize(1);

        outbound.send(new ChatId(777), OptionalInt.empty(), FormattedText.plain("final"), Optional.empty());

        assertThat(emulator.activeDrafts(777)).isEmpty();
    }

    @Test
    void a_wrong_token_is_unauthorized_and_never_printed() {
        BotApi wrong = new BotApi(
                new BotToken("4242:wrong-token-abcdefghijklmnopq"),
                URI.create(server.baseUrl()),
                Duration.ofSeconds(5));
        try {
            assertThatThrownBy(wrong::getMe)
                    .isInstanceOf(TelegramException.Unauthorized.class)
                    .hasMessageNotContaining("wrong-token");
        } finally {
            wrong.close();
        }
    }

    @Test
    void an_unreachable_server_is_unavailable_without_the_token_in_the_message() {
        BotApi nowhere = new BotApi(new BotToken(TOKEN), URI.create("http://127.0.0.1:1"), Duration.ofSeconds(2));
        try {
            assertThatThrownBy(nowhere::getMe)
                    .isInstanceOf(TelegramException.Unavailable.class)
                    .hasMessageNotContaining("outbound-test-token");
        } finally {
            nowhere.close();
        }
    }

    private ChatMessage lastBotMessage() {
        return emulator.messages(777).stream()
                .filter(ChatMessage::fromBot)
                .reduce((a, b) -> b)
                .orElseThrow();
    }
}

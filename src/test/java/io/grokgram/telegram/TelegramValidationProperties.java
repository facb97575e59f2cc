package io.grokgram.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokgram.sandbox.BotApiEmulator;
import io.grokgram.sandbox.ChatMessage;
import io.grokgram.web.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Every message the renderer produces from generated Markdown and Unicode (emoji, combining marks, right-to-left
 * text) is accepted by the emulator's copy of Telegram's validation, sent through the real client over HTTP, and
 * arrives with exactly the text we sent.
 */
class TelegramValidationProperties {
    private static final String TOKEN = "6161:validation-token-abcdefghijklmn";
    private static final long CHAT = 616161;

    private static BotApiEmulator emulator;
    private static HttpServer server;
    private static BotApi api;
    private static Outbound outbound;

    private final TelegramMarkdown markdown = new TelegramMarkdown();

    @BeforeContainer
    static void start() {
        emulator = new BotApiEmulator(Clock.systemUTC());
        emulator.registerBot(TOKEN, "validation_bot", "Val");
        server = HttpServer.start("127.0.0.1", 0, List.of(emulator));
        api = new BotApi(new BotToken(TOKEN), URI.create(server.baseUrl()), Duration.ofSeconds(10));
        outbound = new Outbound(
                api,
                new OutboundLimits(10_000, 100_000, 100_000, 1),
                ChatStatusListener.ignoring(),
                new SimpleMeterRegistry());
        emulator.user(CHAT, "Prop", Optional.empty(), "en").send("hello");
    }

    @AfterContainer
    static void stop() {
        api.close();
        server.close();
    }

    @Property(tries = 150)
    void every_part_passes_telegrams_validation_and_arrives_unchanged(
            @ForAll("documents") String source, @ForAll("limits") int limit) {
        List<FormattedText> parts = markdown.split(source, limit);

        for (FormattedText part : parts) {
            MessageId id = outbound.send(new ChatId(CHAT), OptionalInt.empty(), part, Optional.empty());
            ChatMessage arrived = emulator.messages(CHAT).stream()
                    .filter(m -> m.messageId() == id.value())
                    .findFirst()
                    .orElseThrow();
            assertThat(arrived.text()).isEqualTo(part.text());
        }
        assertThat(emulator.rejections()).isEmpty();
    }

    @Property(tries = 100)
    void every_streamed_preview_passes_as_a_draft(@ForAll("documents") String source) {
        for (int end = source.length() / 3; end <= source.length(); end += Math.max(1, source.length() / 3)) {
            int cut = end < source.length() && Character.isLowSurrogate(source.charAt(end)) ? end - 1 : end;
            List<FormattedText> parts =
                    markdown.splitPreview(source.substring(0, cut), FormattedText.MAX_MESSAGE_LENGTH);
            if (!parts.isEmpty()) {
                api.sendMessageDraft(new ChatId(CHAT), OptionalInt.empty(), 9, parts.getLast(), true);
            }
        }
        assertThat(emulator.rejections()).isEmpty();
    }

    @Provide
    Arbitrary<Integer> limits() {
        return Arbitraries.oneOf(Arbitraries.integers().between(60, 600), Arbitraries.just(4096));
    }

    @Provide
    Arbitrary<String> documents() {
        return MarkdownDocuments.blocks().list().ofMinSize(1).ofMaxSize(8).map(blocks -> String.join("\n\n", blocks));
    }
}

package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grokgram.sandbox.ChatMessage;
import io.grokgram.sandbox.SandboxUser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the provider says its credits ran out, Free turns pause with a clear message while a subscriber keeps being
 * answered.
 */
class OutOfCreditsEndToEndTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @AutoClose
    static SandboxRig rig;

    @BeforeAll
    static void start(@TempDir Path dir) {
        rig = new SandboxRig(dir, Map.of("GROKGRAM_OUT_OF_CREDITS_PAUSE", "1h"));
    }

    @Test
    void free_turns_pause_and_subscribers_keep_their_service() {
        SandboxUser subscriber = rig.consentedUser(5_500_000_001L, "Subby");
        subscriber.send("/subscribe");
        ChatMessage offer = awaitBot(subscriber, "Your plan");
        String link = offer.replyMarkup().orElseThrow().findValues("url").stream()
                .map(node -> node.asText())
                .filter(url -> url.startsWith("https://t.me/$"))
                .findFirst()
                .orElseThrow();
        subscriber.payLink(link).awaitPayment(PATIENCE).orElseThrow();
        awaitBot(subscriber, "is yours");
        SandboxUser free = rig.consentedUser(5_500_000_002L, "Freddy");

        free.send("#fail 402 are you there?");
        awaitBot(free, "can't answer right now");
        free.send("and now? CREDITS-FREE-2");
        ChatMessage paused = awaitBot(free, "paused");

        subscriber.send("still there? CREDITS-PREMIUM-1");
        awaitBot(subscriber, "CREDITS-PREMIUM-1");
        assertThat(paused.text()).contains("Subscribers keep their service");
        assertThat(rig.provider.requests()).noneMatch(r -> r.rawBody().contains("CREDITS-FREE-2"));
    }

    private static ChatMessage awaitBot(SandboxUser user, String part) {
        return await().atMost(PATIENCE)
                .until(
                        () -> rig.telegram.messages(user.chatId()).stream()
                                .filter(ChatMessage::fromBot)
                                .filter(m -> m.text().contains(part))
                                .reduce((a, b) -> b),
                        Optional::isPresent)
                .orElseThrow();
    }
}

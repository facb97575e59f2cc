package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchMetersTest {
    @Test
    void calls_count_every_answer_telegram_gave_but_not_the_previews_flood_control_skipped() {
        String scrape = """
                # HELP grokgram_telegram_calls_total
                # TYPE grokgram_telegram_calls_total counter
                grokgram_telegram_calls_total{method="sendMessage",outcome="ok"} 10.0
                grokgram_telegram_calls_total{method="sendMessage",outcome="rate_limited"} 2.0
                grokgram_telegram_calls_total{method="sendMessageDraft",outcome="ok"} 26.0
                grokgram_telegram_calls_total{method="sendMessageDraft",outcome="skipped"} 390.0
                grokgram_telegram_calls_total{method="editMessageText",outcome="skipped"} 7.0
                grokgram_turns_total{outcome="ok"} 10.0
                """;

        assertThat(BenchMeters.calls(scrape)).isEqualTo(Map.of("sendMessage", 12L, "sendMessageDraft", 26L));
    }
}

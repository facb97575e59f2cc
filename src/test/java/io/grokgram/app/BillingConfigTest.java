package io.grokgram.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokgram.billing.Plan;
import io.grokgram.billing.TurnPack;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BillingConfigTest {

    @Test
    void by_default_free_and_premium_on_the_configured_model_one_pack_half_to_the_provider_no_cap() {
        Config.Billing billing = ConfigLoader.load(Map.of("GROKGRAM_LLM_MODEL", "grok-x"), ConfigLoader.Mode.SANDBOX)
                .billing();

        java.util.Set<String> tools = java.util.Set.of("web_search", "read_url", "knowledge_search");
        assertThat(billing.plans().free())
                .isEqualTo(new Plan("free", "Free", "grok-x", 20, 16_000, 1_500, 0, tools, 3));
        assertThat(billing.plans().premium())
                .isEqualTo(new Plan("premium", "Premium", "grok-x", 500, 128_000, 8_000, 250, tools, 8));
        assertThat(billing.plans().packs()).containsExactly(new TurnPack("pack100", 100, 100));
        assertThat(billing.settings().providerShareBasisPoints()).isEqualTo(5_000);
        assertThat(billing.settings().usdPerStar()).isEqualByComparingTo("0.013");
        assertThat(billing.settings().monthlySpendCapNanoUsd()).isZero();
        assertThat(billing.settings().outOfCreditsPause()).isEqualTo(Duration.ofHours(1));
        assertThat(billing.settings().payloadKey()).isEmpty();
    }

    @Test
    void the_operator_sets_plans_packs_share_rate_cap_and_key() {
        String key = "a-long-enough-payload-key";

        Config.Billing billing = ConfigLoader.load(
                        Map.ofEntries(
                                Map.entry("GROKGRAM_FREE_MODEL", "grok-fast"),
                                Map.entry("GROKGRAM_FREE_TURNS_PER_DAY", "0"),
                                Map.entry("GROKGRAM_PREMIUM_MODEL", "grok-strong"),
                                Map.entry("GROKGRAM_PREMIUM_STARS", "500"),
                                Map.entry("GROKGRAM_PREMIUM_TURNS_PER_DAY", "1000"),
                                Map.entry("GROKGRAM_TURN_PACKS", "small=10/15; big=1000/900"),
                                Map.entry("GROKGRAM_PROVIDER_SHARE_BPS", "3000"),
                                Map.entry("GROKGRAM_USD_PER_STAR", "0.02"),
                                Map.entry("GROKGRAM_MONTHLY_SPEND_CAP_USD", "1234.5"),
                                Map.entry("GROKGRAM_OUT_OF_CREDITS_PAUSE", "15m"),
                                Map.entry("GROKGRAM_PAYLOAD_KEY", key)),
                        ConfigLoader.Mode.SANDBOX)
                .billing();

        assertThat(billing.plans().free().model()).isEqualTo("grok-fast");
        assertThat(billing.plans().free().turnsPerDay()).isZero();
        assertThat(billing.plans().premium().model()).isEqualTo("grok-strong");
        assertThat(billing.plans().premium().starsPer30Days()).isEqualTo(500);
        assertThat(billing.plans().packs())
                .containsExactly(new TurnPack("small", 10, 15), new TurnPack("big", 1000, 900));
        assertThat(billing.settings().providerShareBasisPoints()).isEqualTo(3_000);
        assertThat(billing.settings().usdPerStar()).isEqualByComparingTo(new BigDecimal("0.02"));
        assertThat(billing.settings().monthlySpendCapNanoUsd()).isEqualTo(1_234_500_000_000L);
        assertThat(billing.settings().outOfCreditsPause()).isEqualTo(Duration.ofMinutes(15));
        assertThat(billing.settings().payloadKey()).contains(key);
        assertThat(billing.toString()).doesNotContain(key);
    }

    @Test
    void every_billing_problem_is_reported_at_once_and_the_key_never_shows() {
        Map<String, String> env = Map.of(
                "GROKGRAM_PREMIUM_STARS", "20000",
                "GROKGRAM_FREE_TURNS_PER_DAY", "-1",
                "GROKGRAM_TURN_PACKS", "pack100=100;Bad Id=1/1;premium=5/5",
                "GROKGRAM_PROVIDER_SHARE_BPS", "10001",
                "GROKGRAM_USD_PER_STAR", "a penny",
                "GROKGRAM_MONTHLY_SPEND_CAP_USD", "-5",
                "GROKGRAM_OUT_OF_CREDITS_PAUSE", "forever",
                "GROKGRAM_PAYLOAD_KEY", "short-secret");

        List<String> problems = LoadProblems.of(env);
        assertThat(problems)
                .hasSize(10)
                .anySatisfy(p -> assertThat(p).startsWith("GROKGRAM_PREMIUM_STARS='20000'"))
                .anySatisfy(p -> assertThat(p).startsWith("GROKGRAM_FREE_TURNS_PER_DAY='-1'"))
                .anySatisfy(p -> assertThat(p).startsWith("GROKGRAM_TURN_PACKS='pack100=100'"))
                .anySatisfy(p -> assertThat(p).startsWith("GROKGRAM_TURN_PACKS='Bad Id=1/1'"))
                .anySatisfy(p -> assertThat(p)
                        .startsWith("GROKGRAM_TURN_PACKS='premium'")
                        .contains("other than free and premium"))
                .anySatisfy(p -> assertThat(p).startsWith("GROKGRAM_PROVIDER_SHARE_BPS='10001'"))
                .anySatisfy(p -> assertThat(p).startsWith("GROKGRAM_USD_PER_STAR='a penny'"))
                .anySatisfy(p -> assertThat(p).startsWith("GROKGRAM_MONTHLY_SPEND_CAP_USD='-5'"))
                .anySatisfy(p -> assertThat(p).startsWith("GROKGRAM_OUT_OF_CREDITS_PAUSE='forever'"))
                .anySatisfy(p -> assertThat(p).startsWith("GROKGRAM_PAYLOAD_KEY=*****"));
        assertThat(String.join("\n", problems)).doesNotContain("short-secret");
    }
}

package io.grokgram.app;

import static io.grokgram.app.SettingValues.whole;

import io.grokgram.billing.BillingSettings;
import io.grokgram.billing.Plan;
import io.grokgram.billing.Plans;
import io.grokgram.billing.TurnPack;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the billing settings: the two plans, the packs of extra turns, the provider's revenue share, the Star rate for
 * reports, the spend cap and the payload key. Every problem goes to the loader's list; the key is never shown.
 */
final class BillingConfig {
    private static final BigDecimal NANO = BigDecimal.valueOf(1_000_000_000L);

    private BillingConfig() {}

    /**
     * @param raw the value of a setting, its default when unset
     * @param defaultModel the model both plans use unless their own is set
     */
    static Config.Billing parse(Function<Setting, String> raw, String defaultModel, ConfigProblems problems) {
        Plan free = new Plan(
                "free",
                "Free",
                model(Setting.FREE_MODEL, raw, defaultModel),
                whole(Setting.FREE_TURNS_PER_DAY, raw, 0, 1_000_000, problems),
                whole(Setting.FREE_CONTEXT_TOKENS, raw, 256, 10_000_000, problems),
                whole(Setting.FREE_MAX_OUTPUT_TOKENS, raw, 1, 1_000_000, problems),
                0,
                ToolsConfig.tools(Setting.FREE_TOOLS, raw, problems),
                whole(Setting.FREE_MAX_TOOL_CALLS, raw, 0, 100, problems));
        Plan premium = new Plan(
                "premium",
                "Premium",
                model(Setting.PREMIUM_MODEL, raw, defaultModel),
                whole(Setting.PREMIUM_TURNS_PER_DAY, raw, 0, 1_000_000, problems),
                whole(Setting.PREMIUM_CONTEXT_TOKENS, raw, 256, 10_000_000, problems),
                whole(Setting.PREMIUM_MAX_OUTPUT_TOKENS, raw, 1, 1_000_000, problems),
                whole(Setting.PREMIUM_STARS, raw, 1, (int) Plan.MAX_SUBSCRIPTION_STARS, problems),
                ToolsConfig.tools(Setting.PREMIUM_TOOLS, raw, problems),
                whole(Setting.PREMIUM_MAX_TOOL_CALLS, raw, 0, 100, problems));
        Plans plans = plans(free, premium, packs(raw.apply(Setting.TURN_PACKS), problems), problems);
        int share = whole(Setting.PROVIDER_SHARE_BPS, raw, 0, 10_000, problems);
        BigDecimal usdPerStar = decimal(Setting.USD_PER_STAR, raw, new BigDecimal("1000"), problems);
        long cap = decimal(Setting.MONTHLY_SPEND_CAP_USD, raw, new BigDecimal("1000000000"), problems)
                .multiply(NANO)
                .setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
        Duration pause = pause(raw, problems);
        Optional<String> key = payloadKey(raw.apply(Setting.PAYLOAD_KEY), problems);
        return new Config.Billing(plans, new BillingSettings(share, usdPerStar, cap, pause, key));
    }

    private static String model(Setting setting, Function<Setting, String> raw, String defaultModel) {
        String value = raw.apply(setting);
        String model = value.isEmpty() ? defaultModel : value;
        // an empty GROKGRAM_LLM_MODEL is reported by the loader; the plan only needs a placeholder until then
        return model.isBlank() ? "(unset)" : model;
    }

    /** {@code id=turns/stars;…}, every broken entry reported on its own. */
    private static List<TurnPack> packs(String value, ConfigProblems problems) {
        List<TurnPack> packs = new ArrayList<>();
        for (String entry : value.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] idAndRest = entry.strip().split("=", 2);
            String[] numbers = idAndRest.length == 2 ? idAndRest[1].split("/") : new String[0];
            try {
                if (numbers.length != 2) {
                    throw new IllegalArgumentException("expected id=turns/stars");
                }
                packs.add(new TurnPack(
                        idAndRest[0].strip(),
                        Integer.parseInt(numbers[0].strip()),
                        Long.parseLong(numbers[1].strip())));
            } catch (IllegalArgumentException e) {
                problems.add(
                        Setting.TURN_PACKS.key(),
                        "'" + entry.strip() + "'",
                        "id=turns/stars with an id of 1 to 32 of a-z 0-9 _ - and positive whole numbers, e.g."
                                + " pack100=100/100 (" + e.getMessage() + ")");
            }
        }
        return packs;
    }

    private static Plans plans(Plan free, Plan premium, List<TurnPack> packs, ConfigProblems problems) {
        try {
            return new Plans(free, premium, packs);
        } catch (IllegalArgumentException e) {
            problems.add(
                    Setting.TURN_PACKS.key(),
                    "'" + String.join(";", packs.stream().map(TurnPack::id).toList()) + "'",
                    "pack ids of their own, other than free and premium (" + e.getMessage() + ")");
            return new Plans(free, premium, List.of());
        }
    }

    private static BigDecimal decimal(
            Setting setting, Function<Setting, String> raw, BigDecimal max, ConfigProblems problems) {
        String value = raw.apply(setting);
        try {
            BigDecimal parsed = new BigDecimal(value);
            if (parsed.signum() >= 0 && parsed.compareTo(max) <= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        problems.add(
                setting.key(),
                setting.shown(value),
                "a decimal number from 0 to " + max.toPlainString() + " such as 0.013");
        return BigDecimal.ZERO;
    }

    private static Duration pause(Function<Setting, String> raw, ConfigProblems problems) {
        String value = raw.apply(Setting.OUT_OF_CREDITS_PAUSE);
        Optional<Duration> parsed =
                ConfigLoader.parseDuration(value).filter(d -> !d.isNegative() && d.compareTo(Duration.ofDays(7)) <= 0);
        if (parsed.isEmpty()) {
            problems.add(
                    Setting.OUT_OF_CREDITS_PAUSE.key(),
                    Setting.OUT_OF_CREDITS_PAUSE.shown(value),
                    "a duration from 0s to 7d such as 15m or 1h");
        }
        return parsed.orElse(Duration.ofHours(1));
    }

    private static Optional<String> payloadKey(String value, ConfigProblems problems) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.length() < BillingSettings.MIN_KEY_LENGTH) {
            problems.add(
                    Setting.PAYLOAD_KEY.key(),
                    Setting.PAYLOAD_KEY.shown(value),
                    "at least " + BillingSettings.MIN_KEY_LENGTH + " characters, e.g. from `openssl rand -base64 24`,"
                            + " or empty for a key kept in the database");
            return Optional.empty();
        }
        return Optional.of(value);
    }
}

package io.grokgram.llm;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;

/**
 * Configured prices per model. Costs are integers in nano-dollars (10^-9 USD): a turn of a cheap model costs a few
 * hundred-thousandths of a dollar, which would vanish in cents, and floating point has no place in money.
 */
public record PriceTable(Map<ModelId, ModelPrice> prices) {
    private static final BigDecimal NANO_PER_USD_PER_MILLION = BigDecimal.valueOf(1_000L); // 1e9 nano / 1e6 tokens

    public PriceTable {
        prices = Map.copyOf(prices);
    }

    public Optional<ModelPrice> price(ModelId model) {
        return Optional.ofNullable(prices.get(model));
    }

    /**
     * What {@code usage} cost on {@code model}, or empty when the model has no configured price. Uncached input, cached
     * input and output (completion plus reasoning tokens, as xAI bills them) are priced separately.
     */
    public Optional<Long> costNanoUsd(ModelId model, Usage usage) {
        return price(model).map(price -> {
            BigDecimal uncached = BigDecimal.valueOf((long) usage.promptTokens() - usage.cachedTokens())
                    .multiply(price.input());
            BigDecimal cached = BigDecimal.valueOf(usage.cachedTokens()).multiply(price.cachedInput());
            BigDecimal output = BigDecimal.valueOf((long) usage.completionTokens() + usage.reasoningTokens())
                    .multiply(price.output());
            return uncached.add(cached)
                    .add(output)
                    .multiply(NANO_PER_USD_PER_MILLION)
                    .setScale(0, RoundingMode.HALF_UP)
                    .longValueExact();
        });
    }
}

package io.grokgram.llm;

import java.math.BigDecimal;
import java.util.Objects;

/** A model's prices in US dollars per million tokens: input, cached input, output (reasoning is billed as output). */
public record ModelPrice(BigDecimal input, BigDecimal cachedInput, BigDecimal output) {
    public ModelPrice {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(cachedInput, "cachedInput");
        Objects.requireNonNull(output, "output");
        if (input.signum() < 0 || cachedInput.signum() < 0 || output.signum() < 0) {
            throw new IllegalArgumentException("prices must not be negative");
        }
    }
}

package io.grokgram.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Amounts for people to read. Sums are kept in integers (Stars, nano-dollars); rounding happens only here, on show. */
final class Money {
    private static final BigDecimal NANO = BigDecimal.valueOf(1_000_000_000L);

    private Money() {}

    /** Nano-dollars as dollars with 2 decimals (half-even), e.g. {@code 12.35}. */
    static String usd(long nanoUsd) {
        return dollars(nanoUsd).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Nano-dollars as dollars with 4 decimals (half-even): a month of cheap turns is still visible, e.g. {@code 0.0025}. */
    static String usdCost(long nanoUsd) {
        return dollars(nanoUsd).setScale(4, RoundingMode.HALF_EVEN).toPlainString();
    }

    static BigDecimal dollars(long nanoUsd) {
        return BigDecimal.valueOf(nanoUsd).divide(NANO);
    }

    /** Stars at the configured rate, as dollars with 2 decimals (half-even). */
    static String usd(long stars, BigDecimal usdPerStar) {
        return BigDecimal.valueOf(stars)
                .multiply(usdPerStar)
                .setScale(2, RoundingMode.HALF_EVEN)
                .toPlainString();
    }
}

package io.grokgram.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokgram.sandbox.MutableClock;
import io.grokgram.store.Database;
import io.grokgram.store.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Over random sequences of 1 000 payments, renewals, pack purchases and refunds (some delivered twice) at random prices
 * and revenue shares, on a real SQLite file: every ledger transaction sums to zero, all accounts together sum to zero,
 * each receipt splits into provider floor(gross × bps / 10000) plus the platform's rest, each refund is the exact
 * negation of its receipt, and the books agree with what was paid and refunded.
 */
class LedgerProperties {
    private static final int USERS = 12;

    enum Kind {
        SUBSCRIBE,
        RENEW,
        BUY_PACK,
        REPLAY_PAYMENT,
        REFUND,
        REPLAY_REFUND
    }

    /** One step: what happens, to whom (an index), and which earlier charge it touches (an index, modulo). */
    record Step(Kind kind, int user, int pick, int hours) {}

    @Property(tries = 6)
    void the_books_always_balance(
            @ForAll("steps") List<Step> steps,
            @ForAll @IntRange(min = 0, max = 10_000) int basisPoints,
            @ForAll @IntRange(min = 1, max = 10_000) int premiumStars,
            @ForAll @IntRange(min = 1, max = 5_000) int packStars) {
        Path dir = temporaryDirectory();
        Plans plans = new Plans(
                new Plan("free", "Free", "m", 3, 1_000, 100, 0, Set.of(), 0),
                new Plan("premium", "Premium", "m", 9, 1_000, 100, premiumStars, Set.of(), 0),
                List.of(new TurnPack("pack", 7, packStars)));
        BillingSettings settings =
                new BillingSettings(basisPoints, new BigDecimal("0.013"), 0, Duration.ofHours(1), Optional.empty());
        MutableClock clock = MutableClock.at("2026-10-01T00:00:00Z");
        try (Database database = TestDatabases.sqlite(dir)) {
            Billing billing = new Billing(database, plans, settings, clock, new SimpleMeterRegistry());
            Books expected = new Books();
            run(billing, clock, steps, expected);

            database.useTransaction(tx -> {
                Map<String, Long> sums = new HashMap<>();
                tx.query(
                        "SELECT tx_id, SUM(amount) AS s FROM ledger_postings GROUP BY tx_id",
                        row -> sums.put(row.getString("tx_id"), row.getLong("s")));
                assertThat(sums).as("transactions").hasSize(expected.paid.size() + expected.refunded.size());
                assertThat(sums.values())
                        .as("every transaction sums to zero")
                        .allSatisfy(sum -> assertThat(sum).isZero());
            });
            Map<String, Long> balances = billing.balances();
            assertThat(balances.values().stream().mapToLong(Long::longValue).sum())
                    .as("all accounts together")
                    .isZero();
            long kept = expected.paid.entrySet().stream()
                    .filter(paid -> !expected.refunded.contains(paid.getKey()))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
            assertThat(balances.getOrDefault(Ledger.TELEGRAM_STARS, 0L))
                    .as("what Telegram holds for us")
                    .isEqualTo(kept);
            long provider = expected.paid.entrySet().stream()
                    .filter(paid -> !expected.refunded.contains(paid.getKey()))
                    .mapToLong(paid -> paid.getValue() * basisPoints / 10_000)
                    .sum();
            assertThat(-balances.getOrDefault(Ledger.PROVIDER_PAYABLE, 0L)).isEqualTo(provider);
            assertReceiptsSplitAndRefundsReverse(database, basisPoints);
            assertSettlementsAddUp(billing);
        } finally {
            delete(dir);
        }
    }

    private static void run(Billing billing, MutableClock clock, List<Step> steps, Books expected) {
        List<Payment> payments = new ArrayList<>();
        List<String> refunds = new ArrayList<>();
        int charge = 0;
        for (Step step : steps) {
            clock.advance(Duration.ofHours(step.hours()));
            long user = 1_000 + step.user();
            switch (step.kind()) {
                case SUBSCRIBE, RENEW -> {
                    long stars = billing.plans().premium().stars();
                    Payment payment = new Payment(
                            user,
                            "XTR",
                            stars,
                            billing.subscriptionPayload(user),
                            "c" + ++charge,
                            Optional.empty(),
                            true);
                    credit(billing, payment, expected);
                    payments.add(payment);
                }
                case BUY_PACK -> {
                    long stars = billing.plans().pack("pack").orElseThrow().stars();
                    Payment payment = new Payment(
                            user,
                            "XTR",
                            stars,
                            billing.packPayload(user, "pack"),
                            "c" + ++charge,
                            Optional.empty(),
                            false);
                    credit(billing, payment, expected);
                    payments.add(payment);
                }
                case REPLAY_PAYMENT -> {
                    if (!payments.isEmpty()) {
                        Payment again = payments.get(step.pick() % payments.size());
                        assertThat(billing.credit(again)).isInstanceOf(PaymentOutcome.Duplicate.class);
                    }
                }
                case REFUND, REPLAY_REFUND -> {
                    if (payments.isEmpty()) {
                        continue;
                    }
                    String chargeId = step.kind() == Kind.REPLAY_REFUND && !refunds.isEmpty()
                            ? refunds.get(step.pick() % refunds.size())
                            : payments.get(step.pick() % payments.size()).chargeId();
                    RefundOutcome outcome = billing.reverse(chargeId, expected.paid.get(chargeId));
                    if (expected.refunded.add(chargeId)) {
                        assertThat(outcome).isInstanceOf(RefundOutcome.Reversed.class);
                        refunds.add(chargeId);
                    } else {
                        assertThat(outcome).isEqualTo(new RefundOutcome.Duplicate(chargeId));
                    }
                }
            }
        }
    }

    private static void credit(Billing billing, Payment payment, Books expected) {
        assertThat(billing.credit(payment)).isInstanceOf(PaymentOutcome.Credited.class);
        expected.paid.put(payment.chargeId(), payment.totalAmount());
    }

    private static void assertReceiptsSplitAndRefundsReverse(Database database, int basisPoints) {
        database.useTransaction(tx -> {
            Map<String, Map<String, Long>> byTx = new HashMap<>();
            tx.query(
                    "SELECT tx_id, account, amount FROM ledger_postings",
                    row -> byTx.computeIfAbsent(row.getString("tx_id"), id -> new HashMap<>())
                            .merge(row.getString("account"), row.getLong("amount"), Long::sum));
            byTx.forEach((id, accounts) -> {
                if (!id.startsWith("receipt:")) {
                    return;
                }
                long gross = accounts.get(Ledger.TELEGRAM_STARS);
                long provider = -accounts.get(Ledger.PROVIDER_PAYABLE);
                long platform = -accounts.get(Ledger.PLATFORM_REVENUE);
                assertThat(provider + platform).as("shares of %s", id).isEqualTo(gross);
                assertThat(provider).isEqualTo(Math.floorDiv(gross * basisPoints, 10_000));
                Map<String, Long> refund = byTx.get("refund:" + id.substring("receipt:".length()));
                if (refund != null) {
                    accounts.forEach((account, amount) -> assertThat(refund.get(account))
                            .as("reversal of %s", account)
                            .isEqualTo(-amount));
                }
            });
        });
    }

    private static void assertSettlementsAddUp(Billing billing) {
        long net = 0;
        for (YearMonth month = YearMonth.of(2026, 10);
                !month.isAfter(YearMonth.of(2027, 12));
                month = month.plusMonths(1)) {
            SettlementStatement statement = billing.settle(month);
            assertThat(statement.providerShareStars() + statement.platformShareStars())
                    .isEqualTo(statement.netStars());
            net += statement.netStars();
        }
        assertThat(net).isEqualTo(billing.balances().getOrDefault(Ledger.TELEGRAM_STARS, 0L));
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Kind> kinds = Arbitraries.frequency(
                net.jqwik.api.Tuple.of(5, Kind.SUBSCRIBE),
                net.jqwik.api.Tuple.of(3, Kind.RENEW),
                net.jqwik.api.Tuple.of(4, Kind.BUY_PACK),
                net.jqwik.api.Tuple.of(2, Kind.REPLAY_PAYMENT),
                net.jqwik.api.Tuple.of(3, Kind.REFUND),
                net.jqwik.api.Tuple.of(1, Kind.REPLAY_REFUND));
        Arbitrary<Step> step = Combinators.combine(
                        kinds,
                        Arbitraries.integers().between(0, USERS - 1),
                        Arbitraries.integers().between(0, 10_000),
                        Arbitraries.integers().between(0, 9))
                .as(Step::new);
        return step.list().ofSize(1_000);
    }

    /** What the test itself saw: every credited charge with its amount, every refunded charge. */
    private static final class Books {
        final Map<String, Long> paid = new HashMap<>();
        final Set<String> refunded = new HashSet<>();
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("grokgram-ledger-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

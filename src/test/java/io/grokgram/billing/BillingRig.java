package io.grokgram.billing;

import io.grokgram.sandbox.MutableClock;
import io.grokgram.store.Database;
import io.grokgram.store.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** A real database (SQLite file or PostgreSQL schema), a clock tests move, and the billing room on top. */
final class BillingRig implements AutoCloseable {
    static final long ADA = 7_001_002_003L;
    static final long BOB = 7_001_002_004L;

    final MutableClock clock;
    final Database database;
    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    Billing billing;
    private int charges;

    BillingRig(String kind, Path dir, Plans plans, BillingSettings settings) {
        this.clock = MutableClock.at("2026-11-05T10:00:00Z");
        this.database = TestDatabases.open(kind, dir);
        this.billing = new Billing(database, plans, settings, clock, metrics);
    }

    BillingRig(String kind, Path dir) {
        this(kind, dir, plans(3, 5), BillingSettings.defaults());
    }

    /** Free with {@code freeTurns} a day, Premium 250 Stars with {@code premiumTurns}, pack "pack2" = 2 turns for 10. */
    static Plans plans(int freeTurns, int premiumTurns) {
        return new Plans(
                new Plan("free", "Free", "grok-fast", freeTurns, 16_000, 1_500, 0, Set.of(), 0),
                new Plan("premium", "Premium", "grok-strong", premiumTurns, 128_000, 8_000, 250, Set.of(), 0),
                List.of(new TurnPack("pack2", 2, 10), new TurnPack("pack100", 100, 100)));
    }

    /** The same database and clock with other plans or settings: what a restart with a new configuration sees. */
    Billing reconfigured(Plans plans, BillingSettings settings) {
        return new Billing(database, plans, settings, clock, metrics);
    }

    String nextCharge() {
        return "stxCharge" + (++charges);
    }

    PaymentOutcome subscribe(long user) {
        return billing.credit(subscription(user, nextCharge(), Optional.empty()));
    }

    Payment subscription(long user, String charge, Optional<Instant> expires) {
        long price = billing.plans().premium().starsPer30Days();
        return new Payment(user, "XTR", price, billing.subscriptionPayload(user), charge, expires, true);
    }

    PaymentOutcome buyPack(long user, String packId) {
        return billing.credit(pack(user, packId, nextCharge()));
    }

    Payment pack(long user, String packId, String charge) {
        long price = billing.plans().pack(packId).orElseThrow().stars();
        return new Payment(user, "XTR", price, billing.packPayload(user, packId), charge, Optional.empty(), false);
    }

    long count(String sql, Object... args) {
        return database.inTransaction(
                tx -> tx.queryOne(sql, row -> row.getLong("n"), args).orElseThrow());
    }

    /** Runs {@code task} on {@code threads} virtual threads released at once, returning every result. */
    static <T> List<T> atOnce(int threads, Callable<T> task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(executor.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new java.util.ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }

    @Override
    public void close() {
        database.close();
    }
}

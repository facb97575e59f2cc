package io.grokgram.scaleout;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Long polling by whichever ingress holds the {@link PollingLease}: Telegram allows one getUpdates at a time per bot,
 * and two pollers would fight (409) and confirm each other's offsets. Every third of the lease this tries to take or
 * renew it; holding it, it polls; losing it (another took it after an expiry, say after a long pause here), it stops.
 * When the store cannot be reached it keeps polling only as long as the lease it last renewed runs, minus a third for
 * safety, so two ingresses never poll at once while their clocks agree.
 */
public final class LeasedPolling implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LeasedPolling.class);

    private final PollingLease lease;
    private final Supplier<AutoCloseable> intakes;
    private final Clock clock;
    private final Thread thread;
    private volatile boolean closed;
    private AutoCloseable polling;
    private long heldUntil;

    /** {@code intakes} starts a long-polling intake (closing it stops it) each time this ingress takes the lease. */
    public LeasedPolling(PollingLease lease, Supplier<AutoCloseable> intakes, Clock clock) {
        this.lease = Objects.requireNonNull(lease, "lease");
        this.intakes = Objects.requireNonNull(intakes, "intakes");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.thread = Thread.ofVirtual().name("polling-lease").unstarted(this::run);
    }

    public LeasedPolling start() {
        thread.start();
        return this;
    }

    /** Whether this ingress polls now. */
    public synchronized boolean polling() {
        return polling != null;
    }

    private void run() {
        Duration renew = lease.length().dividedBy(3);
        boolean waitingLogged = false;
        while (!closed) {
            try {
                if (lease.acquire()) {
                    heldUntil = clock.millis() + lease.length().toMillis();
                    waitingLogged = false;
                    startPolling();
                } else {
                    if (stopPolling()) {
                        log.warn("another ingress took the polling lease; this one stopped polling");
                    } else if (!waitingLogged) {
                        log.info(
                                "another ingress polls; this one takes over if its lease of {} runs out",
                                lease.length());
                        waitingLogged = true;
                    }
                }
            } catch (RuntimeException e) {
                boolean expiring = clock.millis() >= heldUntil - renew.toMillis();
                log.warn(
                        "could not renew the polling lease ({}){}",
                        e.getMessage(),
                        expiring && polling() ? "; it runs out: polling stops until it is renewed" : "");
                if (expiring) {
                    stopPolling();
                }
            }
            try {
                Thread.sleep(renew);
            } catch (InterruptedException e) {
                break;
            }
        }
    }

    private synchronized void startPolling() {
        if (polling == null && !closed) {
            log.info("this ingress holds the polling lease as {}; polling", lease.holder());
            polling = intakes.get();
        }
    }

    private synchronized boolean stopPolling() {
        if (polling == null) {
            return false;
        }
        try {
            polling.close();
        } catch (Exception e) {
            log.warn("stopping the polling intake failed: {}", e.getMessage());
        }
        polling = null;
        return true;
    }

    /** Stops polling and gives the lease up, so another ingress takes over at once. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopPolling()) {
            try {
                lease.release();
            } catch (RuntimeException e) {
                log.warn("could not give the polling lease up ({}); it runs out by itself", e.getMessage());
            }
        }
    }
}

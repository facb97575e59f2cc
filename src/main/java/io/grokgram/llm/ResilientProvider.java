package io.grokgram.llm;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChatProvider} over an ordered chain of {@link Route routes}: each provider failure ends in a retried answer,
 * a fallback answer, or the failure itself for the caller to explain; never in silence.
 *
 * <p>On each route, a retriable failure ({@link LlmException#retriable()}) is tried again as the {@link RetryPolicy}
 * says, honouring the provider's {@code Retry-After}; a provider asking for more than the policy's maximum wait is left
 * for the next route at once. A failure that is not retriable (a refused key, a rejected request) moves on at once.
 *
 * <p>What it refuses to do:
 *
 * <ul>
 *   <li>retry once any text has reached the observer: the user already reads it, so the failure goes to the caller
 *       with its {@link LlmException#partialText() partial text};
 *   <li>fall back from a content filter ({@link LlmException.ContentFiltered}, or a completion ending with {@link
 *       FinishReason#CONTENT_FILTER}): that is a refusal, and asking another model until one agrees would get around it;
 *   <li>go on after an interruption (the user pressed Stop, or shutdown): it returns at once with {@link
 *       FinishReason#CANCELLED} and keeps the interrupt flag.
 * </ul>
 *
 * An answer is the answering call's own completion: the model that answered, its usage and its timings (pauses and
 * failed attempts before it belong to the turn's time, not to the model's latency). When every route has failed, the
 * last failure is thrown, the earlier ones {@linkplain Throwable#getSuppressed() suppressed} in it. Retries and fallbacks are counted per provider and model once {@link #bindTo bound} to a registry.
 */
public final class ResilientProvider implements ChatProvider, MeterBinder {
    private static final Logger log = LoggerFactory.getLogger(ResilientProvider.class);

    private final List<Route> routes;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final Clock clock;
    // The chain is built from configuration before the application's registry exists; counters made here reach every
    // registry bound later.
    private final CompositeMeterRegistry metrics = new CompositeMeterRegistry();

    /**
     * @param random shared by every calling thread, so it must be thread-safe (e.g. a lambda over {@code
     *     ThreadLocalRandom.current().nextLong()})
     * @param clock measures how long a call cancelled between attempts took
     */
    public ResilientProvider(
            List<Route> routes, RetryPolicy policy, Sleeper sleeper, RandomGenerator random, Clock clock) {
        this.routes = List.copyOf(routes);
        if (this.routes.isEmpty()) {
            throw new IllegalArgumentException("a resilient provider needs at least one route");
        }
        this.policy = Objects.requireNonNull(policy, "policy");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Completion stream(ProviderRequest request, StreamObserver observer) {
        Objects.requireNonNull(request, "request");
        Instant started = clock.instant();
        Watched watched = new Watched(Objects.requireNonNull(observer, "observer"));
        List<LlmException> failures = new ArrayList<>();
        for (int index = 0; index < routes.size(); index++) {
            Route route = routes.get(index);
            ProviderRequest routed = route.apply(request);
            switch (attempt(route, routed, watched, started)) {
                case Outcome.Answered answered -> {
                    return answered.completion();
                }
                case Outcome.Failed failed -> {
                    failures.add(failed.failure());
                    leave(route, routed, failed.failure(), index + 1 < routes.size());
                }
            }
        }
        throw exhausted(failures);
    }

    /** The primary route's provider: the gate's metrics and log lines keep naming the provider users were told of. */
    @Override
    public String name() {
        return routes.getFirst().provider().name();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        metrics.add(registry);
    }

    @Override
    public String toString() {
        return routes.stream()
                .map(route -> route.provider() + route.model().map(m -> "#" + m).orElse(""))
                .collect(Collectors.joining(" then ", "ResilientProvider[", "]"));
    }

    private Outcome attempt(Route route, ProviderRequest request, Watched observer, Instant started) {
        for (int attempt = 1; ; attempt++) {
            if (Thread.currentThread().isInterrupted()) {
                return new Outcome.Answered(cancelled(request, "", started));
            }
            LlmException failure;
            try {
                return new Outcome.Answered(route.provider().stream(request, observer));
            } catch (LlmException e) {
                failure = e;
            }
            if (Thread.currentThread().isInterrupted()) {
                return new Outcome.Answered(cancelled(request, failure.partialText(), started));
            }
            if (observer.wrote() || !failure.partialText().isEmpty()) {
                throw failure; // a second answer would appear under the first: the caller keeps what was written
            }
            if (failure instanceof LlmException.ContentFiltered) {
                throw failure; // a refusal, not an outage: no other model is asked to get around it
            }
            if (!failure.retriable() || attempt == policy.attempts()) {
                return new Outcome.Failed(failure);
            }
            Optional<Duration> pause = policy.pause(attempt, failure.retryAfter(), random.nextDouble());
            if (pause.isEmpty()) {
                log.info(
                        "{} asks to wait {} s, more than the {} s we wait",
                        label(route, request),
                        failure.retryAfter().orElseThrow().toSeconds(),
                        policy.maxWait().toSeconds());
                return new Outcome.Failed(failure);
            }
            count("grokgram_provider_retries", route, request, failure);
            log.info(
                    "{} failed (attempt {} of {}), retrying in {} ms: {}",
                    label(route, request),
                    attempt,
                    policy.attempts(),
                    pause.get().toMillis(),
                    failure.getMessage());
            try {
                sleeper.sleep(pause.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome.Answered(cancelled(request, "", started));
            }
        }
    }

    /** Logs and counts a route given up on. */
    private void leave(Route route, ProviderRequest request, LlmException failure, boolean more) {
        String next = more ? "trying the next route" : "no route left";
        if (failure instanceof LlmException.Unauthorized) {
            log.error(
                    "{} refused our credentials; {}. An operator must check the API key, its permissions and the"
                            + " account's credits: {}",
                    label(route, request),
                    next,
                    failure.getMessage());
        } else {
            log.warn("{} gave up; {}: {}", label(route, request), next, failure.getMessage());
        }
        if (more) {
            count("grokgram_provider_fallbacks", route, request, failure);
        }
    }

    private LlmException exhausted(List<LlmException> failures) {
        LlmException last = failures.getLast();
        failures.stream().filter(earlier -> earlier != last).forEach(last::addSuppressed);
        metrics.counter("grokgram_provider_exhausted", "reason", kind(last)).increment();
        return last;
    }

    /** Nothing reached the observer but {@code text}, and the provider was not asked for more: no usage to bill. */
    private Completion cancelled(ProviderRequest request, String text, Instant started) {
        Duration took = Duration.between(started, clock.instant());
        return new Completion(request.model(), text, FinishReason.CANCELLED, Usage.NONE, took, took);
    }

    private void count(String name, Route route, ProviderRequest request, LlmException failure) {
        metrics.counter(
                        name,
                        "provider",
                        route.provider().name(),
                        "model",
                        request.model().value(),
                        "reason",
                        kind(failure))
                .increment();
    }

    private static String label(Route route, ProviderRequest request) {
        return route.provider().name() + "/" + request.model();
    }

    static String kind(LlmException failure) {
        return switch (failure) {
            case LlmException.RateLimited _ -> "rate_limited";
            case LlmException.TimedOut _ -> "timed_out";
            case LlmException.Unavailable _ -> "unavailable";
            case LlmException.Unauthorized _ -> "unauthorized";
            case LlmException.OutOfCredits _ -> "out_of_credits";
            case LlmException.InvalidRequest _ -> "invalid_request";
            case LlmException.ContentFiltered _ -> "content_filtered";
        };
    }

    private sealed interface Outcome {
        record Answered(Completion completion) implements Outcome {}

        record Failed(LlmException failure) implements Outcome {}
    }

    /** Remembers whether any text reached the observer; it is called on the provider's reading thread. */
    private static final class Watched implements StreamObserver {
        private final StreamObserver target;
        private volatile boolean wrote;

        Watched(StreamObserver target) {
            this.target = target;
        }

        @Override
        public void onText(String delta) {
            if (!delta.isEmpty()) {
                wrote = true;
            }
            target.onText(delta);
        }

        boolean wrote() {
            return wrote;
        }
    }
}

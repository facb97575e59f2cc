package io.grokgram.testing;

import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * Which server of one kind the tests of this JVM use, decided once: the machine's own when its probe answers, else an
 * embedded one, so a developer machine needs nothing installed. If neither works the tests fail with a message that
 * says what was tried and how to fix it; they never skip.
 *
 * <p>The mode, from a system property of the caller's, overrides the probe: {@code auto} (the default) probes and falls
 * back, {@code local} insists on the machine's server, {@code embedded} starts the embedded one even when the machine's
 * answers (to exercise it on a machine that runs both). The choice, and a failure, is made once and repeated to every
 * caller, so a broken embedded start is neither retried by each test nor hidden behind a later success.
 *
 * <p>What differs between servers stays with the caller: the probe, the start, the local URL and every text.
 *
 * @param <T> how the tests reach the server, e.g. a {@code redis://} URI or a JDBC URL
 */
public final class LocalOrEmbedded<T> {
    /** Starts the embedded server and returns how to reach it. */
    @FunctionalInterface
    public interface Start<T> {
        T start() throws IOException;
    }

    /**
     * How one kind of server reads in the warning and in the failures, so each names that server, what was tried and
     * the fix that applies to it.
     *
     * @param server its name, opening every failure: {@code "Redis"}
     * @param property the system property that holds the mode: {@code "grokgram.test.redis"}
     * @param absent what the probe found when nothing answered: {@code "nothing answers on 127.0.0.1:5432"}
     * @param setup how the machine's server must be run, for the {@code local} failure: {@code "no password; .ci/run
     *     does"}
     * @param used the warning's words before the embedded server's URL: {@code "the store tests use an embedded
     *     PostgreSQL at"}
     * @param startFailed the end of the failure after "…, and ": which embedded server did not start, why (from the
     *     exception) and the fix
     */
    public record Texts(
            String server,
            String property,
            String absent,
            String setup,
            String used,
            Function<Exception, String> startFailed) {
        public Texts {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(property, "property");
            Objects.requireNonNull(absent, "absent");
            Objects.requireNonNull(setup, "setup");
            Objects.requireNonNull(used, "used");
            Objects.requireNonNull(startFailed, "startFailed");
        }
    }

    private final Texts texts;
    private final String mode;
    private final T localUrl;
    private final BooleanSupplier local;
    private final Start<T> embedded;
    private final Logger log;
    private Choice<T> choice;

    /**
     * @param localUrl how to reach the machine's server when {@code local} answers
     * @param log the caller's logger, so the warning names the helper a developer knows
     */
    public LocalOrEmbedded(Texts texts, String mode, T localUrl, BooleanSupplier local, Start<T> embedded, Logger log) {
        this.texts = Objects.requireNonNull(texts, "texts");
        this.mode = Objects.requireNonNull(mode, "mode").strip().toLowerCase(Locale.ROOT);
        this.localUrl = Objects.requireNonNull(localUrl, "localUrl");
        this.local = Objects.requireNonNull(local, "local");
        this.embedded = Objects.requireNonNull(embedded, "embedded");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** The mode as given, trimmed and in lower case (an unknown one is refused by {@link #chosen()}). */
    public String mode() {
        return mode;
    }

    /** How to reach the chosen server; the choice (and a failure) is made once and then repeated to every caller. */
    public synchronized T chosen() {
        if (choice == null) {
            choice = choose();
        }
        return switch (choice) {
            case Choice.Running<T> running -> running.url();
            case Choice.Failed<T> failed -> throw new IllegalStateException(failed.message(), failed.cause());
        };
    }

    private Choice<T> choose() {
        return switch (mode) {
            case "auto" -> local.getAsBoolean() ? new Choice.Running<>(localUrl) : startEmbedded(texts.absent());
            case "local" ->
                local.getAsBoolean()
                        ? new Choice.Running<>(localUrl)
                        : new Choice.Failed<>(
                                texts.server() + " for the tests: " + texts.property() + "=local, but "
                                        + texts.absent() + ". Start it (" + texts.setup() + ") or drop the property"
                                        + " to fall back to the embedded server.",
                                null);
            case "embedded" -> startEmbedded(texts.property() + "=embedded");
            default ->
                new Choice.Failed<>(
                        texts.property() + " is '" + mode + "'; accepted: auto (the default), local or embedded", null);
        };
    }

    private Choice<T> startEmbedded(String why) {
        try {
            T url = embedded.start();
            // a warning, so it shows in the test output: a developer should know which server the tests used
            log.warn("{}: {} {}", why, texts.used(), url);
            return new Choice.Running<>(url);
        } catch (IOException | RuntimeException e) {
            return new Choice.Failed<>(
                    texts.server() + " for the tests: " + why + ", and "
                            + texts.startFailed().apply(e),
                    e);
        }
    }

    /** What the one decision of a JVM came to. */
    private sealed interface Choice<T> {
        record Running<T>(T url) implements Choice<T> {}

        record Failed<T>(String message, Throwable cause) implements Choice<T> {}
    }
}

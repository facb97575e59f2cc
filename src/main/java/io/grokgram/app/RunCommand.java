package io.grokgram.app;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import picocli.CommandLine.Command;

/** Runs the bot against the configured Bot API server and provider until the process is stopped. */
@Command(name = "run", description = "Run the bot against Telegram and the configured provider (see README).")
final class RunCommand implements Callable<Integer> {
    private final Map<String, String> environment;

    RunCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws InterruptedException {
        return serve(environment, config -> new Grokgram.Role.Whole());
    }

    /**
     * Starts the bot as {@code role} (asked for once the configuration is valid) on the configuration from {@code
     * environment} and serves until stopped: what {@code run}, {@code ingress} and {@code worker} share.
     */
    static int serve(Map<String, String> environment, Function<Config, Grokgram.Role> role)
            throws InterruptedException {
        Config config = ConfigLoader.load(environment, ConfigLoader.Mode.RUN);
        awaitShutdown(Grokgram.start(
                config,
                config.telegram().token().orElseThrow(),
                Providers.chain(config),
                List.of(),
                Clock.systemUTC(),
                role.apply(config)));
        return 0;
    }

    /** Blocks until SIGTERM or Ctrl-C, then closes everything in reverse start order. */
    static void awaitShutdown(Grokgram app) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(Thread.ofPlatform().name("grokgram-shutdown").unstarted(() -> {
                    app.close();
                    stopped.countDown();
                }));
        stopped.await();
    }
}

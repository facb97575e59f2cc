package io.grokgram.app;

import io.grokgram.store.Database;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Applies the schema migrations to the configured database and says what it did. */
@Command(name = "migrate", description = "Apply database migrations to GROKGRAM_DATABASE and exit.")
final class MigrateCommand implements Callable<Integer> {
    private final Map<String, String> environment;

    MigrateCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        Config config = ConfigLoader.load(environment, ConfigLoader.Mode.OFFLINE);
        try (Database database =
                Database.open(config.store().database(), config.store().poolSize(), Duration.ofSeconds(10))) {
            int applied = database.migrate();
            System.out.println(
                    applied == 0
                            ? database.displayUrl() + " is up to date"
                            : "applied " + applied + " migration(s) to " + database.displayUrl());
        }
        return 0;
    }
}

package io.grokgram.app;

import io.grokgram.store.CopyOutcome;
import io.grokgram.store.Database;
import io.grokgram.store.StoreCopy;
import io.grokgram.store.TableCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Applies the schema migrations to the configured database and says what it did; with {@code --copy-from}, also moves an
 * embedded (SQLite) installation's data into it, which must then be PostgreSQL and empty.
 *
 * <p>There is deliberately no {@code --force}: a copy commits only once verified, so a failed one leaves the target
 * empty and can simply be run again, and a target with rows is a live installation or an earlier copy, neither of which
 * should be merged with or overwritten by this one. An operator who really means it drops the target's schema first.
 */
@Command(
        name = "migrate",
        description = {
            "Apply database migrations to GROKGRAM_DATABASE and exit.",
            "With --copy-from, then copy an embedded SQLite store into it (it must be PostgreSQL and empty),"
                    + " verifying every table by row count and SHA-256; exit status 1 when refused or not verified."
        })
final class MigrateCommand implements Callable<Integer> {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, String> environment;

    @Option(
            names = "--copy-from",
            paramLabel = "SQLITE",
            description = "the embedded store to copy: its file path or jdbc:sqlite:FILE (stop the bot using it first)")
    private String copyFrom;

    MigrateCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        Config config = ConfigLoader.load(environment, ConfigLoader.Mode.OFFLINE);
        if (copyFrom != null) {
            return copy(config, copyFrom);
        }
        try (Database database =
                Database.open(config.store().database(), config.store().poolSize(), CONNECT_TIMEOUT)) {
            int applied = database.migrate();
            System.out.println(
                    applied == 0
                            ? database.displayUrl() + " is up to date"
                            : "applied " + applied + " migration(s) to " + database.displayUrl());
        }
        return 0;
    }

    private static int copy(Config config, String from) {
        String to = config.store().database();
        Optional<String> refusal = refusal(from, to);
        if (refusal.isPresent()) {
            System.err.println("grokgram: " + refusal.get());
            return 1;
        }
        try (Database source = Database.open(from, 1, CONNECT_TIMEOUT);
                Database target = Database.open(to, config.store().poolSize(), CONNECT_TIMEOUT)) {
            int targetApplied = target.migrate();
            System.out.println(
                    targetApplied == 0
                            ? target.displayUrl() + " is up to date"
                            : "applied " + targetApplied + " migration(s) to " + target.displayUrl());
            int sourceApplied = source.migrate();
            if (sourceApplied > 0) {
                // the user's own file changes here, so say so: it is what this version's `run` would have done to it
                System.out.println("the source was at an older schema: applied " + sourceApplied + " migration(s) to "
                        + source.displayUrl() + " first (as `run` would have)");
            }
            System.out.println("copying " + source.displayUrl() + " into " + target.displayUrl());
            CopyOutcome outcome = new StoreCopy(source, target)
                    .copy((table, rows, total) -> System.out.println("  " + table + ": " + rows + " of " + total));
            return report(outcome, target);
        }
    }

    /** Why this pair cannot be copied, before anything is opened (opening a missing SQLite file would create it). */
    private static Optional<String> refusal(String from, String to) {
        if (Database.kindOf(to) != Database.Kind.POSTGRESQL) {
            return Optional.of("--copy-from copies an embedded store into PostgreSQL, but GROKGRAM_DATABASE is "
                    + Database.redact(to) + " (SQLite); set it to jdbc:postgresql://HOST:PORT/DB?user=… and run again");
        }
        if (Database.kindOf(from) != Database.Kind.SQLITE) {
            return Optional.of("--copy-from takes the embedded store, an SQLite file or jdbc:sqlite:FILE; got "
                    + Database.redact(from));
        }
        Optional<Path> file = Database.sqliteFile(from);
        if (file.isEmpty() || !Files.isRegularFile(file.get())) {
            return Optional.of("--copy-from " + from + ": there is no SQLite file "
                    + file.map(Path::toString).orElse("(an in-memory database has nothing to copy)"));
        }
        return Optional.empty();
    }

    private static int report(CopyOutcome outcome, Database target) {
        return switch (outcome) {
            case CopyOutcome.Copied copied -> {
                print(copied.tables());
                System.out.println("sequences: "
                        + (copied.sequences().isEmpty()
                                ? "none in this schema"
                                : String.join(", ", copied.sequences())));
                long rows = copied.tables().stream()
                        .mapToLong(TableCheck::targetRows)
                        .sum();
                System.out.println(
                        "copied " + rows + " rows in " + copied.tables().size() + " tables; every row count"
                                + " and checksum matches. Point the bot's GROKGRAM_DATABASE at " + target.displayUrl()
                                + " and keep the SQLite file as a backup.");
                yield 0;
            }
            case CopyOutcome.TargetNotEmpty occupied -> {
                String tables = new TreeMap<>(occupied.rows())
                        .entrySet().stream()
                                .map(e -> e.getKey() + ": " + e.getValue())
                                .collect(Collectors.joining(", "));
                System.err.println("grokgram: " + target.displayUrl() + " already holds rows (" + tables
                        + "); a copy goes only into an empty database, so two installations are never merged."
                        + " Copy into a new database, or drop this one's tables if its data is not needed.");
                yield 1;
            }
            case CopyOutcome.Mismatched mismatched -> {
                print(mismatched.tables());
                String differing = mismatched.tables().stream()
                        .filter(t -> !t.matches())
                        .map(TableCheck::table)
                        .collect(Collectors.joining(", "));
                System.err.println("grokgram: the copy did not verify (" + differing + " differ); it was rolled back"
                        + " and " + target.displayUrl() + " holds none of it");
                yield 1;
            }
        };
    }

    private static void print(List<TableCheck> tables) {
        System.out.printf("%-24s %12s %12s  %-16s  %s%n", "table", "source rows", "target rows", "sha-256", "check");
        for (TableCheck table : tables) {
            System.out.printf(
                    "%-24s %12d %12d  %-16s  %s%n",
                    table.table(),
                    table.sourceRows(),
                    table.targetRows(),
                    table.sourceSha256().substring(0, 16),
                    table.matches() ? "OK" : "DIFFERS");
        }
    }
}

package io.grokgram.app;

import io.grokgram.billing.SettlementStatement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The revenue-share ledger, for the operator and the provider: {@code grokgram ledger settle --month 2026-11}. */
@Command(
        name = "ledger",
        description = "The revenue-share ledger (see `ledger settle`).",
        subcommands = {LedgerCommand.Settle.class})
final class LedgerCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    /**
     * Writes {@code settlement-YYYY-MM.csv} (one line per ledger posting of the month), {@code .txt} and {@code .html}
     * (the summary, with the CSV's SHA-256) and prints the summary. The same ledger gives the same bytes on every run.
     */
    @Command(
            name = "settle",
            description = "Write the month's settlement statement (settlement-YYYY-MM.csv, .txt, .html) and print its"
                    + " summary; the same ledger gives the same bytes on every run.")
    static final class Settle implements Callable<Integer> {
        @Option(names = "--month", required = true, description = "The UTC month to settle, e.g. 2026-11.")
        String month;

        @Option(
                names = "--out",
                defaultValue = ".",
                description = "Folder the files are written to (default: the current folder).")
        Path out;

        private final Map<String, String> environment;

        Settle(Map<String, String> environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() throws IOException {
            SettlementStatement statement;
            try (OfflineBilling billing = OfflineBilling.open(environment, Clock.systemUTC())) {
                statement = billing.billing().settle(OfflineBilling.month(month));
            }
            Files.createDirectories(out);
            Path csv = out.resolve(statement.fileStem() + ".csv");
            Files.write(csv, statement.csv());
            Files.writeString(out.resolve(statement.fileStem() + ".txt"), statement.summary(), StandardCharsets.UTF_8);
            Files.writeString(out.resolve(statement.fileStem() + ".html"), statement.html(), StandardCharsets.UTF_8);
            System.out.print(statement.summary());
            System.out.println();
            System.out.println("wrote " + statement.fileStem() + ".csv, .txt and .html to " + out.toAbsolutePath());
            return 0;
        }
    }
}

package io.grokgram.app;

import io.grokgram.billing.BillingReport;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Whether each plan earns more than it costs: {@code grokgram billing report [--month 2026-11]}. */
@Command(
        name = "billing",
        description = "Plans, revenue and provider cost (see `billing report`).",
        subcommands = {BillingCommand.Report.class})
final class BillingCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    @Command(
            name = "report",
            description = "Per plan and pack for a UTC month: users, turns, revenue in Stars and USD, provider token"
                    + " cost and the platform's margin.")
    static final class Report implements Callable<Integer> {
        @Option(names = "--month", description = "The UTC month, e.g. 2026-11 (default: this month).")
        String month;

        private final Map<String, String> environment;
        private final Clock clock;

        Report(Map<String, String> environment) {
            this(environment, Clock.systemUTC());
        }

        Report(Map<String, String> environment, Clock clock) {
            this.environment = environment;
            this.clock = clock;
        }

        @Override
        public Integer call() {
            YearMonth reported =
                    month == null ? YearMonth.now(clock.withZone(ZoneOffset.UTC)) : OfflineBilling.month(month);
            try (OfflineBilling billing = OfflineBilling.open(environment, clock)) {
                BillingReport report = billing.billing().report(reported);
                System.out.print(report.text());
            }
            return 0;
        }
    }
}

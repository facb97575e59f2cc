package io.grokgram.dataset;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/** The days an export covers: from {@code since} (inclusive) to {@code until} (exclusive), both midnight UTC. */
public record ExportRange(LocalDate since, LocalDate until) {
    public ExportRange {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        if (!since.isBefore(until)) {
            throw new IllegalArgumentException(
                    "--since " + since + " must be before --until " + until + " (until is exclusive)");
        }
    }

    /** From the command line's ISO dates, with a message naming the option when one is not a date. */
    public static ExportRange parse(String since, String until) {
        return new ExportRange(date("--since", since), date("--until", until));
    }

    private static LocalDate date(String option, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " '" + value + "' is not an ISO date such as 2026-11-01");
        }
    }

    Instant start() {
        return since.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    Instant end() {
        return until.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}

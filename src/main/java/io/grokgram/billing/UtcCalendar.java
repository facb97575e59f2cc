package io.grokgram.billing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * Billing's calendar is UTC: quotas renew at UTC midnight and the spend cap and settlements run per UTC month, so every
 * worker and every partner counts the same days whatever the machine's zone.
 */
final class UtcCalendar {
    private UtcCalendar() {}

    /** Days since 1970-01-01 (UTC): the quota key. */
    static long day(Instant instant) {
        return Math.floorDiv(instant.toEpochMilli(), 86_400_000L);
    }

    static Instant startOfDay(long day) {
        return Instant.ofEpochMilli(Math.multiplyExact(day, 86_400_000L));
    }

    static YearMonth month(Instant instant) {
        return YearMonth.from(instant.atOffset(ZoneOffset.UTC));
    }

    static Instant startOf(YearMonth month) {
        return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    static long firstDay(YearMonth month) {
        return month.atDay(1).toEpochDay();
    }

    /** The first day of the next month: month ranges are half-open. */
    static long endDay(YearMonth month) {
        return month.plusMonths(1).atDay(1).toEpochDay();
    }

    static LocalDate date(long day) {
        return LocalDate.ofEpochDay(day);
    }
}

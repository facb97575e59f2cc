package io.grokgram.privacy;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Phone numbers found by libphonenumber ({@code findNumbers} with {@link PhoneNumberUtil.Leniency#POSSIBLE}): a number
 * with a country code is read by its own plan, one without it by each of the configured regions in turn, and every
 * span any region finds goes. POSSIBLE (the right length for the region) rather than VALID (an allocated range): a
 * training set loses little by scrubbing a number that happens to fit, and keeping a real one would be a leak.
 *
 * <p>Fewer than seven digits are left alone (a price or a year, not a number anyone could dial), and so are dates
 * and digits glued to a letter, {@code _} or {@code @} before them: those are the tail of a name such as
 * {@code @anna_19840312}, which the username detector takes whole.
 * Spans of
 * different regions are merged where they overlap, so one number is counted once.
 */
final class PhoneNumbers {
    private static final int MIN_DIGITS = 7;
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /** 2026-11-01, 2026/11/01, 01.11.2026, 1/11/2026: dates have the length of a number in some plan. */
    private static final java.util.regex.Pattern DATE =
            java.util.regex.Pattern.compile("\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2,4}");

    private final List<String> regions;

    PhoneNumbers(List<String> regions) {
        Objects.requireNonNull(regions, "regions");
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("phone numbers need at least one default region, e.g. US");
        }
        for (String region : regions) {
            if (!UTIL.getSupportedRegions().contains(region.toUpperCase(Locale.ROOT))) {
                throw new IllegalArgumentException(
                        "'" + region + "' is not a region libphonenumber knows (two letters, e.g. US, DE, GB)");
            }
        }
        this.regions = regions.stream().map(r -> r.toUpperCase(Locale.ROOT)).toList();
    }

    private static boolean insideWord(String text, int start) {
        if (start == 0) {
            return false;
        }
        char before = text.charAt(start - 1);
        return Character.isLetter(before) || before == '_' || before == '@';
    }

    /** The spans of phone numbers in {@code text}: start inclusive, end exclusive, in order, not overlapping. */
    List<int[]> find(String text) {
        List<int[]> spans = new ArrayList<>();
        if (text.chars().filter(Character::isDigit).count() < MIN_DIGITS) {
            return spans; // most texts hold no number at all: skip the regions' parsers
        }
        for (String region : regions) {
            for (PhoneNumberMatch match :
                    UTIL.findNumbers(text, region, PhoneNumberUtil.Leniency.POSSIBLE, Long.MAX_VALUE)) {
                if (match.rawString().chars().filter(Character::isDigit).count() >= MIN_DIGITS
                        && !DATE.matcher(match.rawString()).matches()
                        && !insideWord(text, match.start())) {
                    spans.add(new int[] {match.start(), match.end()});
                }
            }
        }
        spans.sort(Comparator.<int[]>comparingInt(span -> span[0]).thenComparingInt(span -> -span[1]));
        List<int[]> merged = new ArrayList<>();
        for (int[] span : spans) {
            int[] last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && span[0] < last[1]) {
                last[1] = Math.max(last[1], span[1]);
            } else {
                merged.add(new int[] {span[0], span[1]});
            }
        }
        return merged;
    }
}

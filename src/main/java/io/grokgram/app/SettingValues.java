package io.grokgram.app;

import java.util.Locale;
import java.util.function.Function;

/**
 * A setting read as a whole number or a flag, for the loader and the per-room readers alike. A bad value is reported
 * with what would be accepted, and reading goes on with a stand-in, so the operator sees every problem in one run; the
 * stand-in never reaches a running bot, since the loader stops on the first reported problem after reading.
 */
final class SettingValues {
    private SettingValues() {}

    /**
     * The setting as a whole number from {@code min} to {@code max}; when it is not one, a problem, and the stand-in is
     * {@code min} but at least 1, a value every settings record built from these numbers accepts.
     */
    static int whole(Setting setting, Function<Setting, String> raw, int min, int max, ConfigProblems problems) {
        String value = raw.apply(setting);
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        problems.add(setting.key(), setting.shown(value), "a whole number from " + min + " to " + max);
        return Math.max(min, 1);
    }

    /** The setting as {@code true} or {@code false}, in any case; anything else is a problem and reads as false. */
    static boolean flag(Setting setting, Function<Setting, String> raw, ConfigProblems problems) {
        String value = raw.apply(setting).toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            problems.add(setting.key(), setting.shown(raw.apply(setting)), "true or false");
        }
        return value.equals("true");
    }
}

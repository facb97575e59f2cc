package io.grokgram.billing;

import java.util.Objects;
import java.util.regex.Pattern;

/** The shape of plan and pack ids: short and free of the payload's separator, so an invoice payload stays small. */
final class Ids {
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    private Ids() {}

    static void check(String id, String what) {
        Objects.requireNonNull(id, what);
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    what + " '" + id + "' must be 1 to 32 of a-z, 0-9, _ and -, starting with a letter or digit");
        }
    }
}

package io.grokgram.store;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** How {@link StoreCopy#copy} ended; only {@link Copied} leaves anything in the target. */
public sealed interface CopyOutcome {

    /** Every table copied and verified, then committed; {@code sequences} lists any sequence moved past the copy. */
    record Copied(List<TableCheck> tables, List<String> sequences) implements CopyOutcome {
        public Copied {
            tables = List.copyOf(tables);
            sequences = List.copyOf(sequences);
        }
    }

    /**
     * The target already holds rows (table to count), so nothing was copied: two installations are never merged by
     * accident.
     */
    record TargetNotEmpty(Map<String, Long> rows) implements CopyOutcome {
        public TargetNotEmpty {
            rows = Map.copyOf(Objects.requireNonNull(rows, "rows"));
            if (rows.isEmpty()) {
                throw new IllegalArgumentException("a target that is not empty has rows somewhere");
            }
        }
    }

    /** The copy did not verify: at least one table differs. The copy was rolled back; the target is as it was. */
    record Mismatched(List<TableCheck> tables) implements CopyOutcome {
        public Mismatched {
            tables = List.copyOf(tables);
        }
    }
}

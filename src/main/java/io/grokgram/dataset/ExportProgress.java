package io.grokgram.dataset;

import java.io.PrintStream;

/** Where an export reports how far it got; called after each turn. */
@FunctionalInterface
public interface ExportProgress {
    void turns(int done, int total);

    static ExportProgress none() {
        return (done, total) -> {};
    }

    /**
     * A line on {@code terminal} (stderr for the command) every twentieth of the way, or every thousand turns if
     * sooner, and at the end: "dataset export: 1500/12000 turns (12%)".
     */
    static ExportProgress lines(PrintStream terminal) {
        return (done, total) -> {
            int step = Math.max(1, Math.min(1000, total / 20));
            if (done == total || done % step == 0) {
                terminal.printf(
                        "dataset export: %d/%d turns (%d%%)%n", done, total, total == 0 ? 100 : done * 100L / total);
            }
        };
    }
}

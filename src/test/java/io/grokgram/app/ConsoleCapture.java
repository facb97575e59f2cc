package io.grokgram.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * What a command prints while it runs, for tests of the command line. It swaps the JVM-wide stream for the duration
 * and always puts the original back, even when the action fails.
 */
final class ConsoleCapture {
    private ConsoleCapture() {}

    /** Everything {@code action} printed to standard output. */
    static String out(Runnable action) {
        return capture(action, System.out, System::setOut);
    }

    /** Everything {@code action} printed to standard error. */
    static String err(Runnable action) {
        return capture(action, System.err, System::setErr);
    }

    private static String capture(Runnable action, PrintStream original, Consumer<PrintStream> install) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        install.accept(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            install.accept(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}

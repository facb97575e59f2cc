package io.grokgram.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Prints every setting with its default: the configuration reference, always in step with the code. */
@Command(name = "config", description = "List every setting with its default and meaning.")
final class ConfigCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        for (Setting setting : Setting.values()) {
            String shown = setting.defaultValue().isEmpty() ? "(none)" : setting.defaultValue();
            System.out.printf("%-34s default %-26s %s%n", setting.key(), shown, setting.description());
        }
        System.out.printf(
                "%-34s default %-26s %s%n",
                "GROKGRAM_CONFIG", "(none)", "A properties file with any of the settings above; the environment wins.");
        return 0;
    }
}

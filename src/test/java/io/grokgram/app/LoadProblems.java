package io.grokgram.app;

import java.util.List;
import java.util.Map;

/** What the config tests check of a bad environment: every problem {@link ConfigLoader} reports for it at once. */
final class LoadProblems {
    private LoadProblems() {}

    /** The problems loading {@code env} in sandbox mode reports; fails the test when loading succeeds. */
    static List<String> of(Map<String, String> env) {
        try {
            ConfigLoader.load(env, ConfigLoader.Mode.SANDBOX);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("loading " + env.keySet() + " reported no problem");
    }
}

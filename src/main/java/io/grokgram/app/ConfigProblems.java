package io.grokgram.app;

import java.util.ArrayList;
import java.util.List;

/** Collects every configuration problem, so the operator sees all of them in one run, not one per restart. */
final class ConfigProblems {
    private final List<String> problems = new ArrayList<>();

    /** Records a problem: the setting, the value it got (masked when secret) and what would be accepted. */
    void add(String setting, String shownValue, String expected) {
        problems.add(setting + "=" + shownValue + ": " + expected);
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    List<String> all() {
        return List.copyOf(problems);
    }
}

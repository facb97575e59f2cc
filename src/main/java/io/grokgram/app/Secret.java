package io.grokgram.app;

/** A configured secret. {@code toString} is a mask, so a config dump or a log line can never show it. */
record Secret(String value) {
    @Override
    public String toString() {
        return value.isEmpty() ? "(not set)" : "*****";
    }
}

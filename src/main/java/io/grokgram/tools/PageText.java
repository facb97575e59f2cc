package io.grokgram.tools;

import java.util.Objects;

/** A page read by {@code read_url}: where it ended up after redirects, its title and its readable text. */
public record PageText(String url, String title, String text, boolean truncated) {
    public PageText {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
    }
}

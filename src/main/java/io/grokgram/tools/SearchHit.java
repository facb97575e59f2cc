package io.grokgram.tools;

import java.util.Objects;

/** One result of a web or document search: what it is called, where it is, and a piece of its text. */
public record SearchHit(String title, String url, String snippet) {
    public SearchHit {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(snippet, "snippet");
    }
}

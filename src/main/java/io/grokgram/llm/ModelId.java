package io.grokgram.llm;

/** A provider's model slug, e.g. {@code grok-4.3}. */
public record ModelId(String value) {
    public ModelId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("model id must not be blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}

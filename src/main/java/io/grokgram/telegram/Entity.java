package io.grokgram.telegram;

import java.util.Objects;
import java.util.Optional;

/**
 * A Telegram message entity. Offsets and lengths are UTF-16 code units, which is what Java's {@link String} indices
 * already are (an emoji outside the BMP counts 2).
 */
public record Entity(Type type, int offset, int length, Optional<String> url, Optional<String> language) {

    /** The entity types Grokgram produces; names are the Bot API's {@code type} strings. */
    public enum Type {
        BOLD("bold"),
        ITALIC("italic"),
        UNDERLINE("underline"),
        STRIKETHROUGH("strikethrough"),
        SPOILER("spoiler"),
        CODE("code"),
        PRE("pre"),
        TEXT_LINK("text_link"),
        BLOCKQUOTE("blockquote"),
        EXPANDABLE_BLOCKQUOTE("expandable_blockquote");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public Entity {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(language, "language");
        if (offset < 0 || length <= 0) {
            throw new IllegalArgumentException(
                    "entity " + type + " needs offset >= 0 and length > 0, got offset " + offset + " length " + length);
        }
        if (type == Type.TEXT_LINK && url.isEmpty()) {
            throw new IllegalArgumentException("text_link entity needs a url");
        }
    }

    public static Entity of(Type type, int offset, int length) {
        return new Entity(type, offset, length, Optional.empty(), Optional.empty());
    }

    public static Entity link(int offset, int length, String url) {
        return new Entity(Type.TEXT_LINK, offset, length, Optional.of(url), Optional.empty());
    }

    public static Entity pre(int offset, int length, Optional<String> language) {
        return new Entity(Type.PRE, offset, length, Optional.empty(), language);
    }

    public int end() {
        return offset + length;
    }

    public Entity shifted(int delta) {
        return new Entity(type, offset + delta, length, url, language);
    }
}

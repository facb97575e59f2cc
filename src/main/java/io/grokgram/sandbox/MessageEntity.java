package io.grokgram.sandbox;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A message entity as the Bot API publishes it: {@code type} is the wire name ("bold", "text_link", "pre", …),
 * offset and length are UTF-16 code units (Java string indices). Only the field that belongs to the type is present:
 * {@code url} for text_link, {@code language} for pre, {@code userId} for text_mention, {@code customEmojiId} for
 * custom_emoji.
 */
public record MessageEntity(
        String type,
        int offset,
        int length,
        Optional<String> url,
        Optional<String> language,
        OptionalLong userId,
        Optional<String> customEmojiId) {

    public MessageEntity {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(customEmojiId, "customEmojiId");
        if (offset < 0 || length <= 0) {
            throw new IllegalArgumentException(
                    "entity " + type + " needs offset >= 0 and length > 0, got " + offset + " and " + length);
        }
    }

    public static MessageEntity of(String type, int offset, int length) {
        return new MessageEntity(
                type, offset, length, Optional.empty(), Optional.empty(), OptionalLong.empty(), Optional.empty());
    }

    public int end() {
        return offset + length;
    }

    static MessageEntity from(RawEntity raw) {
        Optional<String> argument = raw.argument.isEmpty() ? Optional.empty() : Optional.of(raw.argument);
        return switch (raw.type) {
            case TEXT_URL ->
                new MessageEntity(
                        "text_link",
                        raw.offset,
                        raw.length,
                        argument,
                        Optional.empty(),
                        OptionalLong.empty(),
                        Optional.empty());
            case PRE_CODE ->
                new MessageEntity(
                        "pre",
                        raw.offset,
                        raw.length,
                        Optional.empty(),
                        argument,
                        OptionalLong.empty(),
                        Optional.empty());
            case MENTION_NAME ->
                new MessageEntity(
                        "text_mention",
                        raw.offset,
                        raw.length,
                        Optional.empty(),
                        Optional.empty(),
                        OptionalLong.of(Long.parseLong(raw.argument)),
                        Optional.empty());
            case CUSTOM_EMOJI ->
                new MessageEntity(
                        "custom_emoji",
                        raw.offset,
                        raw.length,
                        Optional.empty(),
                        Optional.empty(),
                        OptionalLong.empty(),
                        argument);
            default -> of(raw.type.wireName(), raw.offset, raw.length);
        };
    }
}

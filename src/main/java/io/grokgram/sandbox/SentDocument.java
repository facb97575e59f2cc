package io.grokgram.sandbox;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/** A file the bot uploaded with sendDocument, as the emulator received it: name, bytes and caption. */
public record SentDocument(long chatId, int messageId, String fileName, byte[] content, Optional<String> caption) {
    public SentDocument {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(caption, "caption");
        content = content.clone();
    }

    /** A copy: the record stays as received whatever the caller does with the array. */
    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SentDocument that
                && chatId == that.chatId
                && messageId == that.messageId
                && fileName.equals(that.fileName)
                && Arrays.equals(content, that.content)
                && caption.equals(that.caption);
    }

    @Override
    public int hashCode() {
        return Objects.hash(chatId, messageId, fileName, Arrays.hashCode(content), caption);
    }

    @Override
    public String toString() {
        return "SentDocument[chatId=" + chatId + ", messageId=" + messageId + ", fileName=" + fileName + ", "
                + content.length + " bytes, caption=" + caption + "]";
    }
}

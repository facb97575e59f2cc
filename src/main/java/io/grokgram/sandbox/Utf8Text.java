package io.grokgram.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * UTF-8 bytes read the way TDLib's parsers read a C string: past the end there is a NUL. The markup parsers are ports
 * of TDLib code that works on bytes, and their error messages count bytes ("at byte offset 12"), so they keep the
 * byte view instead of Java's UTF-16 one.
 */
final class Utf8Text {
    private final byte[] bytes;
    private byte[] out;
    private int outLength;

    Utf8Text(String text) {
        this.bytes = text.getBytes(StandardCharsets.UTF_8);
        this.out = new byte[bytes.length + 8];
    }

    int size() {
        return bytes.length;
    }

    /** The unsigned byte at {@code i}, or 0 past the end. */
    int at(int i) {
        return i < bytes.length ? bytes[i] & 0xFF : 0;
    }

    String slice(int from, int to) {
        return new String(bytes, from, Math.max(0, to - from), StandardCharsets.UTF_8);
    }

    void write(int b) {
        if (outLength == out.length) {
            out = Arrays.copyOf(out, out.length * 2 + 8);
        }
        out[outLength++] = (byte) b;
    }

    void writeCodePoint(int code) {
        if (code < 0x80) {
            write(code);
        } else if (code < 0x800) {
            write(0xC0 | (code >> 6));
            write(0x80 | (code & 0x3F));
        } else if (code < 0x10000) {
            write(0xE0 | (code >> 12));
            write(0x80 | ((code >> 6) & 0x3F));
            write(0x80 | (code & 0x3F));
        } else {
            write(0xF0 | (code >> 18));
            write(0x80 | ((code >> 12) & 0x3F));
            write(0x80 | ((code >> 6) & 0x3F));
            write(0x80 | (code & 0x3F));
        }
    }

    int outLength() {
        return outLength;
    }

    int outAt(int i) {
        return out[i] & 0xFF;
    }

    String output() {
        return new String(out, 0, outLength, StandardCharsets.UTF_8);
    }

    String outputSlice(int from, int to) {
        return new String(out, from, to - from, StandardCharsets.UTF_8);
    }

    static boolean isFirstCodeUnit(int c) {
        return (c & 0xC0) != 0x80;
    }

    /** UTF-16 units of the character whose first UTF-8 byte is {@code c}: a 4-byte sequence is a surrogate pair. */
    static int utf16Units(int c) {
        return c >= 0xF0 ? 2 : 1;
    }

    /** TDLib's {@code is_space}: NUL counts, so scanning stops at the end of the text. */
    static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0 || c == 0x0B;
    }
}

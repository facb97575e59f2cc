package io.grokgram.sandbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code parse_mode=HTML}, ported from TDLib's {@code parse_html} so that the accepted tags, the entity decoding and
 * every error message ("Unsupported start tag \"p\" at byte offset 0") match Telegram. Tags may nest anywhere; the
 * rules about what may sit inside {@code code}/{@code pre} are applied afterwards by {@link TextNormalizer}, as in
 * Telegram. {@code <tg-time>} is accepted but yields no entity here (date_time entities are not emulated).
 */
final class HtmlMarkup {
    private static final Set<String> TAGS = Set.of(
            "a",
            "b",
            "strong",
            "i",
            "em",
            "s",
            "strike",
            "del",
            "u",
            "ins",
            "tg-spoiler",
            "tg-emoji",
            "tg-time",
            "span",
            "pre",
            "code",
            "blockquote");

    private HtmlMarkup() {}

    private static final class OpenTag {
        final String name;
        final String argument;
        final int entityOffset;
        final int entityBeginPos;

        OpenTag(String name, String argument, int entityOffset, int entityBeginPos) {
            this.name = name;
            this.argument = argument;
            this.entityOffset = entityOffset;
            this.entityBeginPos = entityBeginPos;
        }
    }

    static ParsedText parse(String input) {
        Utf8Text text = new Utf8Text(input);
        List<RawEntity> entities = new ArrayList<>();
        Deque<OpenTag> nested = new ArrayDeque<>();
        int utf16 = 0;
        boolean surrogateDecoded = false;
        int size = text.size();
        for (int i = 0; i < size; i++) {
            int c = text.at(i);
            if (c == '&') {
                long decoded = decodeEntity(text, i);
                if (decoded >= 0) {
                    int code = (int) (decoded >>> 32);
                    i = (int) decoded - 1;
                    utf16 += code > 0xFFFF ? 2 : 1;
                    surrogateDecoded |= code >= 0xD800 && code <= 0xDFFF;
                    text.writeCodePoint(code);
                    continue;
                }
            }
            if (c != '<') {
                if (Utf8Text.isFirstCodeUnit(c)) {
                    utf16 += Utf8Text.utf16Units(c);
                }
                text.write(c);
                continue;
            }
            int beginPos = i++;
            if (text.at(i) != '/') {
                i = openTag(text, i, beginPos, utf16, nested);
            } else {
                i = closeTag(text, i, beginPos, utf16, nested, entities);
            }
        }
        if (!nested.isEmpty()) {
            throw BotApiException.entities(
                    "Can't find end tag corresponding to start tag \"" + nested.peek().name + "\"");
        }
        for (RawEntity entity : entities) {
            if (entity.type == EntityType.CODE) {
                entity.argument = "";
            }
        }
        RawEntity.sort(entities);
        if (surrogateDecoded) {
            throw BotApiException.entities("Text contains invalid Unicode characters after decoding HTML entities,"
                    + " check for unmatched surrogate code units");
        }
        return new ParsedText(text.output(), entities);
    }

    /** Parses a start tag from just after '<'; returns the index of its closing '>'. */
    private static int openTag(Utf8Text text, int i, int beginPos, int utf16, Deque<OpenTag> nested) {
        while (!Utf8Text.isSpace(text.at(i)) && text.at(i) != '>') {
            i++;
        }
        if (text.at(i) == 0) {
            throw BotApiException.entities("Unclosed start tag at byte offset " + beginPos);
        }
        String tagName = text.slice(beginPos + 1, i).toLowerCase(Locale.ROOT);
        if (!TAGS.contains(tagName)) {
            throw BotApiException.entities("Unsupported start tag \"" + tagName + "\" at byte offset " + beginPos);
        }
        String argument = "";
        while (text.at(i) != '>') {
            while (text.at(i) != 0 && Utf8Text.isSpace(text.at(i))) {
                i++;
            }
            if (text.at(i) == '>') {
                break;
            }
            int attributeBegin = i;
            while (!Utf8Text.isSpace(text.at(i)) && "=>/\"'".indexOf(text.at(i)) < 0) {
                i++;
            }
            String attributeName = text.slice(attributeBegin, i);
            if (attributeName.isEmpty()) {
                throw BotApiException.entities(
                        "Empty attribute name in the tag \"" + tagName + "\" at byte offset " + beginPos);
            }
            while (text.at(i) != 0 && Utf8Text.isSpace(text.at(i))) {
                i++;
            }
            if (text.at(i) != '=') {
                if (text.at(i) == 0) {
                    throw BotApiException.entities("Unclosed start tag \"" + tagName + "\" at byte offset " + beginPos);
                }
                if (tagName.equals("blockquote") && attributeName.equals("expandable")) {
                    argument = "1";
                }
                continue;
            }
            i++;
            while (text.at(i) != 0 && Utf8Text.isSpace(text.at(i))) {
                i++;
            }
            if (text.at(i) == 0) {
                throw BotApiException.entities("Unclosed start tag \"" + tagName + "\" at byte offset " + beginPos);
            }
            StringBuilder value = new StringBuilder();
            i = attributeValue(text, i, value);
            if (text.at(i) == 0) {
                throw BotApiException.entities("Unclosed start tag at byte offset " + beginPos);
            }
            argument = argumentOf(tagName, attributeName, value.toString(), argument);
        }
        if (tagName.equals("span") && !argument.equals("spoiler")) {
            throw BotApiException.entities("Tag \"span\" must have class \"tg-spoiler\" at byte offset " + beginPos);
        }
        nested.push(new OpenTag(tagName, argument, utf16, text.outLength()));
        return i;
    }

    private static int attributeValue(Utf8Text text, int i, StringBuilder value) {
        if (text.at(i) != '\'' && text.at(i) != '"') {
            // a name token: letters, digits, periods and hyphens, case-insensitive
            int tokenBegin = i;
            while (Links.isAsciiAlnum(text.at(i)) || text.at(i) == '.' || text.at(i) == '-') {
                i++;
            }
            value.append(text.slice(tokenBegin, i).toLowerCase(Locale.ROOT));
            if (!Utf8Text.isSpace(text.at(i)) && text.at(i) != '>') {
                throw BotApiException.entities("Unexpected end of name token at byte offset " + tokenBegin);
            }
            return i;
        }
        int endCharacter = text.at(i++);
        int segmentBegin = i;
        while (text.at(i) != endCharacter && text.at(i) != 0) {
            if (text.at(i) == '&') {
                long decoded = decodeEntity(text, i);
                if (decoded >= 0) {
                    value.append(text.slice(segmentBegin, i));
                    value.appendCodePoint((int) (decoded >>> 32));
                    i = (int) decoded;
                    segmentBegin = i;
                    continue;
                }
            }
            i++;
        }
        value.append(text.slice(segmentBegin, i));
        if (text.at(i) == endCharacter) {
            i++;
        }
        return i;
    }

    private static String argumentOf(String tag, String attribute, String value, String current) {
        if (tag.equals("a") && attribute.equals("href")) {
            return value;
        } else if (tag.equals("code") && attribute.equals("class") && value.startsWith("language-")) {
            return value.substring(9);
        } else if (tag.equals("span") && attribute.equals("class") && value.startsWith("tg-")) {
            return value.substring(3);
        } else if (tag.equals("tg-emoji") && attribute.equals("emoji-id")) {
            return value;
        } else if (tag.equals("blockquote") && attribute.equals("expandable")) {
            return "1";
        }
        return current;
    }

    /** Parses an end tag from its '/'; returns the index of its '>'. */
    private static int closeTag(
            Utf8Text text, int i, int beginPos, int utf16, Deque<OpenTag> nested, List<RawEntity> entities) {
        if (nested.isEmpty()) {
            throw BotApiException.entities("Unexpected end tag at byte offset " + beginPos);
        }
        while (!Utf8Text.isSpace(text.at(i)) && text.at(i) != '>') {
            i++;
        }
        String endTagName = text.slice(beginPos + 2, i).toLowerCase(Locale.ROOT);
        while (Utf8Text.isSpace(text.at(i)) && text.at(i) != 0) {
            i++;
        }
        if (text.at(i) != '>') {
            throw BotApiException.entities("Unclosed end tag at byte offset " + beginPos);
        }
        OpenTag open = nested.peek();
        if (!endTagName.isEmpty() && !endTagName.equals(open.name)) {
            throw BotApiException.entities("Unmatched end tag at byte offset " + beginPos + ", expected \"</"
                    + open.name + ">\", found \"</" + endTagName + ">\"");
        }
        if (utf16 > open.entityOffset) {
            addEntity(text, open, utf16 - open.entityOffset, entities);
        }
        nested.pop();
        return i;
    }

    private static void addEntity(Utf8Text text, OpenTag open, int length, List<RawEntity> entities) {
        int offset = open.entityOffset;
        RawEntity last = entities.isEmpty() ? null : entities.getLast();
        switch (open.name) {
            case "i", "em" -> entities.add(new RawEntity(EntityType.ITALIC, offset, length));
            case "b", "strong" -> entities.add(new RawEntity(EntityType.BOLD, offset, length));
            case "s", "strike", "del" -> entities.add(new RawEntity(EntityType.STRIKETHROUGH, offset, length));
            case "u", "ins" -> entities.add(new RawEntity(EntityType.UNDERLINE, offset, length));
            case "tg-spoiler", "span" -> entities.add(new RawEntity(EntityType.SPOILER, offset, length));
            case "tg-emoji" -> {
                long id = parseLongOrZero(open.argument);
                if (id == 0) {
                    throw BotApiException.entities("Invalid custom emoji identifier specified");
                }
                entities.add(new RawEntity(EntityType.CUSTOM_EMOJI, offset, length, Long.toString(id)));
            }
            case "tg-time" -> {
                // date_time entities are not emulated; the text stays
            }
            case "a" -> {
                String url = open.argument.isEmpty()
                        ? text.outputSlice(open.entityBeginPos, text.outLength())
                        : open.argument;
                OptionalLong userId = Links.userId(url);
                if (userId.isPresent()) {
                    entities.add(
                            new RawEntity(EntityType.MENTION_NAME, offset, length, Long.toString(userId.getAsLong())));
                } else {
                    Links.checked(url)
                            .ifPresent(checked ->
                                    entities.add(new RawEntity(EntityType.TEXT_URL, offset, length, checked)));
                }
            }
            case "pre" -> {
                if (last != null
                        && last.type == EntityType.CODE
                        && last.offset == offset
                        && last.length == length
                        && !last.argument.isEmpty()) {
                    last.type = EntityType.PRE_CODE;
                } else {
                    entities.add(new RawEntity(EntityType.PRE, offset, length));
                }
            }
            case "code" -> {
                if (last != null
                        && last.type == EntityType.PRE
                        && last.offset == offset
                        && last.length == length
                        && !open.argument.isEmpty()) {
                    last.type = EntityType.PRE_CODE;
                    last.argument = open.argument;
                } else {
                    entities.add(new RawEntity(EntityType.CODE, offset, length, open.argument));
                }
            }
            case "blockquote" ->
                entities.add(new RawEntity(
                        open.argument.isEmpty() ? EntityType.BLOCKQUOTE : EntityType.EXPANDABLE_BLOCKQUOTE,
                        offset,
                        length));
            default -> throw new IllegalStateException("unexpected tag " + open.name);
        }
    }

    private static long parseLongOrZero(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * TDLib's {@code decode_html_entity}: {@code &lt; &gt; &amp; &quot;} and numeric references. Returns the code
     * point in the high half and the index after the reference in the low half, or -1 when this '&' is literal.
     */
    static long decodeEntity(Utf8Text text, int pos) {
        int end = pos + 1;
        long code = 0;
        if (text.at(pos + 1) == '#') {
            end++;
            if (text.at(pos + 2) == 'x') {
                end++;
                while (isHexDigit(text.at(end))) {
                    code = code * 16 + Character.digit(text.at(end++), 16);
                    code = Math.min(code, 0x7FFFFFFFL);
                }
            } else {
                while (text.at(end) >= '0' && text.at(end) <= '9') {
                    code = code * 10 + (text.at(end++) - '0');
                    code = Math.min(code, 0x7FFFFFFFL);
                }
            }
            if (code == 0 || code >= 0x10FFFF || end - pos >= 10) {
                return -1;
            }
        } else {
            while (Character.isLetter(text.at(end)) && text.at(end) < 128) {
                end++;
            }
            code = switch (text.slice(pos + 1, end)) {
                case "lt" -> '<';
                case "gt" -> '>';
                case "amp" -> '&';
                case "quot" -> '"';
                default -> 0;
            };
            if (code == 0) {
                return -1;
            }
        }
        int next = text.at(end) == ';' ? end + 1 : end;
        return (code << 32) | next;
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}

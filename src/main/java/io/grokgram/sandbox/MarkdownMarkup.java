package io.grokgram.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code parse_mode=MarkdownV2} and legacy {@code Markdown}, ported from TDLib's {@code parse_markdown_v2} and
 * {@code parse_markdown} with their error messages ("Character '.' is reserved and must be escaped with the preceding
 * '\\'", "Can't find end of Bold entity at byte offset 0"). Byte offsets in messages are UTF-8 offsets into the
 * source text, as Telegram reports them.
 */
final class MarkdownMarkup {
    private static final String RESERVED = "_*[]()~`>#+-=|{}.!\n";

    private MarkdownMarkup() {}

    private static final class Open {
        final EntityType type;
        String argument;
        final int entityOffset;
        final int entityByteOffset;
        final int entityBeginPos;

        Open(EntityType type, String argument, int entityOffset, int entityByteOffset, int entityBeginPos) {
            this.type = type;
            this.argument = argument;
            this.entityOffset = entityOffset;
            this.entityByteOffset = entityByteOffset;
            this.entityBeginPos = entityBeginPos;
        }
    }

    private static BotApiException reserved(int c) {
        return BotApiException.entities(
                "Character '" + (char) c + "' is reserved and must be escaped with the preceding '\\'");
    }

    private static BotApiException noEnd(Open open) {
        return BotApiException.entities(
                "Can't find end of " + open.type.tdName() + " entity at byte offset " + open.entityByteOffset);
    }

    static ParsedText parseV2(String input) {
        Utf8Text text = new Utf8Text(input);
        int size = text.size();
        List<RawEntity> entities = new ArrayList<>();
        List<Open> nested = new ArrayList<>();
        int utf16 = 0;
        boolean haveBlockquote = false;
        boolean canStartBlockquote = true;
        for (int i = 0; i < size; i++) {
            int c = text.at(i);
            if (c == '\\' && text.at(i + 1) > 0 && text.at(i + 1) <= 126) {
                i++;
                utf16 += 1;
                text.write(text.at(i));
                if (text.at(i) != '\r') {
                    canStartBlockquote = text.at(i) == '\n';
                }
                continue;
            }
            String reservedHere = RESERVED;
            if (!nested.isEmpty() && nested.getLast().type.isPre()) {
                reservedHere = "`";
            }
            if (reservedHere.indexOf(c) < 0) {
                if (Utf8Text.isFirstCodeUnit(c)) {
                    utf16 += Utf8Text.utf16Units(c);
                    if (c != '\r') {
                        canStartBlockquote = false;
                    }
                }
                text.write(c);
                continue;
            }
            if (!isEndOfEntity(text, i, c, nested, haveBlockquote)) {
                // begin of an entity
                EntityType type;
                String argument = "";
                int entityByteOffset = i;
                switch (c) {
                    case '_' -> {
                        if (text.at(i + 1) == '_') {
                            type = EntityType.UNDERLINE;
                            i++;
                        } else {
                            type = EntityType.ITALIC;
                        }
                    }
                    case '*' -> type = EntityType.BOLD;
                    case '~' -> type = EntityType.STRIKETHROUGH;
                    case '|' -> {
                        if (text.at(i + 1) != '|') {
                            throw reserved(c);
                        }
                        i++;
                        type = EntityType.SPOILER;
                    }
                    case '[' -> type = EntityType.TEXT_URL;
                    case '`' -> {
                        if (text.at(i + 1) == '`' && text.at(i + 2) == '`') {
                            i += 3;
                            type = EntityType.PRE;
                            int languageEnd = i;
                            while (!Utf8Text.isSpace(text.at(languageEnd)) && text.at(languageEnd) != '`') {
                                languageEnd++;
                            }
                            if (i != languageEnd && languageEnd < size && text.at(languageEnd) != '`') {
                                type = EntityType.PRE_CODE;
                                argument = text.slice(i, languageEnd);
                                i = languageEnd;
                            }
                            i = skipOneNewLine(text, i);
                            i--;
                        } else {
                            type = EntityType.CODE;
                        }
                    }
                    case '!' -> {
                        if (text.at(i + 1) != '[') {
                            throw reserved(c);
                        }
                        i++;
                        type = EntityType.CUSTOM_EMOJI;
                    }
                    case '\n' -> {
                        utf16 += 1;
                        text.write('\n');
                        canStartBlockquote = true;
                        type = null;
                    }
                    case '>' -> {
                        if (!canStartBlockquote) {
                            throw reserved(c);
                        }
                        if (haveBlockquote) {
                            type = null;
                        } else {
                            type = EntityType.BLOCKQUOTE;
                            haveBlockquote = true;
                        }
                    }
                    default -> throw reserved(c);
                }
                if (type != null) {
                    nested.add(new Open(type, argument, utf16, entityByteOffset, text.outLength()));
                }
                continue;
            }
            // end of an entity
            EntityType type = nested.getLast().type;
            if (c == '\n' && type != EntityType.BLOCKQUOTE) {
                Open last = nested.getLast();
                boolean spoilerRightBefore = last.entityByteOffset == i - 2
                        || (last.entityByteOffset == i - 3
                                && text.outLength() != 0
                                && text.outAt(text.outLength() - 1) == '\r');
                if (type != EntityType.SPOILER || !spoilerRightBefore) {
                    throw noEnd(last);
                }
                nested.removeLast();
                type = nested.getLast().type;
                if (type != EntityType.BLOCKQUOTE) {
                    throw noEnd(nested.getLast());
                }
                type = EntityType.EXPANDABLE_BLOCKQUOTE;
            }
            Open open = nested.getLast();
            String argument = open.argument;
            OptionalLong userId = OptionalLong.empty();
            boolean skipEntity = utf16 == open.entityOffset;
            switch (type) {
                case BOLD, ITALIC, CODE, STRIKETHROUGH -> {}
                case UNDERLINE, SPOILER -> i++;
                case PRE, PRE_CODE -> i += 2;
                case TEXT_URL -> {
                    String url;
                    if (text.at(i + 1) != '(') {
                        url = text.outputSlice(open.entityBeginPos, text.outLength());
                    } else {
                        i += 2;
                        int urlBegin = i;
                        StringBuilder bytes = new StringBuilder();
                        int segment = i;
                        while (i < size && text.at(i) != ')') {
                            if (text.at(i) == '\\' && text.at(i + 1) > 0 && text.at(i + 1) <= 126) {
                                bytes.append(text.slice(segment, i));
                                bytes.append((char) text.at(i + 1));
                                i += 2;
                                segment = i;
                                continue;
                            }
                            i++;
                        }
                        bytes.append(text.slice(segment, Math.min(i, size)));
                        if (text.at(i) != ')') {
                            throw BotApiException.entities("Can't find end of a URL at byte offset " + urlBegin);
                        }
                        url = bytes.toString();
                    }
                    userId = Links.userId(url);
                    if (userId.isEmpty()) {
                        var checked = Links.checked(url);
                        if (checked.isEmpty()) {
                            skipEntity = true;
                        } else {
                            argument = checked.get();
                        }
                    }
                }
                case CUSTOM_EMOJI -> {
                    if (text.at(i + 1) != '(') {
                        throw BotApiException.entities("The entity must contain a tg://emoji or tg://time URL");
                    }
                    i += 2;
                    int urlBegin = i;
                    StringBuilder url = new StringBuilder();
                    int segment = i;
                    while (i < size && text.at(i) != ')') {
                        if (text.at(i) == '\\' && text.at(i + 1) > 0 && text.at(i + 1) <= 126) {
                            url.append(text.slice(segment, i)).append((char) text.at(i + 1));
                            i += 2;
                            segment = i;
                            continue;
                        }
                        i++;
                    }
                    url.append(text.slice(segment, Math.min(i, size)));
                    if (text.at(i) != ')') {
                        throw BotApiException.entities("Can't find end of a URL at byte offset " + urlBegin);
                    }
                    OptionalLong emojiId = Links.customEmojiId(url.toString());
                    if (emojiId.isEmpty()) {
                        throw BotApiException.entities("Invalid tg://emoji or tg://time URL specified");
                    }
                    argument = Long.toString(emojiId.getAsLong());
                }
                case BLOCKQUOTE, EXPANDABLE_BLOCKQUOTE -> {
                    haveBlockquote = false;
                    text.write(text.at(i));
                    canStartBlockquote = true;
                    utf16 += 1;
                    skipEntity = false;
                }
                default -> throw new IllegalStateException("unexpected entity " + type);
            }
            if (!skipEntity) {
                int length = utf16 - open.entityOffset;
                if (userId.isPresent()) {
                    entities.add(new RawEntity(
                            EntityType.MENTION_NAME, open.entityOffset, length, Long.toString(userId.getAsLong())));
                } else {
                    entities.add(new RawEntity(type, open.entityOffset, length, argument));
                }
            }
            nested.removeLast();
        }
        if (haveBlockquote) {
            EntityType type = EntityType.BLOCKQUOTE;
            if (nested.getLast().type == EntityType.SPOILER && nested.getLast().entityByteOffset == size - 2) {
                nested.removeLast();
                type = EntityType.EXPANDABLE_BLOCKQUOTE;
            }
            if (nested.getLast().type == EntityType.BLOCKQUOTE) {
                Open open = nested.removeLast();
                int length = utf16 - open.entityOffset;
                if (length != 0) {
                    entities.add(new RawEntity(type, open.entityOffset, length));
                }
            }
        }
        if (!nested.isEmpty()) {
            throw noEnd(nested.getLast());
        }
        RawEntity.sort(entities);
        return new ParsedText(text.output(), entities);
    }

    private static boolean isEndOfEntity(Utf8Text text, int i, int c, List<Open> nested, boolean haveBlockquote) {
        if (nested.isEmpty()) {
            return false;
        }
        if (haveBlockquote && c == '\n' && (i + 1 == text.size() || text.at(i + 1) != '>')) {
            return true;
        }
        return switch (nested.getLast().type) {
            case BOLD -> c == '*';
            case ITALIC -> c == '_' && text.at(i + 1) != '_';
            case CODE -> c == '`';
            case PRE, PRE_CODE -> c == '`' && text.at(i + 1) == '`' && text.at(i + 2) == '`';
            case TEXT_URL, CUSTOM_EMOJI -> c == ']';
            case UNDERLINE -> c == '_' && text.at(i + 1) == '_';
            case STRIKETHROUGH -> c == '~';
            case SPOILER -> c == '|' && text.at(i + 1) == '|';
            case BLOCKQUOTE -> false;
            default -> throw new IllegalStateException("unexpected entity " + nested.getLast().type);
        };
    }

    /** Skips one line break (LF, CR, CRLF or LFCR) right after the opening of a code block. */
    private static int skipOneNewLine(Utf8Text text, int i) {
        if (text.at(i) == '\n' || text.at(i) == '\r') {
            if ((text.at(i + 1) == '\n' || text.at(i + 1) == '\r') && text.at(i) != text.at(i + 1)) {
                return i + 2;
            }
            return i + 1;
        }
        return i;
    }

    /** Legacy {@code Markdown}: bold, italic, code, pre and links only; nothing nests. */
    static ParsedText parseV1(String input) {
        Utf8Text text = new Utf8Text(input);
        int size = text.size();
        List<RawEntity> entities = new ArrayList<>();
        int utf16 = 0;
        for (int i = 0; i < size; i++) {
            int c = text.at(i);
            int next = text.at(i + 1);
            if (c == '\\' && (next == '_' || next == '*' || next == '`' || next == '[')) {
                i++;
                text.write(text.at(i));
                utf16++;
                continue;
            }
            if (c != '_' && c != '*' && c != '`' && c != '[') {
                if (Utf8Text.isFirstCodeUnit(c)) {
                    utf16 += Utf8Text.utf16Units(c);
                }
                text.write(c);
                continue;
            }
            int beginPos = i;
            int endCharacter = c == '[' ? ']' : c;
            boolean isPre = false;
            i++;
            String language = "";
            if (c == '`' && text.at(i) == '`' && text.at(i + 1) == '`') {
                i += 2;
                isPre = true;
                int languageEnd = i;
                while (!Utf8Text.isSpace(text.at(languageEnd)) && text.at(languageEnd) != '`') {
                    languageEnd++;
                }
                if (i != languageEnd && languageEnd < size && text.at(languageEnd) != '`') {
                    language = text.slice(i, languageEnd);
                    i = languageEnd;
                }
                i = skipOneNewLine(text, i);
            }
            int entityOffset = utf16;
            while (i < size
                    && (text.at(i) != endCharacter || (isPre && !(text.at(i + 1) == '`' && text.at(i + 2) == '`')))) {
                int current = text.at(i);
                if (Utf8Text.isFirstCodeUnit(current)) {
                    utf16 += Utf8Text.utf16Units(current);
                }
                text.write(current);
                i++;
            }
            if (i == size) {
                throw BotApiException.entities("Can't find end of the entity starting at byte offset " + beginPos);
            }
            if (entityOffset != utf16) {
                int length = utf16 - entityOffset;
                switch (c) {
                    case '_' -> entities.add(new RawEntity(EntityType.ITALIC, entityOffset, length));
                    case '*' -> entities.add(new RawEntity(EntityType.BOLD, entityOffset, length));
                    case '[' -> {
                        String url;
                        if (text.at(i + 1) != '(') {
                            url = text.slice(beginPos + 1, i);
                        } else {
                            i += 2;
                            int urlBegin = i;
                            while (i < size && text.at(i) != ')') {
                                i++;
                            }
                            url = text.slice(urlBegin, i);
                        }
                        OptionalLong userId = Links.userId(url);
                        if (userId.isPresent()) {
                            entities.add(new RawEntity(
                                    EntityType.MENTION_NAME, entityOffset, length, Long.toString(userId.getAsLong())));
                        } else {
                            Links.checked(url)
                                    .ifPresent(checked -> entities.add(
                                            new RawEntity(EntityType.TEXT_URL, entityOffset, length, checked)));
                        }
                    }
                    case '`' -> {
                        if (!isPre) {
                            entities.add(new RawEntity(EntityType.CODE, entityOffset, length));
                        } else if (language.isEmpty()) {
                            entities.add(new RawEntity(EntityType.PRE, entityOffset, length));
                        } else {
                            entities.add(new RawEntity(EntityType.PRE_CODE, entityOffset, length, language));
                        }
                    }
                    default -> throw new IllegalStateException("unexpected markup " + (char) c);
                }
            }
            if (isPre) {
                i += 2;
            }
        }
        return new ParsedText(text.output(), entities);
    }
}

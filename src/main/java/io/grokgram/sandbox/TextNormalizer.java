package io.grokgram.sandbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What Telegram does to every text before it becomes a message: a port of TDLib's {@code fix_formatted_text}, the
 * reason the Bot API accepts entity lists that overlap or nest oddly. It checks offsets and lengths (with TDLib's
 * error texts), drops empty entities, resolves nesting instead of refusing it (nothing survives inside
 * {@code code}/{@code pre}, links never intersect, bold/italic/… are split around them), replaces control characters
 * with spaces, removes {@code \r}, and trims leading and trailing spaces and newlines. Works on Java strings, whose
 * indices are the UTF-16 offsets entities use.
 */
final class TextNormalizer {
    private TextNormalizer() {}

    static ParsedText normalize(String text, List<RawEntity> input, boolean allowEmpty) {
        List<RawEntity> entities = new ArrayList<>();
        for (RawEntity entity : input) {
            entities.add(entity.copy());
        }
        String result;
        if (entities.isEmpty()) {
            result = clean(text, entities);
        } else {
            for (RawEntity entity : entities) {
                if (entity.offset < 0 || entity.offset > 1_000_000) {
                    throw BotApiException.tdlib("Receive an entity with incorrect offset " + entity.offset);
                }
                if (entity.length < 0 || entity.length > 1_000_000) {
                    throw BotApiException.tdlib("Receive an entity with incorrect length " + entity.length);
                }
            }
            entities.removeIf(e -> e.length == 0);
            fixEntities(entities);
            result = clean(text, entities);
        }
        entities.removeIf(e -> e.length <= 0);
        int lastNonWhitespace = -1;
        for (int i = result.length() - 1; i >= 0; i--) {
            if (result.charAt(i) != ' ' && result.charAt(i) != '\n') {
                lastNonWhitespace = i;
                break;
            }
        }
        if (lastNonWhitespace < 0) {
            if (allowEmpty) {
                return new ParsedText("", List.of());
            }
            throw BotApiException.tdlib("Text must be non-empty");
        }
        fixEntities(entities);
        return trim(result, entities, lastNonWhitespace);
    }

    private static ParsedText trim(String result, List<RawEntity> entities, int lastNonWhitespace) {
        int end = lastNonWhitespace + 1;
        String text = result.substring(0, end);
        int textEnd = end;
        entities.removeIf(e -> e.offset >= textEnd);
        for (RawEntity entity : entities) {
            if (entity.end() > textEnd) {
                entity.length = textEnd - entity.offset;
            }
        }
        RawEntity.sort(entities);
        int firstEntity = entities.isEmpty() ? text.length() : entities.getFirst().offset;
        int start = 0;
        while (start < firstEntity && (text.charAt(start) == ' ' || text.charAt(start) == '\n')) {
            start++;
        }
        if (start > 0) {
            text = text.substring(start);
            for (RawEntity entity : entities) {
                entity.offset -= start;
            }
        }
        return new ParsedText(text, entities);
    }

    /**
     * TDLib's {@code clean_input_string_with_entities}: checks every entity against the text, replaces control
     * characters by spaces and removes {@code \r} and a few invisible characters, moving entities to match.
     */
    private static String clean(String text, List<RawEntity> entities) {
        record Open(RawEntity entity, int skippedBefore) {}
        Deque<Open> stack = new ArrayDeque<>();
        StringBuilder result = new StringBuilder(text.length());
        int current = 0;
        int utf16 = 0;
        int skipped = 0;
        int bytePos = 0;
        for (int i = 0; ; ) {
            while (!stack.isEmpty()) {
                RawEntity entity = stack.peek().entity();
                if (utf16 < entity.end()) {
                    break;
                }
                if (utf16 != entity.end()) {
                    throw BotApiException.tdlib("Entity beginning at UTF-16 offset " + entity.offset
                            + " ends in a middle of a UTF-16 symbol at byte offset " + bytePos);
                }
                int skippedBefore = stack.pop().skippedBefore();
                entity.offset -= skippedBefore;
                entity.length -= skipped - skippedBefore;
            }
            while (current < entities.size() && utf16 >= entities.get(current).offset) {
                if (utf16 != entities.get(current).offset) {
                    throw BotApiException.tdlib(
                            "Entity begins in a middle of a UTF-16 symbol at byte offset " + bytePos);
                }
                stack.push(new Open(entities.get(current++), skipped));
            }
            if (i >= text.length()) {
                break;
            }
            int cp = text.codePointAt(i);
            int units = Character.charCount(cp);
            if (cp == '\r' || isRemoved(cp)) {
                skipped += units;
            } else if (cp < 32 && cp != '\n') {
                result.append(' ');
            } else {
                result.appendCodePoint(cp);
            }
            utf16 += units;
            bytePos += utf8Length(cp);
            i += units;
        }
        if (current != entities.size()) {
            throw BotApiException.tdlib(
                    "Entity begins after the end of the text at UTF-16 offset " + entities.get(current).offset);
        }
        if (!stack.isEmpty()) {
            RawEntity entity = stack.peek().entity();
            throw BotApiException.tdlib("Entity beginning at UTF-16 offset " + entity.offset
                    + " ends after the end of the text at UTF-16 offset " + entity.end());
        }
        return result.toString();
    }

    /** Line/paragraph separators, bidi embeddings and three combining marks TDLib strips. */
    private static boolean isRemoved(int cp) {
        return (cp >= 0x2028 && cp <= 0x202E) || cp == 0x0333 || cp == 0x033F || cp == 0x030A;
    }

    static int utf8Length(int cp) {
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }

    /** TDLib's {@code fix_entities}: sorts, and if the nesting is not valid, repairs it. */
    static void fixEntities(List<RawEntity> entities) {
        RawEntity.sort(entities);
        if (areValid(entities)) {
            return;
        }
        List<RawEntity> continuous = new ArrayList<>();
        List<RawEntity> blockquotes = new ArrayList<>();
        List<RawEntity> splittable = new ArrayList<>();
        for (RawEntity entity : entities) {
            if (entity.type.isSplittable()) {
                splittable.add(entity);
            } else if (entity.type.isBlockquote()) {
                blockquotes.add(entity);
            } else {
                continuous.add(entity);
            }
        }
        removeIntersecting(continuous);
        if (!blockquotes.isEmpty()) {
            removeIntersecting(blockquotes);
            removeIntersectingBlockquote(continuous, blockquotes);
            continuous.addAll(blockquotes);
            RawEntity.sort(continuous);
        }
        List<RawEntity> result = new ArrayList<>(continuous);
        if (!splittable.isEmpty()) {
            result.addAll(split(splittable, continuous));
            RawEntity.sort(result);
        }
        entities.clear();
        entities.addAll(result);
    }

    private static boolean areValid(List<RawEntity> entities) {
        int[] endPos = {-1, -1, -1, -1, -1};
        Deque<RawEntity> stack = new ArrayDeque<>();
        int mask = 0;
        int splittableMask = 0;
        int blockquoteMask = 0;
        int continuousMask = 0;
        for (EntityType type : EntityType.values()) {
            splittableMask |= type.isSplittable() ? type.mask() : 0;
            blockquoteMask |= type.isBlockquote() ? type.mask() : 0;
            continuousMask |= type.isContinuous() ? type.mask() : 0;
        }
        for (RawEntity entity : entities) {
            while (!stack.isEmpty() && entity.offset >= stack.peek().end()) {
                mask -= stack.pop().type.mask();
            }
            if (!stack.isEmpty()) {
                RawEntity parent = stack.peek();
                if (entity.end() > parent.end()
                        || (mask & entity.type.mask()) != 0
                        || parent.type.isPre()
                        || (entity.type.isPre() && (mask & ~blockquoteMask) != 0)
                        || ((entity.type.isContinuous() || entity.type.isBlockquote()) && (mask & continuousMask) != 0)
                        || (entity.type.isBlockquote() && (mask & blockquoteMask) != 0)
                        || (mask & splittableMask) != 0) {
                    return false;
                }
            }
            if (entity.type.isSplittable()) {
                int index = entity.type.splittableIndex();
                if (endPos[index] >= entity.offset) {
                    return false;
                }
                endPos[index] = entity.end();
            }
            stack.push(entity);
            mask += entity.type.mask();
        }
        return true;
    }

    /** Keeps only entities that intersect none kept before them, nested ones included. */
    private static void removeIntersecting(List<RawEntity> entities) {
        int lastEnd = 0;
        List<RawEntity> kept = new ArrayList<>();
        for (RawEntity entity : entities) {
            if (entity.offset >= lastEnd) {
                lastEnd = entity.end();
                kept.add(entity);
            }
        }
        entities.clear();
        entities.addAll(kept);
    }

    /** Block quotes may contain continuous entities but not cut through them. */
    private static void removeIntersectingBlockquote(List<RawEntity> entities, List<RawEntity> blockquotes) {
        int quote = 0;
        List<RawEntity> kept = new ArrayList<>();
        for (RawEntity entity : entities) {
            while (quote < blockquotes.size() && blockquotes.get(quote).end() <= entity.offset) {
                quote++;
            }
            if (quote < blockquotes.size()) {
                RawEntity q = blockquotes.get(quote);
                if (q.end() < entity.end() || (entity.offset < q.offset && q.offset < entity.end())) {
                    continue;
                }
            }
            kept.add(entity);
        }
        entities.clear();
        entities.addAll(kept);
    }

    /**
     * TDLib's {@code split_entities}: merges touching splittable entities of one type and cuts them at the borders of
     * the other entities; the pieces inside pre-like entities are dropped.
     */
    private static List<RawEntity> split(List<RawEntity> splittable, List<RawEntity> others) {
        Splitter splitter = new Splitter(splittable);
        Deque<RawEntity> stack = new ArrayDeque<>();
        for (RawEntity other : others) {
            splitter.addOffset(other.offset, stack);
            stack.push(other);
        }
        splitter.addOffset(Integer.MAX_VALUE, stack);
        return splitter.result;
    }

    private static final class Splitter {
        private static final EntityType[] TYPES = {
            EntityType.BOLD, EntityType.ITALIC, EntityType.UNDERLINE, EntityType.STRIKETHROUGH, EntityType.SPOILER
        };

        final List<RawEntity> splittable;
        final List<RawEntity> result = new ArrayList<>();
        final int[] begin = new int[TYPES.length];
        final int[] end = new int[TYPES.length];
        int next;

        Splitter(List<RawEntity> splittable) {
            this.splittable = splittable;
        }

        void addOffset(int offset, Deque<RawEntity> stack) {
            while (!stack.isEmpty() && offset >= stack.peek().end()) {
                int oldSize = result.size();
                addEntities(stack.peek().end());
                if (stack.peek().type.isPre()) {
                    result.subList(oldSize, result.size()).clear();
                }
                stack.pop();
            }
            addEntities(offset);
        }

        private void addEntities(int endOffset) {
            while (next < splittable.size()) {
                RawEntity entity = splittable.get(next);
                if (entity.offset >= endOffset) {
                    break;
                }
                int index = entity.type.splittableIndex();
                if (entity.offset <= end[index] && end[index] != 0) {
                    end[index] = Math.max(end[index], entity.end());
                } else {
                    flush(entity.offset);
                    begin[index] = entity.offset;
                    end[index] = entity.end();
                }
                next++;
            }
            flush(endOffset);
        }

        private void flush(int offset) {
            for (EntityType type : TYPES) {
                int index = type.splittableIndex();
                if (end[index] != 0 && begin[index] < offset) {
                    if (end[index] <= offset) {
                        result.add(new RawEntity(type, begin[index], end[index] - begin[index]));
                        begin[index] = 0;
                        end[index] = 0;
                    } else {
                        result.add(new RawEntity(type, begin[index], offset - begin[index]));
                        begin[index] = offset;
                    }
                }
            }
        }
    }
}

package io.grokgram.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The entities Telegram finds by itself in message text: bot commands and mentions (ported from TDLib's
 * {@code match_bot_commands} and {@code match_mentions}), hashtags and http(s) URLs (simplified: no bare domains, no
 * e-mail, phone or cashtag detection). Runs on user messages and on what the bot sends, as Telegram does.
 */
final class EntityFinder {
    private static final Set<String> SHORT_USERNAMES = Set.of("gif", "nft", "pic", "ufc", "vid");

    private EntityFinder() {}

    static List<RawEntity> find(String text) {
        List<RawEntity> found = new ArrayList<>();
        findMentions(text, found);
        findBotCommands(text, found);
        findHashtags(text, found);
        findUrls(text, found);
        RawEntity.sort(found);
        List<RawEntity> result = new ArrayList<>();
        int lastEnd = 0;
        for (RawEntity entity : found) {
            if (entity.offset >= lastEnd) {
                result.add(entity);
                lastEnd = entity.end();
            }
        }
        return result;
    }

    /** Adds found entities that do not collide with the sender's own continuous, pre or block quote entities. */
    static void merge(String text, List<RawEntity> entities) {
        for (RawEntity candidate : find(text)) {
            boolean collides = false;
            for (RawEntity existing : entities) {
                boolean intersects = candidate.offset < existing.end() && existing.offset < candidate.end();
                if (!intersects || existing.type.isSplittable()) {
                    continue;
                }
                boolean inside = existing.offset <= candidate.offset && candidate.end() <= existing.end();
                if (!existing.type.isBlockquote() || !inside) {
                    collides = true;
                    break;
                }
            }
            if (!collides) {
                entities.add(candidate);
            }
        }
        TextNormalizer.fixEntities(entities);
    }

    private static boolean isWord(int cp) {
        return Character.isLetterOrDigit(cp) || cp == '_';
    }

    private static boolean isUsernameChar(char c) {
        return Links.isAsciiAlnum(c) || c == '_';
    }

    private static boolean wordBefore(String text, int i) {
        return i > 0 && isWord(text.codePointBefore(i));
    }

    private static boolean wordAt(String text, int i) {
        return i < text.length() && isWord(text.codePointAt(i));
    }

    private static void findMentions(String text, List<RawEntity> found) {
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            if (wordBefore(text, at)) {
                continue;
            }
            int end = at + 1;
            while (end < text.length() && isUsernameChar(text.charAt(end))) {
                end++;
            }
            int size = end - at - 1;
            if (size < 2 || size > 32 || wordAt(text, end)) {
                continue;
            }
            if (size < 4
                    && !SHORT_USERNAMES.contains(text.substring(at + 1, end).toLowerCase(java.util.Locale.ROOT))) {
                continue;
            }
            found.add(new RawEntity(EntityType.MENTION, at, end - at));
        }
    }

    private static void findBotCommands(String text, List<RawEntity> found) {
        for (int slash = text.indexOf('/'); slash >= 0; slash = text.indexOf('/', slash + 1)) {
            if (slash > 0) {
                int prev = text.codePointBefore(slash);
                if (isWord(prev) || prev == '/' || prev == '<' || prev == '>') {
                    continue;
                }
            }
            int end = slash + 1;
            while (end < text.length() && isUsernameChar(text.charAt(end))) {
                end++;
            }
            int size = end - slash - 1;
            if (size < 1 || size > 64) {
                continue;
            }
            if (end < text.length() && text.charAt(end) == '@') {
                int mentionEnd = end + 1;
                while (mentionEnd < text.length() && isUsernameChar(text.charAt(mentionEnd))) {
                    mentionEnd++;
                }
                int mentionSize = mentionEnd - end - 1;
                if (mentionSize < 3 || mentionSize > 32) {
                    continue;
                }
                end = mentionEnd;
            }
            if (end < text.length()) {
                int next = text.codePointAt(end);
                if (isWord(next) || next == '/' || next == '<' || next == '>') {
                    continue;
                }
            }
            found.add(new RawEntity(EntityType.BOT_COMMAND, slash, end - slash));
        }
    }

    private static void findHashtags(String text, List<RawEntity> found) {
        for (int hash = text.indexOf('#'); hash >= 0; hash = text.indexOf('#', hash + 1)) {
            if (wordBefore(text, hash)) {
                continue;
            }
            int end = hash + 1;
            boolean hasNonDigit = false;
            while (end < text.length() && isWord(text.codePointAt(end))) {
                hasNonDigit |= !Character.isDigit(text.codePointAt(end));
                end += Character.charCount(text.codePointAt(end));
            }
            if (end > hash + 1 && hasNonDigit && end - hash - 1 <= 256) {
                found.add(new RawEntity(EntityType.HASHTAG, hash, end - hash));
            }
        }
    }

    private static void findUrls(String text, List<RawEntity> found) {
        int from = 0;
        while (true) {
            int start = indexOfScheme(text, from);
            if (start < 0) {
                return;
            }
            int end = start;
            while (end < text.length()
                    && !Character.isWhitespace(text.charAt(end))
                    && "<>\"".indexOf(text.charAt(end)) < 0) {
                end++;
            }
            while (end > start && ".,;:!?)]}'".indexOf(text.charAt(end - 1)) >= 0) {
                end--;
            }
            String candidate = text.substring(start, end);
            if (!wordBefore(text, start)
                    && Links.checked(candidate).isPresent()
                    && candidate.indexOf("://") + 3 < end - start) {
                found.add(new RawEntity(EntityType.URL, start, end - start));
            }
            from = Math.max(end, start + 1);
        }
    }

    private static int indexOfScheme(String text, int from) {
        int http = text.indexOf("http://", from);
        int https = text.indexOf("https://", from);
        if (http < 0) {
            return https;
        }
        return https < 0 ? http : Math.min(http, https);
    }
}

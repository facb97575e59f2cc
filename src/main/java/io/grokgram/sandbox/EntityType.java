package io.grokgram.sandbox;

/**
 * Message entity types as TDLib models them behind the Bot API. The priority orders entities that share offset and
 * length (TDLib's {@code MessageEntity::get_type_priority}), which decides the order Telegram returns them in; the
 * TDLib name appears in parse errors ("Can't find end of Bold entity at byte offset 3").
 */
enum EntityType {
    MENTION("mention", "Mention", 50, Nesting.CONTINUOUS),
    HASHTAG("hashtag", "Hashtag", 50, Nesting.CONTINUOUS),
    BOT_COMMAND("bot_command", "BotCommand", 50, Nesting.CONTINUOUS),
    URL("url", "Url", 50, Nesting.CONTINUOUS),
    EMAIL("email", "EmailAddress", 50, Nesting.CONTINUOUS),
    BOLD("bold", "Bold", 90, Nesting.SPLITTABLE),
    ITALIC("italic", "Italic", 91, Nesting.SPLITTABLE),
    CODE("code", "Code", 20, Nesting.PRE),
    PRE("pre", "Pre", 11, Nesting.PRE),
    PRE_CODE("pre", "PreCode", 10, Nesting.PRE),
    TEXT_URL("text_link", "TextUrl", 49, Nesting.CONTINUOUS),
    MENTION_NAME("text_mention", "MentionName", 49, Nesting.CONTINUOUS),
    CASHTAG("cashtag", "Cashtag", 50, Nesting.CONTINUOUS),
    UNDERLINE("underline", "Underline", 92, Nesting.SPLITTABLE),
    STRIKETHROUGH("strikethrough", "Strikethrough", 93, Nesting.SPLITTABLE),
    BLOCKQUOTE("blockquote", "BlockQuote", 0, Nesting.BLOCKQUOTE),
    SPOILER("spoiler", "Spoiler", 94, Nesting.SPLITTABLE),
    CUSTOM_EMOJI("custom_emoji", "CustomEmoji", 99, Nesting.CONTINUOUS),
    EXPANDABLE_BLOCKQUOTE("expandable_blockquote", "ExpandableBlockQuote", 0, Nesting.BLOCKQUOTE);

    /**
     * How an entity may nest: splittable ones (bold…) are cut around others, continuous ones (links, code) never
     * intersect each other, pre-like ones contain nothing, block quotes contain anything but another quote.
     */
    enum Nesting {
        SPLITTABLE,
        CONTINUOUS,
        PRE,
        BLOCKQUOTE
    }

    private final String wireName;
    private final String tdName;
    private final int priority;
    private final Nesting nesting;

    EntityType(String wireName, String tdName, int priority, Nesting nesting) {
        this.wireName = wireName;
        this.tdName = tdName;
        this.priority = priority;
        this.nesting = nesting;
    }

    String wireName() {
        return wireName;
    }

    String tdName() {
        return tdName;
    }

    int priority() {
        return priority;
    }

    boolean isSplittable() {
        return nesting == Nesting.SPLITTABLE;
    }

    boolean isBlockquote() {
        return nesting == Nesting.BLOCKQUOTE;
    }

    boolean isPre() {
        return nesting == Nesting.PRE;
    }

    /** Links, mentions, custom emoji: never intersect each other. Pre-like entities are a kind of their own. */
    boolean isContinuous() {
        return nesting == Nesting.CONTINUOUS;
    }

    int mask() {
        return 1 << ordinal();
    }

    /** Index among the splittable types, used to merge touching entities of one type. */
    int splittableIndex() {
        return switch (this) {
            case BOLD -> 0;
            case ITALIC -> 1;
            case UNDERLINE -> 2;
            case STRIKETHROUGH -> 3;
            case SPOILER -> 4;
            default -> throw new IllegalStateException(this + " is not splittable");
        };
    }
}

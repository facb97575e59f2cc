package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * A message text from request parameters to what Telegram stores, in Telegram's two phases and order. First what the
 * Bot API server checks before it looks at the chat ({@link #parse}): the parse mode, or the JSON of {@code entities}
 * (which is ignored when a parse mode is given: the server only reads {@code entities} when there is no parse mode,
 * Client.cpp {@code get_formatted_text}). Then what TDLib checks while sending ({@link #finish}): entity URLs, offsets,
 * nesting, trimming, auto-detected entities.
 */
final class MessageText {
    /** Telegram's limit for a message or draft text after entity parsing; we count UTF-16 code units. */
    static final int MAX_LENGTH = 4096;

    private MessageText() {}

    /** Visible text and its entities, ready to be stored and sent back. */
    record Final(String text, List<MessageEntity> entities) {
        Final {
            entities = List.copyOf(entities);
        }
    }

    static ParsedText parse(String text, String parseMode, String entitiesJson) {
        if (text.getBytes(StandardCharsets.UTF_8).length > (1 << 15)) {
            throw BotApiException.badRequest("text is too long");
        }
        String mode = parseMode.toLowerCase(Locale.ROOT);
        if (!text.isEmpty() && !mode.isEmpty() && !mode.equals("none")) {
            checkUtf8(text);
            return switch (mode) {
                case "markdown" -> MarkdownMarkup.parseV1(text);
                case "markdownv2" -> MarkdownMarkup.parseV2(text);
                case "html" -> HtmlMarkup.parse(text);
                default -> throw BotApiException.badRequest("unsupported parse_mode");
            };
        }
        return new ParsedText(text, inputEntities(entitiesJson));
    }

    /** The {@code text} of sendMessage and editMessageText: unlike a caption or a draft, it must not be empty. */
    static ParsedText parseText(Params params) {
        String text = params.arg("text");
        if (text.isEmpty()) {
            throw BotApiException.badRequest("message text is empty");
        }
        return parse(text, params.arg("parse_mode"), params.arg("entities"));
    }

    /** The length limit for a message or draft text, checked after {@link #finish} as TDLib does. */
    static void checkLength(Final message) {
        if (message.text().length() > MAX_LENGTH) {
            throw BotApiException.badRequest("message is too long");
        }
    }

    static Final finish(ParsedText parsed, boolean allowEmpty, boolean detectEntities) {
        checkUtf8(parsed.text());
        List<RawEntity> entities = new ArrayList<>();
        for (RawEntity entity : parsed.entities()) {
            RawEntity checked = checkArgument(entity.copy());
            entities.add(checked);
        }
        ParsedText normalized = TextNormalizer.normalize(parsed.text(), entities, allowEmpty);
        List<RawEntity> result = new ArrayList<>(normalized.entities());
        if (detectEntities) {
            EntityFinder.merge(normalized.text(), result);
        }
        return new Final(
                normalized.text(), result.stream().map(MessageEntity::from).toList());
    }

    /** TDLib's per-entity checks when it converts Bot API entities: valid links, non-zero custom emoji ids. */
    private static RawEntity checkArgument(RawEntity entity) {
        if (entity.type == EntityType.TEXT_URL) {
            OptionalLong userId = Links.userId(entity.argument);
            if (userId.isPresent()) {
                entity.type = EntityType.MENTION_NAME;
                entity.argument = Long.toString(userId.getAsLong());
                return entity;
            }
            switch (Links.check(entity.argument)) {
                case Links.Checked.Valid(String url) -> entity.argument = url;
                case Links.Checked.Invalid(String reason) ->
                    throw BotApiException.tdlib("Entity " + Links.invalidMessage(entity.argument, reason));
            }
        }
        if (entity.type == EntityType.CUSTOM_EMOJI && entity.argument.equals("0")) {
            throw BotApiException.tdlib("Invalid custom emoji identifier specified");
        }
        return entity;
    }

    private static void checkUtf8(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw BotApiException.tdlib("Strings must be encoded in UTF-8");
            }
        }
    }

    /**
     * The {@code entities} parameter as the Bot API server reads it: unparsable JSON or a non-array is ignored, each
     * element must be an object with offset, length and a known type; auto-detectable types (mention, url, …) are
     * dropped because Telegram finds those itself.
     */
    static List<RawEntity> inputEntities(String json) {
        List<RawEntity> entities = new ArrayList<>();
        if (json.isEmpty()) {
            return entities;
        }
        JsonNode array = Json.parseOrNull(json);
        if (array == null || !array.isArray()) {
            return entities;
        }
        for (JsonNode element : array) {
            try {
                RawEntity entity = inputEntity(element);
                if (entity != null) {
                    entities.add(entity);
                }
            } catch (JsonFields.FieldException e) {
                throw BotApiException.badRequest("can't parse MessageEntity: " + e.getMessage());
            }
        }
        return entities;
    }

    private static RawEntity inputEntity(JsonNode element) {
        if (!element.isObject()) {
            throw new JsonFields.FieldException("expected an Object");
        }
        int offset = JsonFields.requiredInt(element, "offset");
        int length = JsonFields.requiredInt(element, "length");
        String type = JsonFields.requiredString(element, "type");
        return switch (type) {
            case "" -> throw new JsonFields.FieldException("Type is not specified");
            case "bold" -> new RawEntity(EntityType.BOLD, offset, length);
            case "italic" -> new RawEntity(EntityType.ITALIC, offset, length);
            case "underline" -> new RawEntity(EntityType.UNDERLINE, offset, length);
            case "strikethrough" -> new RawEntity(EntityType.STRIKETHROUGH, offset, length);
            case "spoiler" -> new RawEntity(EntityType.SPOILER, offset, length);
            case "code" -> new RawEntity(EntityType.CODE, offset, length);
            case "pre" -> {
                String language = JsonFields.optionalString(element, "language");
                yield language.isEmpty()
                        ? new RawEntity(EntityType.PRE, offset, length)
                        : new RawEntity(EntityType.PRE_CODE, offset, length, language);
            }
            case "text_link" ->
                new RawEntity(EntityType.TEXT_URL, offset, length, JsonFields.requiredString(element, "url"));
            case "text_mention" -> {
                JsonNode user = JsonFields.requiredObject(element, "user");
                yield new RawEntity(
                        EntityType.MENTION_NAME, offset, length, Long.toString(JsonFields.requiredLong(user, "id")));
            }
            case "custom_emoji" ->
                new RawEntity(
                        EntityType.CUSTOM_EMOJI,
                        offset,
                        length,
                        Long.toString(JsonFields.requiredLong(element, "custom_emoji_id")));
            case "blockquote" -> new RawEntity(EntityType.BLOCKQUOTE, offset, length);
            case "expandable_blockquote" -> new RawEntity(EntityType.EXPANDABLE_BLOCKQUOTE, offset, length);
            case "mention", "hashtag", "cashtag", "bot_command", "url", "email", "phone_number", "bank_card_number" ->
                null;
            default -> throw new JsonFields.FieldException("Unsupported type specified");
        };
    }
}

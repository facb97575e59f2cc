package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Reads fields of JSON objects nested in parameters (entities, reply markup, reply parameters, commands) with the
 * semantics and error texts of TDLib's {@code JsonObject}: numbers may come as strings, strings may come as numbers,
 * a {@code null} value is a type error, a missing required field is "Can't find field \"x\"".
 */
final class JsonFields {
    private JsonFields() {}

    /** A field-level failure; callers prefix it ("Can't parse MessageEntity: …"). */
    static final class FieldException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FieldException(String message) {
            super(message, null, false, false);
        }
    }

    static int requiredInt(JsonNode object, String name) {
        JsonNode value = require(object, name);
        return (int) integer(name, value, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    static Optional<Integer> optionalInt(JsonNode object, String name) {
        JsonNode value = object.get(name);
        return value == null
                ? Optional.empty()
                : Optional.of((int) integer(name, value, Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    static long requiredLong(JsonNode object, String name) {
        return integer(name, require(object, name), Long.MIN_VALUE, Long.MAX_VALUE);
    }

    static String requiredString(JsonNode object, String name) {
        return string(name, require(object, name));
    }

    static String optionalString(JsonNode object, String name) {
        JsonNode value = object.get(name);
        return value == null ? "" : string(name, value);
    }

    static boolean optionalBool(JsonNode object, String name) {
        JsonNode value = object.get(name);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new FieldException("Field \"" + name + "\" must be of type Boolean");
        }
        return value.booleanValue();
    }

    static JsonNode requiredObject(JsonNode object, String name) {
        JsonNode value = require(object, name);
        if (!value.isObject()) {
            throw new FieldException("Field \"" + name + "\" must be of type Object");
        }
        return value;
    }

    private static JsonNode require(JsonNode object, String name) {
        JsonNode value = object.get(name);
        if (value == null) {
            throw new FieldException("Can't find field \"" + name + "\"");
        }
        return value;
    }

    private static long integer(String name, JsonNode value, long min, long max) {
        String text;
        if (value.isTextual()) {
            text = value.textValue();
        } else if (value.isNumber()) {
            text = value.asText();
        } else {
            throw new FieldException("Field \"" + name + "\" must be a Number");
        }
        try {
            long parsed = Long.parseLong(text);
            if (parsed < min || parsed > max) {
                throw new NumberFormatException(text);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new FieldException("Field \"" + name + "\" must be a valid Number");
        }
    }

    private static String string(String name, JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isNumber()) {
            return value.asText();
        }
        throw new FieldException("Field \"" + name + "\" must be of type String");
    }
}

package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Request parameters the way the Bot API server holds them: every value a string, the first occurrence winning, query
 * string before body. A JSON body contributes its top-level fields — strings as they are, anything else (numbers,
 * booleans, objects, arrays, null) as its JSON text — so {@code "entities":[…]} in JSON and {@code entities=[…]} in a
 * form arrive identically. Scalars are then read as leniently as Telegram reads them ({@link #integer}, {@link #bool}).
 */
final class Params {
    private final Map<String, String> values;
    private final Map<String, Upload> files;

    /** A file part of a multipart/form-data request: how Telegram receives uploads. */
    record Upload(String fileName, String contentType, byte[] content) {}

    private Params(Map<String, String> values, Map<String, Upload> files) {
        this.values = values;
        this.files = files;
    }

    static Params of(Map<String, String> values) {
        return new Params(new LinkedHashMap<>(values), Map.of());
    }

    static Params from(Context ctx) {
        Map<String, String> values = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((name, list) -> putFirst(values, name, list));
        String contentType = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        Map<String, Upload> files = new LinkedHashMap<>();
        if (contentType.contains("application/x-www-form-urlencoded") || contentType.contains("multipart/form-data")) {
            ctx.formParamMap().forEach((name, list) -> putFirst(values, name, list));
        }
        if (contentType.contains("multipart/form-data")) {
            ctx.uploadedFileMap().forEach((name, list) -> {
                if (!list.isEmpty() && !files.containsKey(name)) {
                    files.put(name, upload(list.getFirst()));
                }
            });
        } else if (!contentType.contains("application/x-www-form-urlencoded")) {
            String body = ctx.body();
            if (!body.isBlank()) {
                // Telegram ignores a body it cannot parse as a JSON object; the call then fails on a missing parameter
                JsonNode json = Json.parseOrNull(body);
                if (json != null && json.isObject()) {
                    json.properties().forEach(field -> values.putIfAbsent(field.getKey(), scalar(field.getValue())));
                }
            }
        }
        return new Params(values, files);
    }

    private static Upload upload(UploadedFile file) {
        try (InputStream in = file.content()) {
            return new Upload(
                    file.filename() == null ? "" : file.filename(),
                    file.contentType() == null ? "" : file.contentType(),
                    in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded file " + file.filename(), e);
        }
    }

    /** The file uploaded under {@code name}, if the request was multipart and had one. */
    Optional<Upload> file(String name) {
        return Optional.ofNullable(files.get(name));
    }

    private static void putFirst(Map<String, String> values, String name, List<String> list) {
        if (!list.isEmpty()) {
            values.putIfAbsent(name, list.getFirst());
        }
    }

    private static String scalar(JsonNode value) {
        return value.isTextual() ? value.textValue() : Json.write(value);
    }

    /** The value, or "" when absent — Telegram does not distinguish the two. */
    String arg(String name) {
        return values.getOrDefault(name, "");
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** {@code get_integer_arg}: absent means the default; anything else is read leniently and clamped. */
    int integer(String name, int defaultValue, int min, int max) {
        String value = arg(name);
        long parsed = value.isEmpty() ? defaultValue : toInt(value);
        return Math.clamp(parsed, min, max);
    }

    long longArg(String name) {
        return toLong(arg(name));
    }

    boolean bool(String name) {
        return toBool(arg(name));
    }

    /** {@code td::to_integer<int32>}: an optional minus and leading digits; garbage reads as 0. */
    static int toInt(String value) {
        long parsed = toLong(value);
        return parsed > Integer.MAX_VALUE || parsed < Integer.MIN_VALUE ? Integer.MIN_VALUE : (int) parsed;
    }

    static long toLong(String value) {
        int i = 0;
        boolean negative = false;
        if (!value.isEmpty() && value.charAt(0) == '-') {
            negative = true;
            i = 1;
        }
        long result = 0;
        for (; i < value.length() && Character.isDigit(value.charAt(i)) && value.charAt(i) < 128; i++) {
            if (result > (Long.MAX_VALUE - 9) / 10) {
                return Long.MIN_VALUE;
            }
            result = result * 10 + (value.charAt(i) - '0');
        }
        return negative ? -result : result;
    }

    /** Client.cpp {@code to_bool}: true, yes or 1, case-insensitive. */
    static boolean toBool(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return v.equals("true") || v.equals("yes") || v.equals("1");
    }
}

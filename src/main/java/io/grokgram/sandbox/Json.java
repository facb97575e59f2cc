package io.grokgram.sandbox;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/** The sandbox's one Jackson mapper (thread-safe once configured) and a lenient parse for recording. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /** The body as JSON, or empty when there is none or it does not parse. */
    static Optional<JsonNode> parse(byte[] body) {
        if (body.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(MAPPER.readTree(body));
        } catch (JacksonException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("reading JSON from a byte array cannot fail with I/O", e);
        }
    }
}

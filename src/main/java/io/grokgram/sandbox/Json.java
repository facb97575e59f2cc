package io.grokgram.sandbox;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;

/** The sandbox's one Jackson mapper (thread-safe once configured) and the few helpers every wire shape needs. */
final class Json {
    /**
     * Buffers come from one shared, bounded pool rather than Jackson's default per-thread cache: every request and
     * every simulated user runs on a virtual thread of its own, and a per-thread cache kept about 8 KiB of buffers alive
     * per live thread (over 100 MiB with 10,000 bench users) while recycling nothing for the short-lived ones. Bounded,
     * because an unbounded pool grows to the peak number of parsers at once and keeps them.
     */
    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.sharedBoundedPool())
            .build());

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** The tree, or null when the text is not JSON; Telegram ignores or rejects such parameters per field. */
    static JsonNode parseOrNull(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

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

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + node.getNodeType(), e);
        }
    }
}

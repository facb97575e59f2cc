package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/**
 * Writes an answer the way OpenAI-compatible services do: a {@code chat.completion} object, or a stream of {@code
 * chat.completion.chunk} server-sent events ending with {@code data: [DONE]}.
 *
 * <p>Waits are real sleeps on the request's virtual thread: pacing in real time is the point of a stand-in.
 */
final class CompletionWriter {
    private static final String FINGERPRINT = "fp_grokgram_test";

    /** One answer, ready to send. {@code cutPercent} drops the connection after that share of the text. */
    record Reply(
            String id,
            long created,
            String model,
            String text,
            String finishReason,
            ObjectNode usage,
            boolean includeUsage,
            Pace pace,
            OptionalInt cutPercent,
            List<ToolScript.Call> toolCalls) {
        Reply {
            toolCalls = List.copyOf(toolCalls);
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(finishReason, "finishReason");
            Objects.requireNonNull(usage, "usage");
            Objects.requireNonNull(pace, "pace");
            Objects.requireNonNull(cutPercent, "cutPercent");
        }
    }

    private CompletionWriter() {}

    static void json(Context ctx, Reply reply) throws InterruptedException {
        sleep(reply.pace().firstTokenDelay());
        if (reply.cutPercent().isPresent()) {
            drop(ctx);
            return;
        }
        ObjectNode message = Json.MAPPER.createObjectNode();
        message.put("role", "assistant");
        message.put("content", reply.text());
        message.putNull("refusal");
        if (!reply.toolCalls().isEmpty()) {
            message.putNull("content");
            ArrayNode calls = message.putArray("tool_calls");
            for (int i = 0; i < reply.toolCalls().size(); i++) {
                ObjectNode call = reply.toolCalls().get(i).json(i);
                call.remove("index");
                calls.add(call);
            }
        }
        ObjectNode choice = Json.MAPPER.createObjectNode();
        choice.put("index", 0);
        choice.set("message", message);
        choice.put("finish_reason", reply.finishReason());
        ObjectNode body = envelope(reply, "chat.completion");
        body.putArray("choices").add(choice);
        body.set("usage", reply.usage());
        ctx.status(200).contentType("application/json").result(body.toString());
    }

    /** The role first, content in paced pieces, the finish reason on an empty delta, usage, then [DONE]. */
    static void stream(Context ctx, Reply reply) throws IOException, InterruptedException {
        ctx.status(200);
        ctx.contentType("text/event-stream; charset=utf-8");
        ctx.header("Cache-Control", "no-cache");
        // The servlet stream, not Javalin's result: no buffering or compression between us and the client.
        OutputStream out = ctx.res().getOutputStream();
        ObjectNode first = Json.MAPPER.createObjectNode();
        first.put("role", "assistant");
        first.put("content", "");
        event(out, chunk(reply, first, null));
        List<String> pieces = pieces(visibleText(reply), reply.pace().charsPerChunk());
        sleep(reply.pace().firstTokenDelay());
        for (int i = 0; i < reply.toolCalls().size(); i++) {
            // as OpenAI streams them: the id and name first, then the arguments in a later delta of the same index
            ObjectNode opening = reply.toolCalls().get(i).json(i);
            String arguments = opening.path("function").path("arguments").asText();
            ((ObjectNode) opening.path("function")).put("arguments", "");
            ObjectNode delta = Json.MAPPER.createObjectNode();
            delta.putArray("tool_calls").add(opening);
            event(out, chunk(reply, delta, null));
            ObjectNode rest = Json.MAPPER.createObjectNode();
            ObjectNode more = rest.putArray("tool_calls").addObject();
            more.put("index", i);
            more.putObject("function").put("arguments", arguments);
            event(out, chunk(reply, rest, null));
        }
        for (int i = 0; i < pieces.size(); i++) {
            if (i > 0) {
                sleep(reply.pace().chunkDelay());
            }
            ObjectNode delta = Json.MAPPER.createObjectNode();
            delta.put("content", pieces.get(i));
            event(out, chunk(reply, delta, null));
        }
        if (reply.cutPercent().isPresent()) {
            // Let the client take in what was sent before the connection fails: the JDK's HTTP client drops
            // unread body data once it learns of an error, which would make the cut point depend on timing.
            Thread.sleep(200);
            drop(ctx);
            return;
        }
        event(out, chunk(reply, Json.MAPPER.createObjectNode(), reply.finishReason()));
        if (reply.includeUsage()) {
            ObjectNode last = envelope(reply, "chat.completion.chunk");
            last.putArray("choices");
            last.set("usage", reply.usage());
            event(out, last.toString());
        }
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static ObjectNode usage(int prompt, int cached, int completion, int reasoning) {
        ObjectNode usage = Json.MAPPER.createObjectNode();
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", completion);
        // xAI counts reasoning outside completion_tokens, and total includes it (see the xAI reference).
        usage.put("total_tokens", prompt + completion + reasoning);
        ObjectNode promptDetails = usage.putObject("prompt_tokens_details");
        promptDetails.put("text_tokens", prompt);
        promptDetails.put("audio_tokens", 0);
        promptDetails.put("image_tokens", 0);
        promptDetails.put("cached_tokens", cached);
        ObjectNode completionDetails = usage.putObject("completion_tokens_details");
        completionDetails.put("reasoning_tokens", reasoning);
        completionDetails.put("audio_tokens", 0);
        completionDetails.put("accepted_prediction_tokens", 0);
        completionDetails.put("rejected_prediction_tokens", 0);
        usage.put("num_sources_used", 0);
        return usage;
    }

    private static String chunk(Reply reply, ObjectNode delta, String finishReason) {
        ObjectNode choice = Json.MAPPER.createObjectNode();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.put("finish_reason", finishReason);
        ObjectNode chunk = envelope(reply, "chat.completion.chunk");
        ArrayNode choices = chunk.putArray("choices");
        choices.add(choice);
        if (reply.includeUsage()) {
            // OpenAI sends "usage": null on every chunk but the last when usage was asked for.
            chunk.putNull("usage");
        }
        return chunk.toString();
    }

    private static ObjectNode envelope(Reply reply, String object) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", reply.id());
        node.put("object", object);
        node.put("created", reply.created());
        node.put("model", reply.model());
        node.put("system_fingerprint", FINGERPRINT);
        return node;
    }

    private static void event(OutputStream out, String json) throws IOException {
        out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String visibleText(Reply reply) {
        String text = reply.text();
        if (reply.cutPercent().isEmpty()) {
            return text;
        }
        int codePoints = text.codePointCount(0, text.length());
        return text.substring(
                0, text.offsetByCodePoints(0, codePoints * reply.cutPercent().getAsInt() / 100));
    }

    /** Pieces of {@code size} code points, so a pair of surrogates never splits across chunks. */
    static List<String> pieces(String text, int size) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.offsetByCodePoints(start, Math.min(size, text.codePointCount(start, text.length())));
            pieces.add(text.substring(start, end));
            start = end;
        }
        return pieces;
    }

    /**
     * Ends the connection mid-stream as when a provider's connection drops: the client sees the stream end with no
     * final chunk and no [DONE] (throwing instead would make Javalin append an error page). Output is shut down first
     * (a FIN after the data) and the socket closed a moment later: closing at once can turn into a reset that makes
     * the client discard data it had already received.
     */
    private static void drop(Context ctx) throws InterruptedException {
        var endPoint = ServletContextRequest.getServletContextRequest(ctx.req())
                .getConnectionMetaData()
                .getConnection()
                .getEndPoint();
        endPoint.shutdownOutput();
        Thread.sleep(100);
        endPoint.close();
    }

    private static void sleep(Duration duration) throws InterruptedException {
        if (duration.isPositive()) {
            Thread.sleep(duration);
        }
    }
}

package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the test provider uses tools, deterministically: when tools are offered and the last message is the user's, a
 * link in it asks for {@code read_url}, "search", "what is new", "latest" or "news" for {@code web_search}, and "docs",
 * "documentation", "manual" or "handbook" for {@code knowledge_search}; when the last messages are tool results, the
 * answer is built from them, citing each numbered source it used as {@code [n]}. It never follows instructions found
 * in a tool result — a real model might, which is why the gate, not the model, decides what may leave.
 *
 * <p>The protocol is checked as the real service checks it: every tool message must answer a call of an earlier
 * assistant message, and every call must be answered before the next non-tool message (HTTP 400 otherwise).
 */
final class ToolScript {
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"')]+");
    private static final Pattern SEARCH =
            Pattern.compile("\\b(search|look up|what(?:'s| is) new|latest|news)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern DOCS =
            Pattern.compile("\\b(docs|documentation|manual|handbook)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMBERED = Pattern.compile("^\\[(\\d+)] (.+)$");

    private ToolScript() {}

    /** One call of an assistant message, as the wire carries it. */
    record Call(String id, String name, String arguments) {
        Call {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(arguments, "arguments");
        }

        ObjectNode json(int index) {
            ObjectNode call = Json.MAPPER.createObjectNode();
            call.put("index", index);
            call.put("id", id);
            call.put("type", "function");
            call.putObject("function").put("name", name).put("arguments", arguments);
            return call;
        }
    }

    static List<Call> calls(JsonNode node, String where) {
        if (!node.isArray()) {
            throw OpenAiError.invalidRequest(
                    "Invalid type for '" + where + ".tool_calls': expected an array.", where + ".tool_calls");
        }
        List<Call> calls = new ArrayList<>();
        for (JsonNode call : node) {
            JsonNode function = call.path("function");
            if (!call.path("id").isTextual() || !function.path("name").isTextual()) {
                throw OpenAiError.invalidRequest(
                        "Invalid value for '" + where + ".tool_calls': each call needs an id and a function name.",
                        where + ".tool_calls");
            }
            calls.add(new Call(
                    call.path("id").asText(),
                    function.path("name").asText(),
                    function.path("arguments").asText("")));
        }
        return calls;
    }

    /** @throws OpenAiError (400) when a tool message answers no open call, or a call is left unanswered */
    static void requireAnsweredInOrder(List<CompletionRequest.Message> messages) {
        Set<String> open = new LinkedHashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            CompletionRequest.Message message = messages.get(i);
            if (message.role().equals("tool")) {
                if (!open.remove(message.toolCallId().orElse(""))) {
                    throw OpenAiError.invalidRequest(
                            "Invalid parameter: messages with role 'tool' must be a response to a preceding message"
                                    + " with 'tool_calls' (messages[" + i + "].tool_call_id).",
                            "messages[" + i + "].tool_call_id");
                }
                continue;
            }
            if (!open.isEmpty()) {
                throw unanswered(open);
            }
            message.calls().forEach(call -> open.add(call.id()));
        }
        if (!open.isEmpty()) {
            throw unanswered(open);
        }
    }

    private static OpenAiError unanswered(Set<String> open) {
        return OpenAiError.invalidRequest(
                "An assistant message with 'tool_calls' must be followed by tool messages responding to each"
                        + " 'tool_call_id'. The following tool_call_ids did not have response messages: "
                        + String.join(", ", open),
                "messages");
    }

    /**
     * The calls to make for this request, if it offers tools and the user's last message asks for one. A user message
     * containing "search again" makes it search once more after each result while tools are offered (at most five
     * times), so tests can watch the gateway's limits stop it.
     */
    static List<Call> decide(List<CompletionRequest.Message> messages, List<String> tools, long callNumber) {
        if (tools.isEmpty() || messages.isEmpty()) {
            return List.of();
        }
        String id = "call_test_" + callNumber;
        if (!messages.getLast().role().equals("user")) {
            int lastUser = messages.size() - 1;
            while (lastUser >= 0 && !messages.get(lastUser).role().equals("user")) {
                lastUser--;
            }
            long results = messages.subList(lastUser + 1, messages.size()).stream()
                    .filter(message -> message.role().equals("tool"))
                    .count();
            if (lastUser >= 0
                    && messages.get(lastUser).content().toLowerCase(Locale.ROOT).contains("search again")
                    && tools.contains("web_search")
                    && results < 5) {
                return List.of(new Call(id, "web_search", arguments("query", "aurora " + (results + 1))));
            }
            return List.of();
        }
        String text = messages.getLast().content();
        Matcher url = URL.matcher(text);
        if (tools.contains("read_url") && url.find()) {
            return List.of(new Call(id, "read_url", arguments("url", url.group())));
        }
        if (tools.contains("web_search") && SEARCH.matcher(text).find()) {
            return List.of(new Call(id, "web_search", arguments("query", query(text))));
        }
        if (tools.contains("knowledge_search") && DOCS.matcher(text).find()) {
            return List.of(new Call(id, "knowledge_search", arguments("query", query(text))));
        }
        return List.of();
    }

    /** The question without the words that asked for a search, as a person would type it into a search box. */
    static String query(String text) {
        String query = text.replaceAll(
                        "(?i)\\b(please|search( for)?|look up|what(?:'s| is) new (about|in|with)"
                                + "|according to (the|our) (docs|documentation|manual|handbook)|in (the|our) (docs|documentation"
                                + "|manual|handbook))\\b",
                        " ")
                .replaceAll("[?!.]+$", "")
                .replaceAll("\\s+", " ")
                .strip();
        return query.isEmpty() ? text.strip() : query;
    }

    private static String arguments(String key, String value) {
        ObjectNode arguments = Json.MAPPER.createObjectNode();
        arguments.put(key, value);
        return arguments.toString();
    }

    /** An answer from the tool results after the user's last message, or empty when there are none. */
    static Optional<String> answer(List<CompletionRequest.Message> messages) {
        List<String> results = new ArrayList<>();
        for (int i = messages.size() - 1; i >= 0 && messages.get(i).role().equals("tool"); i--) {
            results.addFirst(messages.get(i).content());
        }
        if (results.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder answer = new StringBuilder();
        for (String result : results) {
            answer.append(summary(result)).append("\n\n");
        }
        return Optional.of(answer.toString().strip());
    }

    /** What one result says: its numbered entries with a line each, a page's opening, or what failed. */
    private static String summary(String result) {
        List<String> lines = result.lines().map(String::strip).toList();
        Optional<String> failed = lines.stream()
                .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("tool failed:"))
                .findFirst();
        if (failed.isPresent()) {
            return "I could not find that: "
                    + failed.get().substring("tool failed:".length()).strip();
        }
        StringBuilder found = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            Matcher numbered = NUMBERED.matcher(lines.get(i));
            if (numbered.matches()) {
                String snippet = i + 2 < lines.size() ? lines.get(i + 2) : "";
                found.append("- **")
                        .append(numbered.group(2))
                        .append("**: ")
                        .append(firstSentence(snippet))
                        .append(" [")
                        .append(numbered.group(1))
                        .append("]\n");
            }
        }
        if (!found.isEmpty()) {
            return "Here is what I found:\n\n" + found.toString().strip();
        }
        String title = lines.stream()
                .filter(line -> line.startsWith("Title: "))
                .map(line -> line.substring(7))
                .findFirst()
                .orElse("the page");
        String body = lines.stream()
                .filter(line -> !line.isEmpty() && !line.contains(": ") && !line.startsWith("`"))
                .findFirst()
                .orElse("");
        return "Summary of " + title + ": " + firstSentence(body) + " [1]";
    }

    private static String firstSentence(String text) {
        int end = text.indexOf(". ");
        String sentence = end < 0 ? text : text.substring(0, end + 1);
        return sentence.length() > 300 ? sentence.substring(0, 300) + "…" : sentence;
    }
}

package io.grokgram.privacy;

import io.grokgram.llm.ToolCall;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The provenance of tool results: the tool call ids the gate relayed from the provider, per conversation. A tool result
 * is admitted only when it answers a call the provider made in the same conversation through this gate — so a result
 * cannot be made up by a caller, carried over from another user's conversation, or smuggled in as if it were one, and
 * nothing a tool returned can open the gate wider: its content is never consulted.
 *
 * <p>In memory and bounded (the most recent {@value #CONVERSATIONS} conversations): a tool loop lasts one turn, and a
 * turn that resumes after a restart starts its loop again with fresh calls.
 */
final class IssuedCalls {
    static final int CONVERSATIONS = 10_000;
    private static final int CALLS_PER_CONVERSATION = 64;

    private final Map<String, Set<String>> issued = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
            return size() > CONVERSATIONS;
        }
    };

    synchronized void record(String conversationId, List<ToolCall> calls) {
        if (calls.isEmpty()) {
            return;
        }
        Set<String> ids = issued.computeIfAbsent(conversationId, key -> new java.util.LinkedHashSet<>());
        calls.forEach(call -> ids.add(call.id()));
        while (ids.size() > CALLS_PER_CONVERSATION) {
            ids.remove(ids.iterator().next());
        }
    }

    synchronized Set<String> of(String conversationId) {
        return Set.copyOf(issued.getOrDefault(conversationId, Set.of()));
    }
}

package io.grokgram.llm;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;

/**
 * A {@link ChatProvider} for any OpenAI-compatible Chat Completions API (xAI's by default), through langchain4j's
 * {@link OpenAiStreamingChatModel}, built once.
 *
 * <p>Each call sends the model, {@code max_tokens}, the request's {@code user} (the gate's pseudonym), {@code store}
 * (true only when both the settings and the request allow it; false by default), {@code stream_options.include_usage},
 * and the conversation key as header {@code x-grok-conv-id}, which routes xAI's prompt cache. The response's {@code
 * x-zero-data-retention} header comes back in {@link Completion#zeroDataRetention()}. The key is bound in a {@link ScopedValue} around the call because langchain4j reads its header supplier on the
 * calling thread while it builds the request.
 *
 * <p>Outcomes: a finished answer, including one cut short by the output limit ({@link FinishReason#LENGTH}) or ended by
 * the provider's content filter ({@link FinishReason#CONTENT_FILTER}: returned, not thrown, because its text is the
 * refusal to show and its usage is billed); interruption of the calling thread returns what was streamed with {@link
 * FinishReason#CANCELLED} and keeps the interrupt flag. Every failure is one {@link LlmException}: a stream that breaks
 * off without {@code [DONE]} is {@link LlmException.Unavailable} and one that goes quiet for the request timeout is
 * {@link LlmException.TimedOut}, both with the {@link LlmException#partialText() text streamed so far}. An exception
 * thrown by the observer is rethrown unchanged.
 */
public final class OpenAiCompatibleProvider implements ChatProvider {
    static final String CONVERSATION_HEADER = "x-grok-conv-id";
    private static final ScopedValue<String> CONVERSATION = ScopedValue.newInstance();

    private final ProviderSettings settings;
    private final ProviderErrors errors;
    private final OpenAiStreamingChatModel model;

    public OpenAiCompatibleProvider(ProviderSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.errors = new ProviderErrors(settings.name(), settings.apiKey());
        // Never closed: a thread-per-task executor holds no idle threads, and the JDK client lives as long as we do.
        HttpClient.Builder jdk = HttpClient.newBuilder()
                .executor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual()
                        .name("grokgram-llm-" + settings.name() + "-", 0)
                        .factory()));
        this.model = OpenAiStreamingChatModel.builder()
                .httpClientBuilder(new SseHttpClient.Builder(jdk, settings.connectTimeout(), settings.requestTimeout()))
                .baseUrl(settings.baseUrl().toString())
                .apiKey(settings.apiKey().map(ApiKey::value).orElse(null))
                .store(settings.storeRequests())
                .customHeaders(OpenAiCompatibleProvider::conversationHeader)
                .logRequests(false)
                .logResponses(false)
                .build();
    }

    @Override
    public Completion stream(ProviderRequest request, StreamObserver observer) {
        Objects.requireNonNull(request, "request");
        requireHeaderSafe(request.conversationKey());
        StreamCall call = new StreamCall(request.model(), observer, settings.requestTimeout(), errors);
        if (Thread.currentThread().isInterrupted()) {
            return call.cancelledBeforeStart();
        }
        ChatRequest chat = ChatRequest.builder()
                .messages(messages(request.messages()))
                .parameters(OpenAiChatRequestParameters.builder()
                        .modelName(request.model().value())
                        .maxOutputTokens(
                                request.maxOutputTokens().isPresent()
                                        ? request.maxOutputTokens().getAsInt()
                                        : null)
                        .user(request.user().orElse(null))
                        .store(settings.storeRequests() && request.store())
                        .toolSpecifications(request.tools().isEmpty() ? null : tools(request.tools()))
                        .build())
                .build();
        ScopedValue.where(CONVERSATION, request.conversationKey()).run(() -> model.chat(chat, call));
        return call.await();
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public String toString() {
        return "OpenAiCompatibleProvider[" + settings.name() + " at " + settings.baseUrl() + "]";
    }

    private static Map<String, String> conversationHeader() {
        if (!CONVERSATION.isBound() || CONVERSATION.get().isEmpty()) {
            return Map.of();
        }
        return Map.of(CONVERSATION_HEADER, CONVERSATION.get());
    }

    /**
     * The messages in langchain4j's types. A tool result names its tool on the wire only through the call it answers,
     * so the names come from the assistant messages before it.
     */
    private static List<ChatMessage> messages(List<PromptMessage> messages) {
        Map<String, String> toolNames = new HashMap<>();
        messages.forEach(message -> message.toolCalls().forEach(call -> toolNames.put(call.id(), call.name())));
        return messages.stream()
                .map(message -> switch (message.role()) {
                    case SYSTEM -> (ChatMessage) SystemMessage.from(message.content());
                    case USER -> UserMessage.from(message.content());
                    case ASSISTANT ->
                        message.toolCalls().isEmpty()
                                ? AiMessage.from(message.content())
                                : AiMessage.builder()
                                        .text(message.content().isBlank() ? null : message.content())
                                        .toolExecutionRequests(message.toolCalls().stream()
                                                .map(call -> ToolExecutionRequest.builder()
                                                        .id(call.id())
                                                        .name(call.name())
                                                        .arguments(call.arguments())
                                                        .build())
                                                .toList())
                                        .build();
                    case TOOL -> {
                        String id = message.toolCallId().orElseThrow();
                        yield ToolExecutionResultMessage.from(
                                id, toolNames.getOrDefault(id, "tool"), message.content());
                    }
                })
                .toList();
    }

    /** Grokgram's tools take string arguments only, all required. */
    static List<ToolSpecification> tools(List<ToolSpec> tools) {
        return tools.stream()
                .map(tool -> {
                    JsonObjectSchema.Builder schema = JsonObjectSchema.builder();
                    tool.parameters().forEach(schema::addStringProperty);
                    return ToolSpecification.builder()
                            .name(tool.name())
                            .description(tool.description())
                            .parameters(schema.required(
                                            List.copyOf(tool.parameters().keySet()))
                                    .build())
                            .build();
                })
                .toList();
    }

    /** The key becomes a header value: printable ASCII only, or empty for no header. */
    private static void requireHeaderSafe(String conversationKey) {
        if (!conversationKey.chars().allMatch(c -> c > 0x20 && c < 0x7f) || conversationKey.length() > 256) {
            throw new IllegalArgumentException(
                    "a conversation key must be at most 256 printable ASCII characters without spaces, got "
                            + conversationKey.length() + " characters");
        }
    }
}

package io.grokgram.telegram;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.objects.ApiResponse;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * A Bot API method sent with raw parameters and answered with the raw {@code result} JSON text. Used where the client
 * library's types would lose something: updates (fields newer than the library must survive intake) and parameters
 * newer than the library (a draft's {@code can_stop}). Transport and error decoding stay the library's.
 */
final class RawMethod extends BotApiMethod<String> {
    private static final long serialVersionUID = 1L;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String method;
    private final Map<String, Object> parameters;

    RawMethod(String method, Map<String, Object> parameters) {
        this.method = method;
        this.parameters = new LinkedHashMap<>(parameters);
    }

    @JsonAnyGetter
    Map<String, Object> parameters() {
        return parameters;
    }

    @Override
    public String getMethod() {
        return method;
    }

    @Override
    public String deserializeResponse(String answer) throws TelegramApiRequestException {
        try {
            JsonNode response = JSON.readTree(answer);
            if (response.path("ok").asBoolean(false)) {
                return response.path("result").toString();
            }
            ApiResponse<Object> failure = JSON.readValue(answer, new TypeReference<ApiResponse<Object>>() {});
            throw new TelegramApiRequestException("Error executing " + method, failure);
        } catch (JsonProcessingException e) {
            throw new TelegramApiRequestException("Unable to deserialize response", e);
        }
    }
}

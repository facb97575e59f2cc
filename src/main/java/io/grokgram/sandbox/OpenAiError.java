package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;

/**
 * An error answered in OpenAI's shape, {@code {"error":{"message","type","param","code"}}}, with its HTTP status.
 * Thrown from deep inside validation and caught once by the route, as Javalin's own HttpResponseException is: it keeps
 * the many checks linear.
 */
final class OpenAiError extends RuntimeException {
    private final int status;
    private final String type;
    private final Optional<String> code;
    private final Optional<String> param;
    private final Optional<Duration> retryAfter;

    private OpenAiError(
            int status,
            String message,
            String type,
            Optional<String> code,
            Optional<String> param,
            Optional<Duration> retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.retryAfter = retryAfter;
    }

    static OpenAiError invalidRequest(String message, String param) {
        return new OpenAiError(
                400, message, "invalid_request_error", Optional.empty(), Optional.of(param), Optional.empty());
    }

    static OpenAiError malformedJson() {
        return new OpenAiError(
                400,
                "We could not parse the JSON body of your request. The body must be a JSON object.",
                "invalid_request_error",
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    static OpenAiError missingKey() {
        return new OpenAiError(
                401,
                "You didn't provide an API key. Send it in the Authorization header as 'Bearer <key>'.",
                "invalid_request_error",
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    /** Never echoes the key it got, unlike some real services. */
    static OpenAiError wrongKey() {
        return new OpenAiError(
                401,
                "Incorrect API key provided.",
                "invalid_request_error",
                Optional.of("invalid_api_key"),
                Optional.empty(),
                Optional.empty());
    }

    static OpenAiError unknownModel(String model) {
        return new OpenAiError(
                404,
                "The model `" + model + "` does not exist or you do not have access to it.",
                "invalid_request_error",
                Optional.of("model_not_found"),
                Optional.empty(),
                Optional.empty());
    }

    /** A failure asked for by {@code #fail} or {@link TestProvider#failNext}. */
    static OpenAiError simulated(Failure.HttpError failure) {
        int status = failure.status();
        String what = switch (status) {
            case 400 -> "invalid request";
            case 401 -> "incorrect API key provided";
            case 402 -> "your team has run out of credits; purchase more in the console";
            case 403 -> "this team has no permission for this request";
            case 404 -> "not found";
            case 422 -> "unprocessable request";
            case 429 -> "rate limit reached, please slow down";
            case 500 -> "internal server error";
            case 502 -> "bad gateway";
            case 503 -> "service unavailable";
            default -> "HTTP " + status;
        };
        return new OpenAiError(
                status,
                "Simulated failure from the Grokgram test provider: " + what + ".",
                typeOf(status),
                codeOf(status),
                Optional.empty(),
                failure.retryAfter());
    }

    private static String typeOf(int status) {
        return switch (status) {
            case 403 -> "permission_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }

    private static Optional<String> codeOf(int status) {
        return Optional.ofNullable(
                switch (status) {
                    case 401 -> "invalid_api_key";
                    case 403 -> "permission_denied";
                    case 404 -> "not_found";
                    case 429 -> "rate_limit_exceeded";
                    case 503 -> "service_unavailable";
                    default -> null;
                });
    }

    int status() {
        return status;
    }

    void writeTo(Context ctx) {
        ObjectNode error = Json.MAPPER.createObjectNode();
        error.put("message", getMessage());
        error.put("type", type);
        error.put("param", param.orElse(null));
        error.put("code", code.orElse(null));
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("error", error);
        retryAfter.ifPresent(wait -> ctx.header("Retry-After", Long.toString(wait.toSeconds())));
        ctx.status(status).contentType("application/json").result(body.toString());
    }
}

package io.grokgram.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A search API reached over HTTP that answers like SearXNG's JSON API: {@code GET {url}?q=…&format=json} returning
 * {@code {"results":[{"url","title","content"}]}}. The URL is the operator's setting; the query is what the caller
 * cleared through the gate.
 */
public final class HttpSearch implements WebSearch {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final Duration timeout;
    private final HttpClient http;

    public HttpSearch(URI endpoint, Duration timeout) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Override
    public List<SearchHit> search(String query, int limit) {
        String separator = endpoint.getRawQuery() == null ? "?" : "&";
        URI uri = URI.create(
                endpoint + separator + "q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&format=json");
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new ToolException("the search service did not answer within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new ToolException(
                    "the search service could not be reached (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("the search was cancelled", e);
        }
        if (response.statusCode() != 200) {
            throw new ToolException("the search service answered HTTP " + response.statusCode());
        }
        try {
            List<SearchHit> hits = new ArrayList<>();
            for (JsonNode result : JSON.readTree(response.body()).path("results")) {
                if (hits.size() == limit) {
                    break;
                }
                if (result.path("url").isTextual()) {
                    hits.add(new SearchHit(
                            result.path("title").asText(result.path("url").asText()),
                            result.path("url").asText(),
                            result.path("content").asText("")));
                }
            }
            return hits;
        } catch (IOException e) {
            throw new ToolException("the search service answered something that is not JSON", e);
        }
    }

    @Override
    public String name() {
        return endpoint.getHost() == null ? "http-search" : "http-search:" + endpoint.getHost();
    }
}

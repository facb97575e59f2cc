package io.grokgram.tools;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * {@code read_url}: fetches one page and extracts its readable text with jsoup. Limits, each refused with a message
 * that says which: http and https only; the {@link AddressPolicy} on the first URL and on every redirect (followed by
 * hand, at most {@value #MAX_REDIRECTS}); HTML or plain text only; at most {@code maxBytes} of body (a declared
 * length over it is refused before reading); the whole read within {@code timeout}. Scripts, styles, navigation and
 * footers are dropped; the text is cut at {@code maxChars}.
 */
public final class PageReader {
    static final int MAX_REDIRECTS = 5;
    private static final Pattern CHARSET = Pattern.compile("charset=\"?([\\w.:-]+)", Pattern.CASE_INSENSITIVE);

    private final AddressPolicy policy;
    private final long maxBytes;
    private final int maxChars;
    private final Duration timeout;
    private final HttpClient http;

    public PageReader(AddressPolicy policy, long maxBytes, int maxChars, Duration timeout) {
        this.policy = Objects.requireNonNull(policy, "policy");
        if (maxBytes < 1 || maxChars < 1) {
            throw new IllegalArgumentException("read limits must be positive");
        }
        this.maxBytes = maxBytes;
        this.maxChars = maxChars;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** @throws ToolException (or its {@link ToolException.Refused}) with a message that says what went wrong */
    public PageText read(String link) {
        URI url;
        try {
            url = URI.create(link.strip());
        } catch (IllegalArgumentException e) {
            throw new ToolException.Refused("that is not a valid link");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            policy.check(url);
            HttpResponse<InputStream> response = fetch(url, deadline);
            int status = response.statusCode();
            if (status >= 300 && status < 400) {
                close(response);
                Optional<String> location = response.headers().firstValue("Location");
                if (location.isEmpty()) {
                    throw new ToolException("the page redirected without saying where (HTTP " + status + ")");
                }
                url = url.resolve(location.get());
                continue;
            }
            if (status != 200) {
                close(response);
                throw new ToolException("the page answered HTTP " + status);
            }
            return page(url, response);
        }
        throw new ToolException("the page redirected more than " + MAX_REDIRECTS + " times");
    }

    private HttpResponse<InputStream> fetch(URI url, long deadline) {
        Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(left)
                .header("Accept", "text/html, text/plain;q=0.8")
                .header("User-Agent", "Grokgram read_url")
                .GET()
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new ToolException("the page did not answer within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new ToolException(
                    "the page could not be fetched (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("reading the page was cancelled", e);
        }
    }

    private PageText page(URI url, HttpResponse<InputStream> response) {
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        boolean html = type.startsWith("text/html") || type.startsWith("application/xhtml");
        if (!html && !type.startsWith("text/plain")) {
            close(response);
            throw new ToolException.Refused("the link is not a web page but "
                    + (type.isBlank() ? "content of no declared type" : type.split(";")[0].strip())
                    + "; only HTML and plain text can be read");
        }
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > maxBytes) {
            close(response);
            throw tooLarge();
        }
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            throw new ToolException("the page broke off while it was read", e);
        }
        if (body.length > maxBytes) {
            throw tooLarge();
        }
        String raw = new String(body, charset(type));
        if (!html) {
            return cut(url, "", raw);
        }
        Document document = Jsoup.parse(raw, url.toString());
        document.select("script, style, noscript, nav, footer, header, form, iframe, svg")
                .remove();
        return cut(
                url,
                document.title(),
                document.body() == null ? "" : document.body().text());
    }

    private PageText cut(URI url, String title, String text) {
        String clean = text.strip();
        boolean truncated = clean.length() > maxChars;
        return new PageText(url.toString(), title, truncated ? clean.substring(0, maxChars) : clean, truncated);
    }

    private ToolException tooLarge() {
        return new ToolException.Refused(
                "the page is larger than " + (maxBytes / 1024) + " KiB, the most a tool reads");
    }

    private static Charset charset(String type) {
        Matcher matcher = CHARSET.matcher(type);
        if (matcher.find()) {
            try {
                return Charset.forName(matcher.group(1));
            } catch (IllegalArgumentException e) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException e) {
            // nothing more to read from it either way
        }
    }
}

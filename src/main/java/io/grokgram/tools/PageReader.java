package io.grokgram.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * {@code read_url}: fetches one page and extracts its readable text with jsoup. Limits, each refused with a message
 * that says which: http and https only; the {@link AddressPolicy} on the first URL and on every redirect (followed by
 * hand, at most {@value #MAX_REDIRECTS}); HTML or plain text only; at most {@code maxBytes} of body (a declared
 * length over it is refused before reading); the whole read within {@code timeout}. Scripts, styles, navigation and
 * footers are dropped; the text is cut at {@code maxChars}.
 *
 * <p>The fetch runs on OkHttp because its resolver is a hook per client: {@link CheckedDns} resolves each host name
 * once, checks every address, and OkHttp connects only to those, so the addresses checked are the addresses connected
 * to (a DNS server that answers a public address first and loopback a moment later gets no second question). TLS
 * still verifies the host name. No proxy is used: through one, the policy would judge the proxy, not the page.
 */
public final class PageReader {
    static final int MAX_REDIRECTS = 5;
    private static final Pattern CHARSET = Pattern.compile("charset=\"?([\\w.:-]+)", Pattern.CASE_INSENSITIVE);

    private final AddressPolicy policy;
    private final long maxBytes;
    private final int maxChars;
    private final Duration timeout;
    private final OkHttpClient http;

    public PageReader(AddressPolicy policy, long maxBytes, int maxChars, Duration timeout) {
        this(policy, maxBytes, maxChars, timeout, CheckedDns.SYSTEM);
    }

    /** With the resolver a test steers. */
    PageReader(AddressPolicy policy, long maxBytes, int maxChars, Duration timeout, CheckedDns.Lookup lookup) {
        this.policy = Objects.requireNonNull(policy, "policy");
        if (maxBytes < 1 || maxChars < 1) {
            throw new IllegalArgumentException("read limits must be positive");
        }
        this.maxBytes = maxBytes;
        this.maxChars = maxChars;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = new OkHttpClient.Builder()
                .dns(new CheckedDns(policy, lookup))
                .proxy(Proxy.NO_PROXY)
                .followRedirects(false)
                .followSslRedirects(false)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .callTimeout(timeout)
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
            HttpUrl target = target(url);
            try (Response response = fetch(target, deadline)) {
                int status = response.code();
                if (status >= 300 && status < 400) {
                    String location = response.header("Location");
                    if (location == null) {
                        throw new ToolException("the page redirected without saying where (HTTP " + status + ")");
                    }
                    url = redirected(url, location);
                    continue;
                }
                if (status != 200) {
                    throw new ToolException("the page answered HTTP " + status);
                }
                return page(url, response);
            }
        }
        throw new ToolException("the page redirected more than " + MAX_REDIRECTS + " times");
    }

    /**
     * The URL as OkHttp will use it, checked both as given and as OkHttp parsed it, so a link the two parsers read
     * differently cannot slip a literal address past the policy.
     */
    private HttpUrl target(URI url) {
        policy.check(url);
        HttpUrl target = HttpUrl.get(url);
        if (target == null) {
            throw new ToolException.Refused("that is not a valid link");
        }
        policy.check(target.uri());
        return target;
    }

    private static URI redirected(URI from, String location) {
        try {
            return from.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            throw new ToolException("the page redirected to something that is not a valid link", e);
        }
    }

    private Response fetch(HttpUrl url, long deadline) {
        Request request = new Request.Builder()
                .url(url)
                .header("Accept", "text/html, text/plain;q=0.8")
                .header("User-Agent", "Grokgram read_url")
                .get()
                .build();
        Call call = http.newCall(request);
        // one deadline for all hops and for reading the body, which OkHttp's call timeout covers too
        call.timeout().timeout(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        try {
            return call.execute();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private ToolException failure(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CheckedDns.Refusal refusal) {
                return refusal.reason();
            }
        }
        if (Thread.currentThread().isInterrupted()) {
            return new ToolException("reading the page was cancelled", e);
        }
        if (e instanceof InterruptedIOException) {
            return new ToolException("the page did not answer within " + timeout.toMillis() + " ms", e);
        }
        return new ToolException(
                "the page could not be fetched (" + e.getClass().getSimpleName() + ")", e);
    }

    private PageText page(URI url, Response response) {
        String type =
                Objects.requireNonNullElse(response.header("Content-Type"), "").toLowerCase(Locale.ROOT);
        boolean html = type.startsWith("text/html") || type.startsWith("application/xhtml");
        if (!html && !type.startsWith("text/plain")) {
            throw new ToolException.Refused("the link is not a web page but "
                    + (type.isBlank() ? "content of no declared type" : type.split(";")[0].strip())
                    + "; only HTML and plain text can be read");
        }
        ResponseBody content = Objects.requireNonNull(response.body(), "a called response has a body");
        if (content.contentLength() > maxBytes) {
            throw tooLarge();
        }
        byte[] body;
        try (InputStream in = content.byteStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (InterruptedIOException e) {
            throw failure(e);
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
}

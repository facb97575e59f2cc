package io.grokgram.sandbox;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * URL checks as Telegram applies them to {@code text_link} entities, HTML links and URL buttons: a port of TDLib's
 * {@code parse_url} and {@code LinkManager::check_link}. Accepts http, https (scheme optional, http assumed) and
 * {@code tg://} links, and returns them normalised the way Telegram echoes them back (lower-case host, a path of at
 * least "/"), so "https://Example.com" comes back as "https://example.com/".
 */
final class Links {
    private Links() {}

    /** A checked link, or the reason it was refused in TDLib's words ("Wrong HTTP URL"). */
    sealed interface Checked {
        record Valid(String url) implements Checked {}

        record Invalid(String reason) implements Checked {}
    }

    static Optional<String> checked(String link) {
        return check(link) instanceof Checked.Valid(String url) ? Optional.of(url) : Optional.empty();
    }

    /** The error text TDLib uses when a link is required to be valid. */
    static String invalidMessage(String link, String reason) {
        return "URL '" + link + "' is invalid: " + reason;
    }

    static Checked check(String link) {
        boolean tg = false;
        String rest = link;
        if (rest.regionMatches(true, 0, "tg:", 0, 3)) {
            rest = rest.substring(3);
            tg = true;
            if (rest.startsWith("//")) {
                rest = rest.substring(2);
            }
        }
        Object parsed = parseUrl(rest);
        if (parsed instanceof String reason) {
            return new Checked.Invalid(reason);
        }
        HttpUrl url = (HttpUrl) parsed;
        if (tg) {
            if (rest.regionMatches(true, 0, "http://", 0, 7)
                    || url.https
                    || !url.userinfo.isEmpty()
                    || url.specifiedPort != 0
                    || url.ipv6) {
                return new Checked.Invalid("Wrong tg URL");
            }
            String query = url.query;
            if (query.length() > 1 && query.charAt(1) == '?') {
                query = query.substring(1);
            }
            for (char c : url.host.toCharArray()) {
                if (!isAsciiAlnum(c) && c != '-' && c != '_') {
                    return new Checked.Invalid("Unallowed characters in URL host");
                }
            }
            return new Checked.Valid("tg://" + url.host + query);
        }
        if (url.host.indexOf('.') < 0 && !url.ipv6) {
            return new Checked.Invalid("Wrong HTTP URL");
        }
        return new Checked.Valid(url.toUrl());
    }

    /** Whether TDLib's URL parser accepts the text at all (setWebhook's only check on the URL). */
    static boolean isParsable(String url) {
        return parseUrl(url) instanceof HttpUrl;
    }

    /** The user id of a {@code tg://user?id=N} link, which Telegram turns into a {@code text_mention}. */
    static OptionalLong userId(String link) {
        String url = link.toLowerCase(Locale.ROOT);
        if (!url.startsWith("tg:")) {
            return OptionalLong.empty();
        }
        url = url.substring(3);
        if (url.startsWith("//")) {
            url = url.substring(2);
        }
        if (!url.startsWith("user") || (url.length() > 4 && "/?#".indexOf(url.charAt(4)) < 0)) {
            return OptionalLong.empty();
        }
        url = url.substring(4);
        if (url.startsWith("/")) {
            url = url.substring(1);
        }
        if (!url.startsWith("?")) {
            return OptionalLong.empty();
        }
        url = url.substring(1);
        int hash = url.indexOf('#');
        if (hash >= 0) {
            url = url.substring(0, hash);
        }
        for (String parameter : url.split("&", -1)) {
            int eq = parameter.indexOf('=');
            String key = eq < 0 ? parameter : parameter.substring(0, eq);
            if (key.equals("id")) {
                try {
                    return OptionalLong.of(Long.parseLong(eq < 0 ? "" : parameter.substring(eq + 1)));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }

    /** The custom emoji id of a {@code tg://emoji?id=N} link (MarkdownV2 {@code ![👍](tg://emoji?id=N)}). */
    static OptionalLong customEmojiId(String link) {
        String prefix = "tg://emoji?id=";
        if (!link.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return OptionalLong.empty();
        }
        try {
            long id = Long.parseLong(link.substring(prefix.length()));
            return id == 0 ? OptionalLong.empty() : OptionalLong.of(id);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private record HttpUrl(boolean https, String userinfo, String host, boolean ipv6, int specifiedPort, String query) {
        String toUrl() {
            return (https ? "https://" : "http://")
                    + (userinfo.isEmpty() ? "" : userinfo + "@")
                    + host
                    + (specifiedPort > 0 ? ":" + specifiedPort : "")
                    + query;
        }
    }

    /** TDLib's {@code parse_url}: an {@link HttpUrl} or the error text. */
    private static Object parseUrl(String url) {
        int schemeEnd = indexOfAny(url, ":/?#@[]", 0);
        boolean https = false;
        int pos;
        if (url.startsWith("://", schemeEnd)) {
            String protocol = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
            if (protocol.equals("https")) {
                https = true;
            } else if (!protocol.equals("http")) {
                return "Unsupported URL protocol";
            }
            pos = schemeEnd + 3;
        } else {
            pos = 0;
        }
        int authorityEnd = indexOfAny(url, "/?#", pos);
        String userinfoHostPort = url.substring(pos, authorityEnd);
        int colon = userinfoHostPort.length() - 1;
        while (colon > 0 && "]:@".indexOf(userinfoHostPort.charAt(colon)) < 0) {
            colon--;
        }
        int port = 0;
        String userinfoHost = userinfoHostPort;
        if (colon > 0 && userinfoHostPort.charAt(colon) == ':') {
            String portText = userinfoHostPort.substring(colon + 1).replaceFirst("^0+(?=.)", "");
            port = parsePort(portText);
            userinfoHost = userinfoHostPort.substring(0, colon);
        }
        if (port < 0 || port > 65535) {
            return "Wrong port number specified in the URL";
        }
        int at = userinfoHost.lastIndexOf('@');
        String userinfo = at < 0 ? "" : userinfoHost.substring(0, at);
        String host = userinfoHost.substring(at + 1);
        boolean ipv6 = host.length() >= 2 && host.charAt(0) == '[' && host.charAt(host.length() - 1) == ']';
        if (host.isEmpty()) {
            return "URL host is empty";
        }
        if (host.equals(".")) {
            return "Host is invalid";
        }
        String query = url.substring(authorityEnd).stripTrailing();
        if (query.isEmpty()) {
            query = "/";
        }
        StringBuilder path = new StringBuilder(query.startsWith("/") ? "" : "/");
        for (char c : query.toCharArray()) {
            if (c <= 0x20) {
                path.append('%').append(String.format(Locale.ROOT, "%02X", (int) c));
            } else {
                path.append(c);
            }
        }
        String lowerHost = host.toLowerCase(Locale.ROOT);
        if (ipv6) {
            for (int i = 1; i + 1 < lowerHost.length(); i++) {
                char c = lowerHost.charAt(i);
                if (c != ':' && c != '.' && !Character.isDigit(c) && (c < 'a' || c > 'f')) {
                    return "Wrong IPv6 URL host";
                }
            }
        } else {
            String error = checkUrlPart(lowerHost, "host", false);
            if (error == null) {
                error = checkUrlPart(userinfo, "userinfo", true);
            }
            if (error != null) {
                return error;
            }
        }
        return new HttpUrl(https, userinfo, lowerHost, ipv6, port, path.toString());
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            return port == 0 ? -1 : port;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String checkUrlPart(String part, String name, boolean allowColon) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (isAsciiAlnum(c) || ".-_!$,~*'();&+=".indexOf(c) >= 0 || (allowColon && c == ':') || c >= 128) {
                continue;
            }
            if (c == '%') {
                if (i + 2 < part.length() && isHex(part.charAt(i + 1)) && isHex(part.charAt(i + 2))) {
                    i += 2;
                    continue;
                }
                return "Wrong percent-encoded symbol in URL " + name;
            }
            return "Disallowed character in URL " + name;
        }
        return null;
    }

    private static int indexOfAny(String s, String chars, int from) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    static boolean isAsciiAlnum(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}

package io.grokgram.tools;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which addresses {@code read_url} may reach. By default only public ones: a page a user sends, or a search result,
 * must not make the gateway fetch from itself, the operator's network or a cloud metadata service (server-side request
 * forgery). A literal address in a link is checked by {@link #check}; a host name is checked by {@link #admit} where it
 * is resolved, inside the reader's resolver, so the addresses checked are the addresses connected to and a DNS server
 * that answers differently a moment later (rebinding) gets no second lookup to answer. Every address a name resolves to
 * is checked; a name with one refused address is refused whole. The sandbox, whose pages live on loopback, allows
 * private addresses.
 */
public record AddressPolicy(boolean allowPrivate, java.util.Set<String> trustedHosts) {
    private static final Pattern LITERAL_SHAPE = Pattern.compile(".*:.*|[0-9.]+");
    public static final AddressPolicy PUBLIC_ONLY = new AddressPolicy(false);

    /**
     * @param trustedHosts host names (or literal addresses) the operator lets tools reach even when they are private,
     *     e.g. an intranet wiki; every other host, redirects included, is checked
     */
    public AddressPolicy {
        trustedHosts = java.util.Set.copyOf(trustedHosts);
    }

    public AddressPolicy(boolean allowPrivate) {
        this(allowPrivate, java.util.Set.of());
    }

    /**
     * What can be checked without DNS: the scheme, the host, and the host itself when it is a literal address (an
     * HTTP client connects to a literal without asking a resolver, so {@link #admit} would never see it).
     *
     * @throws ToolException.Refused when the URL is not http(s), has no host, or names a refused address literally
     */
    public void check(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ToolException.Refused("only http and https links can be read, not "
                    + (scheme.isEmpty() ? "a link without a scheme" : scheme + ":"));
        }
        String host = url.getHost();
        if (host == null || host.isBlank()) {
            throw new ToolException.Refused("the link has no host name");
        }
        if (!trusts(host)) {
            literal(host).ifPresent(address -> admit(host, List.of(address)));
        }
    }

    /**
     * The addresses {@code host} resolved to, unchanged, when tools may reach every one of them.
     *
     * @throws ToolException.Refused naming the first refused address
     */
    List<InetAddress> admit(String host, List<InetAddress> addresses) {
        if (trusts(host)) {
            return addresses;
        }
        for (InetAddress address : addresses) {
            String kind = refusedKind(address);
            if (kind != null) {
                throw new ToolException.Refused("the link points to a " + kind + " address (" + host + " is "
                        + address.getHostAddress() + "), which tools may not reach");
            }
        }
        return addresses;
    }

    private boolean trusts(String host) {
        return allowPrivate || trustedHosts.contains(host.toLowerCase(Locale.ROOT));
    }

    /**
     * The address a host stands for when it looks like one. The shape covers OkHttp's test for "connect without a
     * resolver" (digits and dots, or anything with a colon), so whatever it would connect to directly is checked here;
     * a host of that shape that is no valid literal (e.g. {@code 1.2.3.4.5}) is refused, not left to a system lookup.
     */
    private static Optional<InetAddress> literal(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!LITERAL_SHAPE.matcher(bare).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.ofLiteral(bare));
        } catch (IllegalArgumentException e) {
            throw new ToolException.Refused("the link's host " + host + " is not a valid address");
        }
    }

    /** The kind of a refused address, or null for a public one. */
    static String refusedKind(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        byte[] raw = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = raw[0] & 0xff;
            int second = raw[1] & 0xff;
            if (first == 100 && second >= 64 && second < 128) {
                return "private (carrier-grade NAT)";
            }
            if (first == 0 || first >= 240) {
                return "reserved";
            }
        }
        if (address instanceof Inet6Address) {
            if ((raw[0] & 0xfe) == 0xfc) {
                return "private (unique local)";
            }
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= raw[i] == 0;
            }
            if (mapped && (raw[10] & 0xff) == 0xff && (raw[11] & 0xff) == 0xff) {
                try {
                    byte[] v4 = {raw[12], raw[13], raw[14], raw[15]};
                    return refusedKind(InetAddress.getByAddress(v4));
                } catch (UnknownHostException e) {
                    return "reserved";
                }
            }
        }
        return null;
    }
}

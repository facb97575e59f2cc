package io.grokgram.tools;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Which addresses {@code read_url} may reach. By default only public ones: a page a user sends, or a search result,
 * must not make the gateway fetch from itself, the operator's network or a cloud metadata service (server-side request
 * forgery). A host name is resolved and every address it resolves to is checked; a name with one private address is
 * refused whole. The sandbox, whose pages live on loopback, allows private addresses.
 *
 * <p>A hazard left open: the HTTP client resolves the name again when it connects, so a DNS server that answers a
 * public address here and a private one a moment later (rebinding) is not caught. Connecting to the checked address
 * would close it, at the cost of TLS name handling; an egress firewall is the operator's stronger guard.
 */
public record AddressPolicy(boolean allowPrivate, java.util.Set<String> trustedHosts) {
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

    /** @throws ToolException.Refused when the URL is not http(s) or its host is, or resolves to, a refused address */
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
        if (allowPrivate || trustedHosts.contains(host.toLowerCase(Locale.ROOT))) {
            return;
        }
        List<InetAddress> addresses;
        try {
            addresses = List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            throw new ToolException("the host " + host + " does not exist (DNS found no address)", e);
        }
        for (InetAddress address : addresses) {
            String kind = refusedKind(address);
            if (kind != null) {
                throw new ToolException.Refused("the link points to a " + kind + " address (" + host + " is "
                        + address.getHostAddress() + "), which tools may not reach");
            }
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

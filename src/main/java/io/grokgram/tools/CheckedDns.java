package io.grokgram.tools;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import okhttp3.Dns;

/**
 * {@code read_url}'s resolver: resolves a host name once, admits it only when the {@link AddressPolicy} allows every
 * address it resolved to, and hands OkHttp exactly those addresses to connect to. Checking here, not before the
 * request, is what closes DNS rebinding: there is no second lookup whose answer could differ from the checked one.
 */
final class CheckedDns implements Dns {
    /** Where names are resolved; tests pass one they can steer, e.g. one that answers differently the second time. */
    @FunctionalInterface
    interface Lookup {
        List<InetAddress> addresses(String host) throws UnknownHostException;
    }

    static final Lookup SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    private final AddressPolicy policy;
    private final Lookup lookup;

    CheckedDns(AddressPolicy policy, Lookup lookup) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    @Override
    public List<InetAddress> lookup(String host) throws UnknownHostException {
        List<InetAddress> addresses;
        try {
            addresses = List.copyOf(lookup.addresses(host));
        } catch (UnknownHostException e) {
            throw new Refusal(new ToolException("the host " + host + " does not exist (DNS found no address)", e));
        }
        if (addresses.isEmpty()) {
            throw new Refusal(new ToolException("the host " + host + " does not exist (DNS found no address)"));
        }
        try {
            return policy.admit(host, addresses);
        } catch (ToolException e) {
            throw new Refusal(e);
        }
    }

    /**
     * Carries the tool's own message through OkHttp, whose resolver contract allows only an UnknownHostException; the
     * reader finds it in the failure's causes and throws {@link #reason()} instead of a generic fetch error.
     */
    static final class Refusal extends UnknownHostException {
        private final ToolException reason;

        Refusal(ToolException reason) {
            super(reason.getMessage());
            this.reason = reason;
        }

        ToolException reason() {
            return reason;
        }
    }
}

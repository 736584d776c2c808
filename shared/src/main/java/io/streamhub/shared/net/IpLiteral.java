package io.streamhub.shared.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IP address written as text, read without ever asking DNS: {@link InetAddress#getByName} looks
 * a name up, and a forwarding header or a setting must never make a service wait on a resolver
 * (nor let a client choose what it resolves). So only the shapes of a literal are handed to it.
 */
public final class IpLiteral {

    private static final String OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(?:\\." + OCTET + "){3}");
    /** Hex groups, colons and an optional dotted tail; starting with a hex digit or a colon, as the JDK parses it as a literal. */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}");

    private IpLiteral() {
    }

    /** The address {@code text} spells (IPv4 dotted quad or IPv6, no brackets, no zone), or {@code null}. */
    public static InetAddress parse(String text) {
        boolean v4 = IPV4.matcher(text).matches();
        if (!v4 && !(text.indexOf(':') >= 0 && IPV6.matcher(text).matches())) {
            return null;
        }
        try {
            return InetAddress.getByName(text); // a literal by now: parsed, never resolved
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /**
     * The address of a proxy hop as proxies write it: {@code 192.0.2.1}, {@code 192.0.2.1:4711},
     * {@code 2001:db8::1}, {@code [2001:db8::1]} or {@code [2001:db8::1]:4711}; else {@code null}.
     */
    public static InetAddress parseHop(String hop) {
        String s = hop.trim();
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            boolean portOk = end > 0 && (end == s.length() - 1 || s.charAt(end + 1) == ':');
            return portOk ? parse(s.substring(1, end)) : null;
        }
        int colon = s.indexOf(':');
        if (colon > 0 && colon == s.lastIndexOf(':')) {
            s = s.substring(0, colon); // IPv4 with a port
        }
        return parse(s);
    }
}
